import {
  type CanonicalItem,
  type CanonicalUsage,
  ids,
  isJsonObject,
  type JsonObject,
  type ResponsesInputItem,
  responsesRequestToCanonical,
} from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { encodeCompactionContent } from '../state/compaction-content.js';
import { compactsNatively, expandCompactionItems } from '../state/expand-compaction-items.js';
import { toInputResource } from '../state/to-input-resource.js';
import { prepareTurn } from './prepare-turn.js';
import { type RunContext, runJsonTurn } from './run-turn.js';
import type { UpstreamTarget } from './upstream-target.js';

/** What a compaction produced: the new conversation window and what it cost. */
export interface Compaction {
  output: JsonObject[];
  usage: CanonicalUsage | null;
}

/** Options of {@link compactConversation}. */
export interface CompactConversationOptions {
  /** The model the client named. */
  model: string;
  target: UpstreamTarget;
  /** The conversation to compact, in wire form (prior items, then the request's input). */
  conversation: ResponsesInputItem[];
  instructions: string | null;
  promptCacheKey: string | null;
}

function userMessages(conversation: readonly ResponsesInputItem[]): JsonObject[] {
  return conversation
    .map(toInputResource)
    .filter(
      (item): item is ResponsesInputItem & JsonObject => isJsonObject(item) && item['type'] === 'message',
    )
    .filter((item) => item['role'] === 'user');
}

/** `cmp_` and the 48 creation-ordered hex digits of the gateway's other ids. */
function compactionId(): string {
  return `cmp_${ids.response().slice('resp_'.length)}`;
}

/**
 * Compacts a conversation (docs/open-responses.md#compaction). An upstream with native compaction does
 * it itself and its items come back verbatim; otherwise a summarising turn on the model produces the
 * summary and the window is every user message followed by one compaction item the gateway can expand
 * again when it comes back as input.
 */
export async function compactConversation(
  context: RunContext,
  deps: GatewayDeps,
  options: CompactConversationOptions,
): Promise<Compaction> {
  const { target } = options;
  const native = compactsNatively(target);
  const conversation = expandCompactionItems(options.conversation, { native });
  if (native) {
    return nativeCompaction(context, options, conversation);
  }
  return summarisingCompaction(context, deps, options, conversation);
}

async function nativeCompaction(
  context: RunContext,
  options: CompactConversationOptions,
  conversation: ResponsesInputItem[],
): Promise<Compaction> {
  const { target } = options;
  const canonical = responsesRequestToCanonical({
    model: options.model,
    input: conversation,
    instructions: options.instructions,
    ...(options.promptCacheKey !== null ? { prompt_cache_key: options.promptCacheKey } : {}),
  });
  const encoded = target.codec.encodeCompact?.(canonical, { model: target.upstreamModel });
  if (encoded === undefined || target.codec.decodeCompact === undefined) {
    throw new GatewayError({ code: 'internal_error', message: 'The upstream codec cannot compact.' });
  }
  const decodeCompact = target.codec.decodeCompact;
  const { value, retries } = await target.client.sendForText(
    {
      path: encoded.path,
      body: encoded.body,
      stream: false,
      signal: context.signal,
      requestId: context.requestId,
      trace: context,
    },
    (text) => decodeCompact(text),
  );
  context.log.upstreamRetries = retries;
  return value;
}

async function summarisingCompaction(
  context: RunContext,
  deps: GatewayDeps,
  options: CompactConversationOptions,
  conversation: ResponsesInputItem[],
): Promise<Compaction> {
  const canonical = responsesRequestToCanonical({
    model: options.model,
    input: [...conversation, { role: 'user', content: gatewayDefaults.compaction.prompt }],
    instructions: options.instructions,
    ...(options.promptCacheKey !== null ? { prompt_cache_key: options.promptCacheKey } : {}),
  });
  const turn = prepareTurn(canonical, 'responses', options.target);
  const answer = await runJsonTurn(context, deps, options.target, turn);
  const summary = textOf(answer.output).trim();
  if (summary === '') {
    throw new GatewayError({
      code: 'upstream_invalid_response',
      message:
        'The model returned no summary to compact the conversation into; try again or compact with another model.',
    });
  }
  const compaction = {
    id: compactionId(),
    type: 'compaction',
    encrypted_content: encodeCompactionContent(summary),
  };
  return { output: [...userMessages(options.conversation), compaction], usage: answer.usage };
}

/** The text of a turn's messages, parts joined. */
function textOf(output: readonly CanonicalItem[]): string {
  let text = '';
  for (const item of output) {
    if (item.type !== 'message') continue;
    if (typeof item.content === 'string') text += item.content;
    else for (const part of item.content) if (part.type === 'text') text += part.text;
  }
  return text;
}
