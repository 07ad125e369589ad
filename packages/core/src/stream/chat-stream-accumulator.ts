import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import { withFields } from '../json/with-fields.js';
import type { ChatCompletion, ChatFinishReason, ChatToolCall } from '../protocol/chat/types.js';
import type { ChatUsage } from '../protocol/common/usage.js';
import { ids } from '../protocol/ids.js';
import { mapChatFinishReason } from './map-chat-finish-reason.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
import { readUpstreamError } from './to-stream-error.js';
import { ToolCallSlots } from './tool-call-slots.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type Choice = ChatCompletion['choices'][number];

/**
 * Rebuilds a `ChatCompletion` from Chat stream chunks with the decoder's rules (shared through
 * `ToolCallSlots`): calls keyed by index, then id, then the last call; a missing id synthesized;
 * `""` arguments as `"{}"`; limits enforced. An identity change or an `{"error"}` payload throws a
 * `CoreError` from `push`, as the SDKs raise on them; `toCompletion` throws for a truncated stream.
 */
export class ChatStreamAccumulator {
  readonly #limits: StreamLimits;
  readonly #slots: ToolCallSlots;
  #header: Omit<ChatCompletion, 'choices' | 'object' | 'usage'> | undefined;
  #content: string | undefined;
  #refusal: string | undefined;
  #textBytes = 0;
  #finishReason: ChatFinishReason | undefined;
  #usage: ChatUsage | undefined;

  constructor(options: { limits?: Partial<StreamLimits> } = {}) {
    this.#limits = resolveStreamLimits(options.limits);
    this.#slots = new ToolCallSlots(this.#limits);
  }

  /** Adds one parsed chunk. */
  push(chunk: unknown): void {
    if (!isJsonObject(chunk)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A Chat Completions stream chunk is not a JSON object.',
      });
    }
    const upstreamError = Object.hasOwn(chunk, 'error') ? chunk['error'] : undefined;
    if (upstreamError) {
      const error = readUpstreamError(upstreamError);
      throw new CoreError({
        code: 'invalid_stream',
        message: `The stream reported an error: ${error.message}`,
        cause: error,
      });
    }
    this.#header ??= readHeader(chunk);
    const usage = objectField(chunk, 'usage');
    if (usage !== undefined) this.#usage = usage as unknown as ChatUsage;
    for (const choice of arrayField(chunk, 'choices') ?? []) {
      if (isJsonObject(choice) && (numberField(choice, 'index') ?? 0) === 0) this.#choice(choice);
    }
  }

  /** The completion the chunks describe; throws when none arrived or no `finish_reason` did. */
  toCompletion(): ChatCompletion {
    if (this.#header === undefined) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'The stream ended without sending any chunks.',
      });
    }
    if (this.#finishReason === undefined) {
      throw new CoreError({
        code: 'invalid_stream',
        message:
          'The stream ended without a finish_reason, so the response and its tool calls are truncated.',
      });
    }
    const message: Choice['message'] = {
      role: 'assistant',
      content: this.#content ?? null,
      refusal: this.#refusal ?? null,
    };
    const toolCalls = this.#toolCalls();
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    return withFields(this.#header, {
      object: 'chat.completion',
      choices: [{ index: 0, message, logprobs: null, finish_reason: this.#finishReason }],
      ...(this.#usage === undefined ? {} : { usage: this.#usage }),
    });
  }

  #choice(choice: Record<string, unknown>): void {
    const delta = objectField(choice, 'delta');
    if (delta !== undefined) {
      const content = stringField(delta, 'content');
      if (content) this.#content = (this.#content ?? '') + this.#counted(content);
      const refusal = stringField(delta, 'refusal');
      if (refusal) this.#refusal = (this.#refusal ?? '') + this.#counted(refusal);
      for (const entry of arrayField(delta, 'tool_calls') ?? []) this.#slots.apply(entry);
      const legacy = objectField(delta, 'function_call');
      if (legacy !== undefined) this.#slots.applyLegacy(legacy);
    }
    const finishReason = stringField(choice, 'finish_reason');
    if (finishReason) this.#finishReason = mapChatFinishReason(finishReason, this.#slots.all.length > 0);
  }

  #counted(text: string): string {
    this.#textBytes += Buffer.byteLength(text, 'utf8');
    if (this.#textBytes > this.#limits.maxTextBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The response text exceeds ${this.#limits.maxTextBytes} bytes; raise streamLimits.maxTextBytes to allow more.`,
      });
    }
    return text;
  }

  #toolCalls(): ChatToolCall[] {
    return this.#slots.all.map((slot) => {
      if (slot.name === undefined) {
        throw new CoreError({
          code: 'invalid_stream',
          message: `Tool call ${slot.index ?? slot.position} never received a function name.`,
        });
      }
      // Synthesized once and remembered, so repeated calls return the same id.
      if (slot.id === undefined) this.#slots.assignId(slot, ids.call());
      return {
        id: slot.id ?? '',
        type: 'function',
        function: { name: slot.name, arguments: slot.arguments.final },
      };
    });
  }
}

function readHeader(chunk: Record<string, unknown>): Omit<ChatCompletion, 'choices' | 'object' | 'usage'> {
  const systemFingerprint = stringField(chunk, 'system_fingerprint');
  const serviceTier = stringField(chunk, 'service_tier');
  return {
    id: stringField(chunk, 'id') ?? '',
    created: numberField(chunk, 'created') ?? 0,
    model: stringField(chunk, 'model') ?? '',
    ...(systemFingerprint === undefined ? {} : { system_fingerprint: systemFingerprint }),
    ...(serviceTier === undefined ? {} : { service_tier: serviceTier }),
  };
}
