import { syntheticGeminiCallId } from '../convert/gemini/gemini-call-id.js';
import { failedCallMessage, mapGeminiFinishReason } from '../convert/gemini/gemini-finish-reason.js';
import { encodeGeminiState, geminiCallState } from '../convert/gemini/gemini-provider-state.js';
import { geminiUsageToCanonical } from '../convert/gemini/gemini-usage.js';
import { readGeminiErrorObject } from '../convert/gemini/read-gemini-error.js';
import { readGeminiPart } from '../convert/gemini/read-gemini-part.js';
import { CoreError } from '../errors/core-error.js';
import type { CanonicalUsage } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import { ids } from '../protocol/ids.js';
import type { PayloadDecoder } from './canonical-batches.js';
import type { CanonicalStreamEvent, StreamError } from './canonical-stream-event.js';
import type { StreamLimits } from './stream-limits.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type Events = CanonicalStreamEvent[];

/**
 * A Gemini error object met inside a stream, in the OpenAI envelope's vocabulary. The shape of an
 * error after HTTP 200 is unconfirmed; we treat any chunk whose `error` is an object as one, as
 * Google's client does (`@google/genai` 3.1.0, `dist/node/index.mjs`, `throwIfStreamErrorChunk`).
 */
export function geminiStreamError(error: Record<string, unknown>): StreamError {
  const reading = readGeminiErrorObject(error);
  const limited = reading.status === 'RESOURCE_EXHAUSTED';
  return {
    message: `Gemini reported an error in its stream (${reading.status ?? 'UNKNOWN'}${reading.code !== null ? ` ${reading.code}` : ''}): ${reading.message}`,
    type: limited ? 'rate_limit_error' : 'server_error',
    code: limited ? 'rate_limit_exceeded' : 'upstream_error',
    param: null,
  };
}

/**
 * The state machine behind `geminiChunksToCanonical` (docs/protocol/gemini.md, "Streaming"). Each
 * chunk carries new parts only; calls arrive whole and become start + one delta + end at once;
 * a call whose Gemini id was already seen is a re-send and is dropped; calls without ids are always
 * new (never keyed on name or part position). The finish waits for the end of the stream, so a
 * `STOP` in a later chunk (or usage after it) counts, and any call seen makes it `tool_calls`.
 * `response-start` waits for the first content, so a stream that fails at once reports its error
 * first and the gateway can still retry.
 */
export class GeminiStreamDecoder implements PayloadDecoder {
  readonly #model: string;
  readonly #limits: StreamLimits;
  readonly #seenIds = new Set<string>();
  #done = false;
  #started = false;
  #textOpen = false;
  #textBytes = 0;
  #calls = 0;
  #responseId: string | undefined;
  #modelVersion = '';
  #reason: string | undefined;
  #finishMessage: string | undefined;
  #blocked = false;
  #usage: CanonicalUsage | null = null;

  constructor(options: { model: string; limits: StreamLimits }) {
    this.#model = options.model;
    this.#limits = options.limits;
  }

  get done(): boolean {
    return this.#done;
  }

