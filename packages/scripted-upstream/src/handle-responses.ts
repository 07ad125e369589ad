import type { Exchange } from './exchange.js';
import { prepareTurn } from './prepare-turn.js';
import { readResponsesRequest } from './read-responses-request.js';
import { buildResponseObject, outputItems, type ResponseMeta } from './response-object.js';
import { buildResponsesEvents, serializeResponsesEvents } from './responses-stream-events.js';
import { scriptedFailure } from './scripted-failure.js';
import { scriptedIds } from './scripted-ids.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { sendError } from './send-error.js';
import { injectMalformed, MALFORMED_RESPONSES_FRAME, midpoint } from './stream-faults.js';
import { writeEventStream } from './write-event-stream.js';
import { writeJsonBody } from './write-json-body.js';

/**
 * `POST /v1/responses`: a Response object (docs/protocol/responses.md#response-object) or its event stream
 * (docs/protocol/responses.md#streaming, every event named, sequence numbers from 0, no `[DONE]`), shaped by
 * the directives. Stateless.
 */
export async function handleResponses(exchange: Exchange): Promise<void> {
  const read = readResponsesRequest(exchange.body);
  if (!read.ok) return sendError(exchange.response, read.error, exchange.requestId);
  const { request } = read.value;
  const prepared = await prepareTurn(exchange, request);
  if (prepared === null) return;
  const { turn, directives, usage } = prepared;
  // `#drop-strict`: a server that ignores `strict` reports every tool as non-strict.
  const echo = directives.dropStrict
    ? { ...read.value.echo, tools: read.value.echo.tools.map((tool) => ({ ...tool, strict: false })) }
    : read.value.echo;
  const meta: ResponseMeta = {
    id: scriptedIds.response(),
    createdAt: Math.floor(Date.now() / 1000),
    model: request.model,
    echo,
    messageId: scriptedIds.message(),
    style: {
      phase: directives.phase,
      reasoning: directives.reasoning,
      encryptedReasoning: read.value.encryptedReasoning,
    },
  };
  if (!request.stream) {
    const status = turn.finishReason === 'length' ? 'incomplete' : 'completed';
    const response = buildResponseObject(meta, {
      status,
      output: outputItems(turn, meta.messageId, meta.style),
      usage,
    });
    return writeJsonBody(exchange, JSON.stringify(response), directives);
  }
  let drafts = buildResponsesEvents(turn, meta, {
    fragments: directives.fragments ?? SCRIPTED_UPSTREAM_DEFAULTS.fragments,
    interleave: directives.interleave,
    usage,
    splitIds: directives.splitIds,
  });
  if (directives.errorMidstream) {
    drafts = [...drafts.slice(0, midpoint(drafts.length)), ...scriptedFailure.responsesDrafts(meta)];
  }
  let frames = serializeResponsesEvents(drafts);
  if (directives.malformedChunk) frames = injectMalformed(frames, MALFORMED_RESPONSES_FRAME);
  await writeEventStream(exchange, frames, directives);
}
