import { annotationsToChat, partAnnotations } from '../convert/chat-annotations.js';
import { appendChatLogprobs, chatLogprobsOf } from '../convert/chat-logprobs.js';
import { reasoningTextOf } from '../convert/chat-reasoning.js';
import { chatThinkingFields } from '../convert/chat-thinking-fields.js';
import { providerStateFields } from '../convert/provider-state-fields.js';
import { canonicalUsageToChat } from '../convert/usage.js';
import { CoreError } from '../errors/core-error.js';
import type { CanonicalFinishReason, CanonicalUsage, JsonObject } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ChatCompletionChunk, ChatFinishReason } from '../protocol/chat/types.js';
import { appendAll, flattenBatches, singletonBatches } from './batches.js';
import type { CanonicalStreamEvent, StreamError } from './canonical-stream-event.js';
import { toStreamError } from './to-stream-error.js';

/**
 * Options of {@link canonicalToChatChunks}: the identity the client sees on every chunk
 * (docs/protocol/sdk-requirements.md#chat-stream-helper, C8).
 */
export interface CanonicalToChatChunksOptions {
  id: string;
  created: number;
  model: string;
  /** `stream_options.include_usage`: a final `choices: []` chunk with usage; `usage: null` elsewhere. */
  includeUsage: boolean;
  /**
   * The request named a function in `tool_choice`: OpenAI then finishes with `stop`
   * (docs/protocol/tool-choice.md#effect-on-finish_reason).
   */
  forcedFunction?: boolean;
  /** The upstream's, when it said (a Chat upstream's first chunk): on every chunk, as OpenAI sends them. */
  serviceTier?: string;
  systemFingerprint?: string;
}

type ChunkDelta = ChatCompletionChunk['choices'][number]['delta'];
/**
 * What the encoder yields: a chunk, or the mid-stream error payload
 * (docs/protocol/chat-completions.md#streaming, rule 9).
 */
export type ChatStreamPayload = ChatCompletionChunk | { error: StreamError };

/**
 * Canonical stream events → Chat Completions chunk payloads, following the streaming rules 1–9 of
 * docs/protocol/chat-completions.md#streaming and the SDK rules C1–C8 of
 * docs/protocol/sdk-requirements.md#chat-stream-helper: role first, each call's id/type/name exactly once
 * with `arguments: ""`, then argument fragments only, dense sequential indices, a `delta: {}` finish chunk,
 * the usage chunk when asked. An `error` event becomes one `{error}` payload and ends the output; the
 * gateway's SSE writer adds `[DONE]`.
 */
export function canonicalToChatChunks(
  events: AsyncIterable<CanonicalStreamEvent>,
  options: CanonicalToChatChunksOptions,
): AsyncIterable<ChatStreamPayload> {
  return flattenBatches(canonicalBatchesToChatChunks(singletonBatches(events), options));
}

/** {@link canonicalToChatChunks} in batches (see `batches.ts`): one output batch per input batch. */
export async function* canonicalBatchesToChatChunks(
  batches: AsyncIterable<readonly CanonicalStreamEvent[]>,
  options: CanonicalToChatChunksOptions,
): AsyncIterable<ChatStreamPayload[]> {
  const writer = new ChatChunkWriter(options);
  let out: ChatStreamPayload[] = [];
  try {
    for await (const batch of batches) {
      for (const event of batch) {
        appendAll(out, writer.write(event));
        if (writer.ended) break;
      }
      writer.endBatch();
      if (out.length > 0) yield out;
      out = [];
      if (writer.ended) return;
    }
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    out.push({ error: toStreamError(error) });
    yield out;
    return;
  }
  // A producer that stops without `finish` or `error` broke the canonical contract; say so.
  yield [
    {
      error: toStreamError(
        new CoreError({ code: 'invalid_stream', message: 'The stream ended before the response finished.' }),
      ),
    },
  ];
}

class ChatChunkWriter {
  readonly #options: CanonicalToChatChunksOptions;
  #roleSent = false;
  #nextIndex = 0;
  #callIndex: number | undefined;
  #callChars = 0;
  /**
   * The text or argument delta last emitted in the current input batch: deltas that arrived together
   * go out as one chunk (a client concatenates them either way, and sending them apart would only
   * cost the same latency in more bytes and more encoding work). Cleared at each batch boundary and by
   * any other event, so nothing waits for later input and the order of events is kept.
   */
  #open:
    | { kind: 'content' | 'refusal'; delta: { content?: string; refusal?: string } }
    | { kind: 'reasoning'; delta: { reasoning_content: string } }
    | { kind: 'arguments'; call: { function: { arguments: string } } }
    | undefined;
  /**
   * The chunk the last delta of this input batch went out in: the `logprobs` that follow a delta join
   * it, so a client finds the tokens beside their text (cleared with {@link #open}).
   */
  #openChoice: ChatCompletionChunk['choices'][number] | undefined;
  /** Characters of `content` sent so far, and where the open text item's began (citation offsets). */
  #textChars = 0;
  #textStart = 0;
  ended = false;