  push(chunk: unknown): Events {
    if (this.#done) return [];
    // An error may come wrapped in a one-element array, as Gemini's error bodies sometimes do.
    const payload = Array.isArray(chunk) ? chunk[0] : chunk;
    if (!isJsonObject(payload))
      throw new CoreError({ code: 'invalid_stream', message: 'A Gemini stream chunk is not a JSON object.' });
    const upstreamError = objectField(payload, 'error');
    if (upstreamError !== undefined) {
      this.#done = true;
      return [{ type: 'error', error: geminiStreamError(upstreamError) }];
    }
    return this.#chunk(payload);
  }

  end(): Events {
    if (this.#done) return [];
    this.#done = true;
    if (this.#reason === undefined && !this.#blocked) {
      throw new CoreError({
        code: 'invalid_stream',
        message:
          'The Gemini stream ended without a finishReason, so the answer is truncated. Retry the request.',
      });
    }
    const finish =
      this.#blocked && this.#calls === 0
        ? 'content_filter'
        : mapGeminiFinishReason(this.#reason, this.#calls > 0);
    if (finish === 'failed-call') {
      throw new CoreError({
        code: 'malformed_function_call',
        message: failedCallMessage(this.#reason, this.#finishMessage),
      });
    }
    const out = this.#start();
    // A cut-off answer leaves its text open, so encoders report it incomplete (canonical invariant).
    if (finish !== 'length' && finish !== 'content_filter') out.push(...this.#closeText());
    out.push({ type: 'finish', finishReason: finish, usage: this.#usage });
    return out;
  }

  #chunk(chunk: Record<string, unknown>): Events {
    this.#responseId ??= stringField(chunk, 'responseId') || ids.chatCompletion();
    this.#modelVersion = stringField(chunk, 'modelVersion') ?? this.#modelVersion;
    const usage = geminiUsageToCanonical(objectField(chunk, 'usageMetadata'));
    if (usage !== null) this.#usage = usage;
    const feedback = objectField(chunk, 'promptFeedback');
    if (feedback !== undefined && stringField(feedback, 'blockReason') !== undefined) this.#blocked = true;
    const candidate = (arrayField(chunk, 'candidates') ?? []).find(
      (entry) => isJsonObject(entry) && (numberField(entry, 'index') ?? 0) === 0,
    );
    if (!isJsonObject(candidate)) return [];
    const out: Events = [];
    const content = objectField(candidate, 'content');
    for (const part of (content !== undefined ? arrayField(content, 'parts') : undefined) ?? [])
      out.push(...this.#part(part));
    const reason = stringField(candidate, 'finishReason');
    if (reason !== undefined) this.#reason = reason;
    const message = stringField(candidate, 'finishMessage');
    if (message !== undefined) this.#finishMessage = message;
    return out;
  }

  #part(part: unknown): Events {
    const reading = readGeminiPart(part);
    if (reading.kind === 'text' && reading.text !== '') return this.#text(reading.text);
    if (reading.kind !== 'call') return [];
    if (reading.id !== undefined) {
      if (this.#seenIds.has(reading.id)) return [];
      this.#seenIds.add(reading.id);
    }
    if (this.#calls >= this.#limits.maxToolCalls) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The Gemini stream has more than ${this.#limits.maxToolCalls} function calls.`,
      });
    }
    if (Buffer.byteLength(reading.arguments, 'utf8') > this.#limits.maxArgumentBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `A Gemini function call's arguments exceed ${this.#limits.maxArgumentBytes} bytes.`,
      });
    }
    const responseId = this.#responseId ?? '';
    const callId =
      reading.id ??
      syntheticGeminiCallId({
        responseId,
        ordinal: this.#calls,
        name: reading.name,
        args: reading.arguments,
      });
    const providerState = encodeGeminiState(geminiCallState(reading.signature, reading.id), this.#model);
    this.#calls += 1;
    return [
      ...this.#start(),
      ...this.#closeText(),
      {
        type: 'tool-call-start',
        callId,
        name: reading.name,
        ...(providerState !== undefined ? { providerState } : {}),
      },
      { type: 'tool-call-delta', delta: reading.arguments },
      { type: 'tool-call-end', arguments: reading.arguments },
    ];
  }

  #text(text: string): Events {
    this.#textBytes += Buffer.byteLength(text, 'utf8');
    if (this.#textBytes > this.#limits.maxTextBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The response text exceeds ${this.#limits.maxTextBytes} bytes.`,
      });
    }
    const out = this.#start();
    if (!this.#textOpen) {
      this.#textOpen = true;
      out.push({ type: 'text-start' });
    }
    out.push({ type: 'text-delta', delta: text });
    return out;
  }

  #closeText(): Events {
    if (!this.#textOpen) return [];
    this.#textOpen = false;
    return [{ type: 'text-end' }];
  }

  #start(): Events {
    if (this.#started) return [];
    this.#started = true;
    return [
      {
        type: 'response-start',
        id: this.#responseId ?? ids.chatCompletion(),
        model: this.#modelVersion,
        createdAt: Math.floor(Date.now() / 1000),
      },
    ];
  }
}
