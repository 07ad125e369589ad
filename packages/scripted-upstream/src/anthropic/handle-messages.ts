import type { Exchange } from '../exchange.js';
import { prepareTurn } from '../prepare-turn.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';
import { midpoint } from '../stream-faults.js';
import { writeEventStream } from '../write-event-stream.js';
import { writeJsonBody } from '../write-json-body.js';
import { buildAnthropicAnswer } from './anthropic-answer.js';
import { anthropicErrorJson, anthropicFailure, sendAnthropicError } from './anthropic-error.js';
import { buildMessageBody } from './anthropic-message-body.js';
import { buildMessageStreamFrames, PING_FRAME } from './anthropic-stream-frames.js';
import { readMessagesRequest } from './read-messages-request.js';

const OVERLOADED = { type: 'overloaded_error', message: 'Overloaded' };
/** `#error-midstream` on a non-streaming request: the whole request fails. */
const MIDSTREAM_FAILURE = {
  status: 500,
  type: 'api_error',
  message: 'The model failed while generating this response (scripted upstream #error-midstream).',
};
const MALFORMED_FRAME = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":\n\n';

/** The `event: error` frame Anthropic sends after HTTP 200 when it fails mid-stream. */
function errorFrame(requestId: string): string {
  return `event: error\ndata: ${anthropicErrorJson(OVERLOADED, requestId)}\n\n`;
}

/**
 * `POST /v1/messages`: Anthropic's Messages API as a test double (docs/scripted-upstream.md,
 * "Anthropic Messages"). The request is checked as Anthropic checks it (a 400 in Anthropic's shape
 * otherwise), planned by the same rules as the OpenAI routes, and answered as a `Message` or its SSE
 * stream. `#error=NNN` answers Anthropic's error for that status (529 overloaded, 429 with
 * `retry-after`); `#error-midstream` and `#error-at-start` send an `error` event after HTTP 200.
 */
export async function handleMessages(exchange: Exchange): Promise<void> {
  const read = readMessagesRequest(exchange.body);
  if (!read.ok) return sendAnthropicError(exchange.response, read.error, exchange.requestId);
  const { request, thinking } = read.value;
  const prepared = await prepareTurn(exchange, request, (failure) =>
    sendAnthropicError(
      exchange.response,
      failure.kind === 'midstream'
        ? MIDSTREAM_FAILURE
        : anthropicFailure(failure.kind === 'http' ? failure.status : 429),
      exchange.requestId,
    ),
  );
  if (prepared === null) return;
  const { turn, directives, usage, question } = prepared;
  const answer = buildAnthropicAnswer({ turn, usage, model: request.model, question, thinking, directives });
  if (!request.stream) {
    exchange.response.setHeader('request-id', exchange.requestId);
    return writeJsonBody(exchange, JSON.stringify(buildMessageBody(answer)), directives);
  }
  let frames = buildMessageStreamFrames(answer, directives.fragments ?? SCRIPTED_UPSTREAM_DEFAULTS.fragments);
  if (directives.errorAtStart) frames = [frames[0] ?? '', PING_FRAME, errorFrame(exchange.requestId)];
  else if (directives.errorMidstream)
    frames = [...frames.slice(0, midpoint(frames.length)), errorFrame(exchange.requestId)];
  if (directives.malformedChunk) {
    const at = midpoint(frames.length);
    frames = [...frames.slice(0, at), MALFORMED_FRAME, ...frames.slice(at)];
  }
  exchange.response.setHeader('request-id', exchange.requestId);
  await writeEventStream(exchange, frames, directives);
}
