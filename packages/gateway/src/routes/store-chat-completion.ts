import {
  accumulateCanonical,
  type CanonicalResponse,
  type CanonicalStreamEvent,
  type ChatCompletion,
  type ChatCompletionRequest,
  canonicalToChatCompletion,
} from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';
import type { GatewayDeps } from './gateway-deps.js';
import { traceOf } from './trace-of.js';

/**
 * Keeps a `store: true` completion (docs/protocol/chat-completions.md#stored-completions): what the
 * client got, its request messages and metadata, and the viewer's metadata. Awaited before the answer
 * is sent, like a stored response (ADR 0003's write-through rule).
 */
export async function storeChatCompletion(
  context: RequestContext,
  deps: GatewayDeps,
  stored: { request: ChatCompletionRequest; completion: ChatCompletion },
): Promise<void> {
  const { request, completion } = stored;
  await deps.store.chatCompletions.save({
    id: completion.id,
    projectId: context.client.projectId,
    createdAt: completion.created,
    model: request.model,
    messages: request.messages,
    completion,
    metadata: (request.metadata ?? null) as Record<string, string> | null,
    trace: traceOf(context),
  });
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/**
 * Passes a completion's canonical event batches through and, when the batch with the `finish` event
 * comes, stores the completion the events add up to before letting that batch go: the last chunks
 * (finish reason, usage, `[DONE]`) leave only after the write. A stream that fails is not stored.
 */
export async function* storeBeforeFinish(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  save: (response: CanonicalResponse) => Promise<void>,
): AsyncIterable<CanonicalStreamEvent[]> {
  const seen: CanonicalStreamEvent[] = [];
  for await (const batch of batches) {
    let finished = false;
    for (const event of batch) {
      if (event.type === 'error') {
        yield batch;
        return;
      }
      seen.push(event);
      if (event.type === 'finish') finished = true;
    }
    if (finished) await save(await accumulateCanonical(fromArray(seen)));
    yield batch;
  }
}

/** The stored form of a streamed completion: the same object a JSON answer would have been. */
export function streamedCompletion(
  response: CanonicalResponse,
  options: { id: string; created: number; model: string; forcedFunction: boolean },
): ChatCompletion {
  const completion = canonicalToChatCompletion(response, {
    id: options.id,
    forcedFunction: options.forcedFunction,
  });
  completion.created = options.created;
  completion.model = options.model;
  return completion;
}
