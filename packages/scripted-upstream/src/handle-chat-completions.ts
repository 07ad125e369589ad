import { buildChatCompletion } from './chat-completion-body.js';
import type { ChatMeta } from './chat-meta.js';
import { buildChatStreamFrames, CHAT_DONE_FRAME } from './chat-stream-frames.js';
import type { Exchange } from './exchange.js';
import { prepareTurn } from './prepare-turn.js';
import { readChatRequest } from './read-chat-request.js';
import { scriptedFailure } from './scripted-failure.js';
import { scriptedIds } from './scripted-ids.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { sendError } from './send-error.js';
import { injectMalformed, MALFORMED_CHAT_FRAME, midpoint } from './stream-faults.js';
import { writeEventStream } from './write-event-stream.js';
import { writeJsonBody } from './write-json-body.js';

/** What `#reasoning` thinks on the Chat route (docs/scripted-upstream.md#directives). */
export const CHAT_REASONING = 'The question needs a tool or a plain answer; deciding which.';

/**
 * `POST /v1/chat/completions`: JSON (docs/protocol/chat-completions.md#response) or SSE
 * (docs/protocol/chat-completions.md#streaming), shaped by the directives.
 */
export async function handleChatCompletions(exchange: Exchange): Promise<void> {
  const read = readChatRequest(exchange.body);
  if (!read.ok) return sendError(exchange.response, read.error, exchange.requestId);
  const request = read.value;
  const prepared = await prepareTurn(exchange, request);
  if (prepared === null) return;
  const { turn, directives, usage } = prepared;
  const meta: ChatMeta = {
    id: scriptedIds.chatCompletion(),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    systemFingerprint: scriptedIds.systemFingerprint(),
    usage,
  };
  const fragments = directives.fragments ?? SCRIPTED_UPSTREAM_DEFAULTS.fragments;
  const top = request.chatTopLogprobs;
  const reasoning =
    directives.reasoning || directives.vllmReasoning
      ? {
          text: CHAT_REASONING,
          field: directives.vllmReasoning ? ('reasoning' as const) : ('reasoning_content' as const),
        }
      : undefined;
  if (!request.stream) {
    const body = buildChatCompletion(turn, meta, {
      ...(top === undefined ? {} : { logprobs: { top, fragments } }),
      ...(reasoning === undefined ? {} : { reasoning }),
      citations: directives.citations,
    });
    return writeJsonBody(exchange, JSON.stringify(body), directives);
  }
  let frames = buildChatStreamFrames(turn, meta, {
    fragments,
    ...(top === undefined ? {} : { topLogprobs: top }),
    ...(reasoning === undefined ? {} : { reasoning }),
    citations: directives.citations,
    noIndex: directives.noIndex,
    interleave: directives.interleave,
    includeUsage: request.includeUsage,
    splitIds: directives.splitIds,
  });
  if (directives.errorMidstream)
    frames = [...frames.slice(0, midpoint(frames.length)), scriptedFailure.chatFrame()];
  if (directives.malformedChunk) frames = injectMalformed(frames, MALFORMED_CHAT_FRAME);
  await writeEventStream(exchange, [...frames, CHAT_DONE_FRAME], directives);
}
