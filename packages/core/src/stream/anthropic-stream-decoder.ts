import { readAnthropicError } from '../convert/anthropic/anthropic-error-fields.js';
import { toolInputArguments } from '../convert/anthropic/anthropic-message-to-canonical.js';
import {
  anthropicStopReasonToCanonical,
  anthropicUsageToCanonical,
} from '../convert/anthropic/anthropic-usage.js';
import { readThinkingBlocks, thinkingBlocksToReasoning } from '../convert/anthropic/thinking-blocks.js';
import { CoreError } from '../errors/core-error.js';
import type { JsonObject } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import type { AnthropicReasoningBlock } from '../protocol/anthropic/types.js';
import { ids } from '../protocol/ids.js';
import { ArgumentBuffer } from './argument-buffer.js';
import type { PayloadDecoder } from './canonical-batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import type { StreamLimits } from './stream-limits.js';
import { numberField, objectField, stringField } from './wire-fields.js';

type Events = CanonicalStreamEvent[];
type Block =
  | { kind: 'text' }
  | { kind: 'tool'; args: ArgumentBuffer; startInput: unknown; ended: boolean }
  | { kind: 'thinking'; thinking: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'skip' };

/**
 * The state machine behind `anthropicEventBatchesToCanonical` (docs/protocol/anthropic.md §10): one
 * parsed Messages stream event in, the canonical events it releases out.
 * - Tool calls are numbered by their own counter, never by the content-block index; argument
 *   fragments pass on as they arrive (the empty first fragment is dropped, `""` ends as `{}`).
 * - Consecutive text blocks form one text item; consecutive thinking blocks one reasoning item,
 *   released when the next block starts (the signature arrives last).
 * - `response-start` waits for the first content, so an `error` right after `message_start` is the
 *   stream's first event and the gateway can still retry or answer with an HTTP error.
 * - `ping` and unknown events are ignored; usage counters overwrite, never add.
 */
export class AnthropicStreamDecoder implements PayloadDecoder {
  readonly #limits: StreamLimits;
  readonly #blocks = new Map<number, Block>();
  readonly #usage: JsonObject = {};
  #meta = { id: '', model: '', createdAt: Math.floor(Date.now() / 1000) };
  #announced = false;
  #textOpen = false;
  #openTool: Block | undefined;
  #reasoning: AnthropicReasoningBlock[] | undefined;
  #calls = 0;
  #textBytes = 0;
  #stopReason: unknown;
  #sawDelta = false;
  #done = false;

  constructor(limits: StreamLimits) {
    this.#limits = limits;
  }

  /** True once `finish` or `error` was released; later input is ignored. */
  get done(): boolean {
    return this.#done;
  }

  push(payload: unknown): Events {
    if (this.#done || !isJsonObject(payload)) return [];
    switch (payload['type']) {
      case 'message_start':
        return this.#messageStart(objectField(payload, 'message') ?? {});
      case 'content_block_start':
        return this.#blockStart(
          numberField(payload, 'index') ?? -1,
          objectField(payload, 'content_block') ?? {},
        );
      case 'content_block_delta':
        return this.#blockDelta(numberField(payload, 'index') ?? -1, objectField(payload, 'delta') ?? {});
      case 'content_block_stop':
        return this.#blockStop(numberField(payload, 'index') ?? -1);
      case 'message_delta':
        this.#sawDelta = true;
        this.#stopReason = objectField(payload, 'delta')?.['stop_reason'] ?? this.#stopReason;
        this.#mergeUsage(objectField(payload, 'usage'));
        return [];
      case 'message_stop':
        return this.#finish();
      case 'error': {
        this.#done = true;
        const error = readAnthropicError(payload);
        const message = `The upstream failed mid-stream (${error.upstreamType ?? 'error'}): ${error.message}`;
        return [{ type: 'error', error: { message, type: error.type, code: error.code, param: null } }];
      }
      default:
        return [];
    }
  }

  /** The input ended: a stream cut before `message_stop` is finished only if its `message_delta` came. */
  end(): Events {
    if (this.#done) return [];
    if (this.#sawDelta) return this.#finish();
    throw new CoreError({
      code: 'invalid_stream',
      message:
        'The upstream Anthropic stream ended before message_stop, so the response is truncated and its tool calls are incomplete. Retry the request.',
    });
  }

  #messageStart(message: JsonObject): Events {
    this.#meta = {
      id: stringField(message, 'id') ?? '',
      model: stringField(message, 'model') ?? '',
      createdAt: this.#meta.createdAt,
    };
    this.#mergeUsage(objectField(message, 'usage'));
    return [];
  }