  /** Ends the current input batch: the next delta starts a new chunk. */
  endBatch(): void {
    this.#open = undefined;
    this.#openChoice = undefined;
  }

  constructor(options: CanonicalToChatChunksOptions) {
    this.#options = options;
  }

  write(event: CanonicalStreamEvent): ChatStreamPayload[] {
    if (
      event.type !== 'text-delta' &&
      event.type !== 'refusal-delta' &&
      event.type !== 'tool-call-delta' &&
      event.type !== 'reasoning-delta' &&
      event.type !== 'logprobs'
    ) {
      this.#open = undefined;
      this.#openChoice = undefined;
    }
    switch (event.type) {
      case 'logprobs':
        return this.#logprobs(event.logprobs);
      case 'text-start':
        this.#textStart = this.#textChars;
        return this.#role('text');
      case 'text-end':
        return this.#annotations(event.parts);
      case 'text-delta':
        return this.#content('content', event.delta);
      case 'refusal-delta':
        return this.#content('refusal', event.delta);
      case 'tool-call-start':
        return this.#callStart(event.callId, event.name, event.providerState);
      case 'tool-call-delta':
        return this.#callDelta(event.delta);
      case 'tool-call-end':
        return this.#callEnd(event.arguments);
      case 'reasoning':
        return this.#reasoning(event.item);
      case 'reasoning-delta':
        return event.target === 'content' ? this.#reasoningText(event.delta) : [];
      case 'finish':
        return this.#finish(event.finishReason, event.usage);
      case 'error':
        this.ended = true;
        return [{ error: event.error }];
      default:
        // response-start carries nothing the options do not already fix.
        return [];
    }
  }

