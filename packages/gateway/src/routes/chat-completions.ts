import {
  type CanonicalRequest,
  CHAT_SSE_DONE,
  type ChatCompletionRequest,
  canonicalBatchesToChatChunks,
  canonicalToChatCompletion,
  chatRequestToCanonical,
  encodeChatSse,
  ids,
  validateChatRequest,
  withFields,
} from '@toolbridge/core';
import { admitModelCall } from '../access/admit-model-call.js';
import { GatewayError } from '../errors/gateway-error.js';
import { adjustedComment } from '../http/adjusted-comment.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { SseWriter } from '../http/sse-writer.js';
import { type PreparedTurn, prepareTurn } from '../pipeline/prepare-turn.js';
import { runJsonTurn, runStreamTurn } from '../pipeline/run-turn.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { readModelRequest } from './read-model-request.js';
import { storeBeforeFinish, storeChatCompletion, streamedCompletion } from './store-chat-completion.js';

/**
 * The completion's id: the upstream's for a Chat upstream, except when it is stored: stored completions
 * get the gateway's own id, unique in its store (docs/protocol/chat-completions.md#stored-completions).
 */
function completionId(target: UpstreamTarget, upstreamId: string, stored: boolean): string {
  return target.provider.api === 'chat' && upstreamId !== '' && !stored ? upstreamId : ids.chatCompletion();
}

/** What answering needs besides the turn itself. */
interface ChatAnswer {
  request: ChatCompletionRequest;
  canonical: CanonicalRequest;
  target: UpstreamTarget;
  turn: PreparedTurn;
}

async function answerJson(context: RequestContext, deps: GatewayDeps, answer: ChatAnswer): Promise<void> {
  const { canonical, target, turn } = answer;
  const stored = canonical.store === true;
  const enforced = await runJsonTurn(context, deps, target, turn);
  const completion = canonicalToChatCompletion(enforced, {
    id: completionId(target, enforced.id, stored),
    forcedFunction: canonical.toolChoice?.type === 'function',
  });
  if (!enforced.model) completion.model = canonical.model;
  if (stored) await storeChatCompletion(context, deps, { request: answer.request, completion });
  sendJson(context.response, 200, completion, baseHeaders(context, turn.adjustments));
}

async function answerStream(context: RequestContext, deps: GatewayDeps, answer: ChatAnswer): Promise<void> {
  const { canonical, target, turn } = answer;
  const stored = canonical.store === true;
  const { start, events } = await runStreamTurn(context, deps, target, turn);
  const writer = new SseWriter(context.response, baseHeaders(context, turn.adjustments));
  const announced = turn.adjustments.length;
  const shape = {
    id: completionId(target, start?.id ?? '', stored),
    created: start?.createdAt ?? Math.floor(Date.now() / 1000),
    model: start?.model || canonical.model,
    forcedFunction: canonical.toolChoice?.type === 'function',
    ...(start?.serviceTier === undefined ? {} : { serviceTier: start.serviceTier }),
    ...(start?.systemFingerprint === undefined ? {} : { systemFingerprint: start.systemFingerprint }),
  };
  const saved = stored
    ? storeBeforeFinish(events, (response) =>
        storeChatCompletion(context, deps, {
          request: answer.request,
          completion: streamedCompletion(response, shape),
        }),
      )
    : events;
  const batches = canonicalBatchesToChatChunks(
    saved,
    withFields(shape, { includeUsage: canonical.includeUsage }),
  );
  let failed = false;
  for await (const batch of batches) {
    let frames = '';
    for (const chunk of batch) {
      if ('error' in chunk) failed = true;
      frames += encodeChatSse(chunk);
    }
    await writer.write(frames);
  }
  const comment = adjustedComment(turn.adjustments, announced);
  if (comment !== '') await writer.write(comment);
  writer.end(failed ? undefined : CHAT_SSE_DONE);
}

/** `POST /v1/chat/completions`: validate, translate, relay, enforce, answer as JSON or as a chunk stream. */
export async function handleChatCompletions(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'chat.completions';
  const request = await readModelRequest(context, deps, validateChatRequest);
  if (request === null) return;
  if (typeof request.n === 'number' && request.n !== 1) {
    throw new GatewayError({
      code: 'unsupported_parameter',
      message: `toolbridge returns one choice per request; 'n' must be 1 (got ${request.n}). Send separate requests instead.`,
      param: 'n',
      openaiCode: 'unsupported_value',
    });
  }
  const canonical = chatRequestToCanonical(request);
  context.log.model = canonical.model;
  await admitModelCall(context, deps, canonical.model);
  const target = deps.resolveTarget(canonical.model);
  context.log.provider = target.provider.name;
  const turn = prepareTurn(canonical, 'chat', target);
  const answer: ChatAnswer = { request, canonical, target, turn };
  if (canonical.stream) await answerStream(context, deps, answer);
  else await answerJson(context, deps, answer);
}