  /** Counters are cumulative totals: a later value overwrites, never adds (SDK `lib/MessageStream.ts`). */
  #mergeUsage(usage: JsonObject | undefined): void {
    for (const [key, value] of Object.entries(usage ?? {})) if (value !== null) this.#usage[key] = value;
  }

  /** Emits `response-start` once, before the first thing the client sees. */
  #announce(out: Events): Events {
    if (this.#announced) return out;
    this.#announced = true;
    const { id, model, createdAt } = this.#meta;
    out.unshift({ type: 'response-start', id: id || ids.chatCompletion(), model, createdAt });
    return out;
  }

  /** Ends the open item (text, or a call whose stop never came) and releases a run of thinking blocks. */
  #closeRuns(out: Events): void {
    const tool = this.#openTool;
    if (tool?.kind === 'tool') out.push(...this.#endTool(tool));
    if (this.#textOpen) {
      this.#textOpen = false;
      out.push({ type: 'text-end' });
    }
    if (this.#reasoning !== undefined) {
      out.push({ type: 'reasoning', item: thinkingBlocksToReasoning(this.#reasoning).raw });
      this.#reasoning = undefined;
    }
  }

  #blockStart(index: number, block: JsonObject): Events {
    const out: Events = [];
    switch (block['type']) {
      case 'text': {
        const text = stringField(block, 'text') ?? '';
        this.#blocks.set(index, { kind: 'text' });
        if (this.#reasoning !== undefined || this.#openTool !== undefined) this.#closeRuns(out);
        if (!this.#textOpen) {
          this.#textOpen = true;
          out.push({ type: 'text-start' });
        }
        out.push(...this.#text(text));
        return this.#announce(out);
      }
      case 'tool_use': {
        this.#closeRuns(out);
        if (++this.#calls > this.#limits.maxToolCalls) {
          throw new CoreError({
            code: 'stream_limit_exceeded',
            message: `The response has more than ${this.#limits.maxToolCalls} tool calls; raise streamLimits.maxToolCalls to allow more.`,
          });
        }
        const tool: Block = {
          kind: 'tool',
          args: new ArgumentBuffer(this.#limits, `tool call ${this.#calls - 1}`),
          startInput: block['input'],
          ended: false,
        };
        this.#blocks.set(index, tool);
        this.#openTool = tool;
        const callId = stringField(block, 'id') || ids.call();
        out.push({ type: 'tool-call-start', callId, name: stringField(block, 'name') ?? '' });
        return this.#announce(out);
      }
      case 'thinking':
        if (this.#textOpen || this.#openTool !== undefined) this.#closeRuns(out);
        this.#blocks.set(index, {
          kind: 'thinking',
          thinking: stringField(block, 'thinking') ?? '',
          signature: stringField(block, 'signature') ?? '',
        });
        return out.length > 0 ? this.#announce(out) : out;
      case 'redacted_thinking':
        if (this.#textOpen || this.#openTool !== undefined) this.#closeRuns(out);
        this.#blocks.set(index, { kind: 'redacted', data: stringField(block, 'data') ?? '' });
        return out.length > 0 ? this.#announce(out) : out;
      default:
        // Server-tool blocks and future kinds: nothing a client can receive.
        this.#blocks.set(index, { kind: 'skip' });
        return out;
    }
  }

  #text(text: string): Events {
    if (text === '') return [];
    this.#count(text);
    return [{ type: 'text-delta', delta: text }];
  }

  /** Text and thinking share the response's text budget (hostile streams are bounded). */
  #count(text: string): void {
    this.#textBytes += Buffer.byteLength(text, 'utf8');
    if (this.#textBytes > this.#limits.maxTextBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The response text exceeds ${this.#limits.maxTextBytes} bytes; raise streamLimits.maxTextBytes to allow more.`,
      });
    }
  }

  #blockDelta(index: number, delta: JsonObject): Events {
    const block = this.#blocks.get(index);
    if (block === undefined) return [];
    const type = delta['type'];
    if (block.kind === 'text' && type === 'text_delta') return this.#text(stringField(delta, 'text') ?? '');
    if (block.kind === 'tool' && type === 'input_json_delta') {
      const fragment = stringField(delta, 'partial_json') ?? '';
      if (fragment === '' || block.ended) return [];
      block.args.append(fragment);
      return [{ type: 'tool-call-delta', delta: fragment }];
    }
    if (block.kind === 'thinking' && type === 'thinking_delta') {
      const text = stringField(delta, 'thinking') ?? '';
      this.#count(text);
      block.thinking += text;
    } else if (block.kind === 'thinking' && type === 'signature_delta') {
      // One `signature_delta` carries the whole signature, "just before the block's
      // content_block_stop" (`SignatureDelta`, SDK src/resources/messages/messages.ts): set, not append.
      block.signature = stringField(delta, 'signature') ?? block.signature;
    }
    return [];
  }

  #blockStop(index: number): Events {
    const block = this.#blocks.get(index);
    if (block?.kind === 'tool') return this.#endTool(block);
    if (block?.kind === 'thinking' || block?.kind === 'redacted') {
      const read = readThinkingBlocks([
        block.kind === 'thinking'
          ? { type: 'thinking', thinking: block.thinking, signature: block.signature }
          : { type: 'redacted_thinking', data: block.data },
      ]);
      if (read !== undefined) this.#reasoning = [...(this.#reasoning ?? []), ...read];
    }
    return [];
  }

  #endTool(block: Extract<Block, { kind: 'tool' }>): Events {
    if (block.ended) return [];
    block.ended = true;
    if (this.#openTool === block) this.#openTool = undefined;
    const started =
      isJsonObject(block.startInput) && Object.keys(block.startInput).length > 0
        ? toolInputArguments(block.startInput)
        : '';
    return [
      {
        type: 'tool-call-end',
        arguments: block.args.text === '' && started !== '' ? started : block.args.final,
      },
    ];
  }

  #finish(): Events {
    this.#done = true;
    const finishReason = anthropicStopReasonToCanonical(this.#stopReason, this.#calls > 0);
    const truncated = finishReason === 'length' || finishReason === 'content_filter';
    const out: Events = [];
    // A cut-off stream leaves its last item open, so encoders report it incomplete (never complete).
    if (!(truncated && (this.#openTool !== undefined || this.#textOpen))) this.#closeRuns(out);
    out.push({ type: 'finish', finishReason, usage: anthropicUsageToCanonical(this.#usage) });
    return this.#announce(out);
  }
}