  #chunk(delta: ChunkDelta, finishReason: ChatFinishReason | null = null): ChatCompletionChunk {
    const { id, created, model, serviceTier, systemFingerprint, includeUsage } = this.#options;
    return {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      ...(serviceTier === undefined ? {} : { service_tier: serviceTier }),
      ...(systemFingerprint === undefined ? {} : { system_fingerprint: systemFingerprint }),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    };
  }

  /** Rule 1: the first chunk carries the role; `content: ""` for text, `null` when a call comes first. */
  #role(first: 'text' | 'call'): ChatCompletionChunk[] {
    if (this.#roleSent) return [];
    this.#roleSent = true;
    const delta: ChunkDelta =
      first === 'text'
        ? { role: 'assistant', content: '', refusal: null }
        : { role: 'assistant', content: null };
    return [this.#chunk(delta)];
  }

  #content(kind: 'content' | 'refusal', text: string): ChatCompletionChunk[] {
    const out = this.#role('text');
    if (text === '') return out;
    if (kind === 'content') this.#textChars += text.length;
    const open = this.#open;
    if (open?.kind === kind) {
      open.delta[kind] = `${open.delta[kind] ?? ''}${text}`;
      return out;
    }
    const delta = kind === 'content' ? { content: text } : { refusal: text };
    this.#open = { kind, delta };
    out.push(this.#openChunk(delta));
    return out;
  }

  /**
   * A finished text's citations (a search model's, or a Responses upstream's `output_text` annotations):
   * one `delta.annotations` chunk in Chat's shape, as OpenAI sends them after the text. Their indices
   * count from the start of the Chat message's content.
   */
  #annotations(parts: ReadonlyArray<JsonObject | null> | undefined): ChatCompletionChunk[] {
    const list: unknown[] = [];
    for (const part of parts ?? []) if (part !== null) list.push(...partAnnotations(part));
    if (list.length === 0) return [];
    return [this.#chunk({ annotations: annotationsToChat(list, this.#textStart) })];
  }

  /** A chunk for a delta that later fragments of the same batch (and their `logprobs`) may join. */
  #openChunk(delta: ChunkDelta): ChatCompletionChunk {
    const chunk = this.#chunk(delta);
    this.#openChoice = chunk.choices[0];
    return chunk;
  }

  /**
   * Token log probabilities join the chunk of the delta they came with; without one (a delta held back,
   * or a replayed answer) they go out in a chunk of their own, `delta: {}`, which the SDKs accumulate
   * the same way; empty lists alone (a role chunk's) are not worth a chunk.
   */
  #logprobs(logprobs: JsonObject): ChatCompletionChunk[] {
    const open = this.#openChoice;
    if (open !== undefined) {
      open.logprobs = appendChatLogprobs(chatLogprobsOf(open.logprobs), logprobs);
      return [];
    }
    const joined = appendChatLogprobs(undefined, logprobs);
    if (isEmptyLogprobs(joined)) return [];
    const chunk = this.#openChunk({});
    const choice = chunk.choices[0];
    if (choice !== undefined) choice.logprobs = joined;
    return [chunk];
  }

  /**
   * Chat has no reasoning items; Anthropic thinking blocks go out as one delta with `reasoning_content`
   * and `thinking_blocks` (docs/protocol/anthropic.md §6). Other providers' reasoning is not shown.
   */
  #reasoning(raw: JsonObject): ChatCompletionChunk[] {
    const id = typeof raw['id'] === 'string' ? raw['id'] : undefined;
    const item = { type: 'reasoning' as const, raw, ...(id !== undefined ? { id } : {}) };
    const fields = chatThinkingFields([item]);
    if (fields !== undefined) {
      const out = this.#role('call');
      out.push(this.#chunk({ ...fields }));
      return out;
    }
    // A reasoning text that came whole (a replayed answer): one `reasoning_content` delta.
    const text = reasoningTextOf(item);
    return text === undefined || text === '' ? [] : this.#reasoningText(text);
  }

  /**
   * A reasoning server's thinking, as it streams it: `delta.reasoning_content` fragments
   * (docs/protocol/chat-completions.md#reasoning), joined within an input batch like text.
   */
  #reasoningText(text: string): ChatCompletionChunk[] {
    const out = this.#role('text');
    if (text === '') return out;
    const open = this.#open;
    if (open?.kind === 'reasoning') {
      open.delta.reasoning_content += text;
      return out;
    }
    const delta = { reasoning_content: text };
    this.#open = { kind: 'reasoning', delta };
    out.push(this.#openChunk(delta));
    return out;
  }

  /** Rule 2: the first delta of a call has index, id, type, name and empty arguments. */
  #callStart(callId: string, name: string, providerState: string | undefined): ChatCompletionChunk[] {
    const out = this.#role('call');
    this.#callIndex = this.#nextIndex++;
    this.#callChars = 0;
    const toolCall = {
      index: this.#callIndex,
      id: callId,
      type: 'function' as const,
      function: { name, arguments: '' },
      ...providerStateFields.chatExtra(providerState),
    };
    out.push(this.#chunk({ tool_calls: [toolCall] }));
    return out;
  }

  /** Rule 3: later deltas carry only the index and an argument fragment, never repeated fields. */
  #callDelta(fragment: string): ChatCompletionChunk[] {
    const index = this.#callIndex;
    if (index === undefined || fragment === '') return [];
    this.#callChars += fragment.length;
    const open = this.#open;
    if (open?.kind === 'arguments') {
      open.call.function.arguments += fragment;
      return [];
    }
    const call = { index, function: { arguments: fragment } };
    this.#open = { kind: 'arguments', call };
    return [this.#openChunk({ tool_calls: [call] })];
  }

  /** The end carries the full arguments; send what the deltas did not (`""` → `"{}"`, done-only calls). */
  #callEnd(args: string): ChatCompletionChunk[] {
    const out = args.length > this.#callChars ? this.#callDelta(args.slice(this.#callChars)) : [];
    this.#callIndex = undefined;
    return out;
  }

  /**
   * Rules 6–7: a `delta: {}` chunk with the reason, then the usage chunk when the client asked and the
   * upstream reported usage: an upstream that counted nothing is not reported as zero tokens
   * (docs/open-responses.md#nothing-lost).
   */
  #finish(reason: CanonicalFinishReason, usage: CanonicalUsage | null): ChatCompletionChunk[] {
    this.ended = true;
    const out = this.#role('text');
    const finishReason = reason === 'tool_calls' && this.#options.forcedFunction === true ? 'stop' : reason;
    out.push(this.#chunk({}, finishReason));
    if (this.#options.includeUsage && usage !== null) {
      const { choices: _choices, ...base } = this.#chunk({});
      out.push(withFields(base, { choices: [], usage: canonicalUsageToChat(usage) }));
    }
    return out;
  }
}

function isEmptyLogprobs(logprobs: JsonObject): boolean {
  const { content, refusal } = logprobs;
  return (
    (!Array.isArray(content) || content.length === 0) && (!Array.isArray(refusal) || refusal.length === 0)
  );
}
