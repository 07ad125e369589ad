import { randomBytes } from 'node:crypto';
// Events carry snapshots of items that keep changing (JSON data only): klona's JSON mode copies one
// 3-10x faster than structuredClone, which serialises and deserialises (bench/README.md).
import { klona } from 'klona/json';
import { servedTier } from '../convert/build-response-object.js';
import { canonicalUsageToResponses } from '../convert/usage.js';
import { CoreError } from '../errors/core-error.js';
import type {
  CanonicalFinishReason,
  CanonicalPassthrough,
  CanonicalUsage,
  JsonObject,
} from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import { ids } from '../protocol/ids.js';
import type {
  OutputFunctionCall,
  OutputMessage,
  ResponseObject,
  ResponsesStreamEvent,
} from '../protocol/responses/types.js';
import type { ReasoningTarget, StreamError } from './canonical-stream-event.js';
import {
  applyFinalFields,
  closePart,
  ensurePart,
  type OpenMessage,
  type PartKind,
} from './responses-message-parts.js';
import { ReasoningItemWriter } from './responses-reasoning-writer.js';

type Events = ResponsesStreamEvent[];
type OpenItem =
  | OpenMessage
  | { kind: 'call'; index: number; item: OutputFunctionCall }
  | { kind: 'reasoning'; index: number; writer: ReasoningItemWriter };

/**
 * Builds the Responses event sequence of docs/protocol/responses.md#streaming one canonical event at a time:
 * gapless `sequence_number`s from 0, appended `output_index`es, item ids (`msg_`/`fc_`) generated when the
 * canonical event has none (call ids are never touched), and the final Response the terminal event carries.
 * Events hold copies, so later changes to the output never alter an event already sent.
 */
export class ResponsesEventWriter {
  readonly #skeleton: ResponseObject;
  readonly #output: ResponseObject['output'] = [];
  #sequence = 0;
  #started = false;
  #open: OpenItem | undefined;
  /** The upstream Response's pass-through fields, latest first (docs/open-responses.md#response-object). */
  #upstreamFields: JsonObject = {};
  /** The tier a Chat upstream said served the turn (its chunks' `service_tier`). */
  #serviceTier: string | undefined;
  /**
   * The last `response.output_text.delta` of the current input batch: token log probabilities that
   * follow it (a Chat upstream's, for the same chunk) join its `logprobs`. Cleared by {@link endBatch}.
   */
  #lastTextDelta: ResponsesStreamEvent | undefined;
  readonly #emit = (type: string, fields: Record<string, unknown>): ResponsesStreamEvent =>
    this.#event(type, fields);

  constructor(skeleton: ResponseObject) {
    this.#skeleton = skeleton;
  }

  /**
   * `response.created` and `response.in_progress`, once; `responseFields` (a Responses upstream's) and
   * `serviceTier` (a Chat upstream's) from the upstream's start.
   */
  start(responseFields?: JsonObject, serviceTier?: string): Events {
    if (this.#started) return [];
    this.#started = true;
    if (responseFields !== undefined) this.#upstreamFields = responseFields;
    this.#serviceTier = serviceTier;
    return ['response.created', 'response.in_progress'].map((type) =>
      this.#event(type, {
        response: this.#response({ status: 'in_progress', output: [], usage: null, completed_at: null }),
      }),
    );
  }

  openMessage(itemId: string | undefined, passthrough?: CanonicalPassthrough): Events {
    const out = [...this.start(), ...this.#closeOpen('completed')];
    const item: OutputMessage = withFields(passthrough, {
      id: itemId ?? ids.message(),
      type: 'message',
      status: 'in_progress',
      content: [],
      role: 'assistant',
    });
    out.push(this.#add({ kind: 'message', index: this.#output.length, item, part: undefined }));
    return out;
  }

  /** A text or refusal fragment; opens a message if the producer skipped `text-start`. */
  messageDelta(kind: PartKind, delta: string): Events {
    const out = this.#open?.kind === 'message' ? [] : this.openMessage(undefined);
    const open = this.#open;
    if (open?.kind !== 'message') return out;
    out.push(...ensurePart(open, kind, this.#emit));
    const part = open.item.content.at(-1);
    // Each event's fields written out, once per delta (docs/adr/0014-memory-under-load.md).
    const item_id = open.item.id;
    const output_index = open.index;
    const content_index = open.item.content.length - 1;
    if (part?.type === 'output_text') {
      part.text += delta;
      const event = this.#event('response.output_text.delta', {
        item_id,
        output_index,
        content_index,
        delta,
        logprobs: [],
      });
      this.#lastTextDelta = event;
      out.push(event);
    } else if (part?.type === 'refusal') {
      part.refusal += delta;
      out.push(this.#event('response.refusal.delta', { item_id, output_index, content_index, delta }));
    }
    return out;
  }

  /**
   * A Chat upstream's token log probabilities (`{content, refusal}`; the client asked with `include:
   * ["message.output_text.logprobs"]`): appended to the open text part, which its `.done` events and the
   * final Response carry, and to the text delta of this batch they came with. Refusal tokens have no
   * place in a Response.
   */
  logprobs(logprobs: JsonObject): Events {
    const tokens = logprobs['content'];
    const open = this.#open;
    if (!Array.isArray(tokens) || tokens.length === 0 || open?.kind !== 'message') return [];
    const part = open.part === undefined ? undefined : open.item.content[open.part.index];
    if (part?.type !== 'output_text') return [];
    // In place: every event that shows the part holds a copy, made when it is written.
    if (part.logprobs === undefined) part.logprobs = [...tokens];
    else part.logprobs.push(...tokens);
    const last = this.#lastTextDelta;
    if (last !== undefined && last['item_id'] === open.item.id && last['content_index'] === open.part?.index)
      (last['logprobs'] as unknown[]).push(...tokens);
    return [];
  }

  /** Ends an input batch: its events are written, so later tokens join no delta of it. */
  endBatch(): void {
    this.#lastTextDelta = undefined;
  }

  /** Ends the open message; the upstream's final item and part fields (phase, annotations) apply first. */
  closeMessage(
    passthrough?: CanonicalPassthrough,
    parts?: ReadonlyArray<CanonicalPassthrough | null>,
  ): Events {
    const open = this.#open;
    if (open?.kind !== 'message') return [];
    applyFinalFields(open.item, passthrough, parts);
    return this.#closeOpen('completed');
  }

  openCall(call: {
    callId: string;
    name: string;
    itemId?: string | undefined;
    providerState?: string | undefined;
    passthrough?: CanonicalPassthrough | undefined;
  }): Events {
    const { callId, name, itemId, providerState, passthrough } = call;
    const out = [...this.start(), ...this.#closeOpen('completed')];
    const item: OutputFunctionCall = withFields(passthrough, {
      id: itemId ?? ids.functionCall(),
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: callId,
      name,
      ...(providerState !== undefined ? { provider_state: providerState } : {}),
    });
    out.push(this.#add({ kind: 'call', index: this.#output.length, item }));
    return out;
  }

  /** Makes `open` the open item, appends it to the output and announces it. */
  #add(open: Exclude<OpenItem, { kind: 'reasoning' }>): ResponsesStreamEvent {
    this.#open = open;
    this.#output.push(open.item);
    return this.#event('response.output_item.added', {
      output_index: open.index,
      item: klona(open.item),
    });
  }

  callDelta(delta: string): Events {
    const open = this.#open;
    if (open?.kind !== 'call') {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A tool-call delta arrived outside a tool call.',
      });
    }
    if (delta === '') return [];
    open.item.arguments += delta;
    return [
      this.#event('response.function_call_arguments.delta', {
        item_id: open.item.id,
        output_index: open.index,
        delta,
      }),
    ];
  }

  /** Ends the open call with its full arguments, first streaming whatever the deltas did not carry. */
  closeCall(args: string, passthrough?: CanonicalPassthrough): Events {
    const open = this.#open;
    if (open?.kind !== 'call') {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A tool-call end arrived outside a tool call.',
      });
    }
    const streamed = open.item.arguments;
    const out = args.startsWith(streamed) ? this.callDelta(args.slice(streamed.length)) : [];
    open.item.arguments = args;
    if (passthrough !== undefined) Object.assign(open.item, passthrough);
    out.push(...this.#closeOpen('completed'));
    return out;
  }

  /**
   * A reasoning item, announced and finished at once (docs/protocol/responses.md#streaming: `rs_` items,
   * added + done).
   */
  reasoning(raw: JsonObject): Events {
    const out = [...this.start(), ...this.#closeOpen('completed')];
    const item = withFields(raw, { type: 'reasoning' as const, id: reasoningId(raw) });
    const index = this.#output.length;
    this.#output.push(item);
    out.push(this.#event('response.output_item.added', { output_index: index, item: klona(item) }));
    out.push(this.#event('response.output_item.done', { output_index: index, item: klona(item) }));
    return out;
  }

  /** A reasoning item whose summary streams opens: `output_item.added` with `summary: []`. */
  openReasoning(raw: JsonObject): Events {
    const out = [...this.start(), ...this.#closeOpen('completed')];
    const id = reasoningId(raw);
    const item: JsonObject = withFields(raw, { type: 'reasoning', id, summary: [] });
    const index = this.#output.length;
    this.#output.push(item as ResponseObject['output'][number]);
    this.#open = { kind: 'reasoning', index, writer: new ReasoningItemWriter(item, id, index) };
    out.push(this.#event('response.output_item.added', { output_index: index, item: klona(item) }));
    return out;
  }

  /** A summary or content part of the open reasoning item opens or completes. */
  reasoningPart(target: ReasoningTarget, index: number, state: 'added' | 'done', part: JsonObject): Events {
    const open = this.#open;
    return open?.kind === 'reasoning' ? open.writer.part(this.#emit, target, index, state, part) : [];
  }

  /** A summary or raw-reasoning text fragment of the open reasoning item. */
  reasoningDelta(target: ReasoningTarget, index: number, delta: string): Events {
    const open = this.#open;
    return open?.kind === 'reasoning' ? open.writer.delta(this.#emit, target, index, delta) : [];
  }

  /** The open reasoning item ends as the upstream finished it (its id kept). */
  closeReasoning(final: JsonObject): Events {
    const open = this.#open;
    if (open?.kind !== 'reasoning') return this.reasoning(final);
    this.#open = undefined;
    const out = open.writer.closeAll(this.#emit);
    const item = withFields(final, { type: 'reasoning' as const, id: String(open.writer.item['id']) });
    this.#output[open.index] = item;
    out.push(this.#event('response.output_item.done', { output_index: open.index, item: klona(item) }));
    return out;
  }

  /** Closes the output for `finish`: a cut-off last item is marked `incomplete`. Returns the final Response. */
  finish(
    reason: CanonicalFinishReason,
    usage: CanonicalUsage | null,
    responseFields?: JsonObject,
  ): { events: Events; final: ResponseObject } {
    const truncated = reason === 'length' || reason === 'content_filter';
    const events = [...this.start(), ...this.#closeOpen(truncated ? 'incomplete' : 'completed')];
    this.#upstreamFields = {
      completed_at: truncated ? null : Math.floor(Date.now() / 1000),
      service_tier: servedTier(this.#skeleton.service_tier, this.#serviceTier),
      ...this.#upstreamFields,
      ...responseFields,
    };
    const final = this.#response({
      status: truncated ? 'incomplete' : 'completed',
      output: klona(this.#output),
      usage: usage === null ? null : canonicalUsageToResponses(usage),
      incomplete_details: truncated
        ? { reason: reason === 'length' ? 'max_output_tokens' : 'content_filter' }
        : null,
    });
    return { events, final };
  }

  /**
   * The `error` event in OpenAI's nested form, with code/message/param mirrored at top level for the flat
   * form of OpenAI's published schema (docs/protocol/responses.md#endings), and the failed Response that
   * `response.failed` will carry.
   */
  fail(error: StreamError): { events: Events; final: ResponseObject } {
    const events = [...this.start(), ...this.#abandonOpen()];
    const { message, type, code, param } = error;
    events.push(this.#event('error', { error: { type, code, message, param }, code, message, param }));
    const final = this.#response({
      status: 'failed',
      completed_at: null,
      output: klona(this.#output),
      usage: null,
      error: { code: code ?? 'server_error', message },
    });
    return { events, final };
  }

  /** The terminal event for a final Response: completed, incomplete or failed. */
  terminal(final: ResponseObject): ResponsesStreamEvent {
    const type =
      final.status === 'failed'
        ? 'response.failed'
        : final.status === 'incomplete'
          ? 'response.incomplete'
          : 'response.completed';
    return this.#event(type, { response: final });
  }

  #event(type: string, fields: Record<string, unknown>): ResponsesStreamEvent {
    return { type, sequence_number: this.#sequence++, ...fields };
  }

  #response(fields: Partial<ResponseObject>): ResponseObject {
    // The skeleton (echoed tools, instructions…) is never mutated, so lifecycle events share it; cloning
    // it three times per stream was a measurable share of a Responses stream's CPU (bench S3).
    // spread-ok: a ResponseObject has every key written here, so the clone gains no property (the
    // hazard of docs/adr/0014-memory-under-load.md), and a spread copies its ~30 fields ~15× faster than
    // withFields. `#upstreamFields` holds only what an upstream added (none from Chat upstreams).
    return { ...this.#skeleton, ...this.#upstreamFields, error: null, incomplete_details: null, ...fields };
  }

  #closeOpen(status: 'completed' | 'incomplete'): Events {
    const open = this.#open;
    if (open === undefined) return [];
    if (open.kind === 'reasoning') return this.closeReasoning(open.writer.item);
    this.#open = undefined;
    const out: Events = [];
    if (open.kind === 'message') {
      // A message always gets a part, so clients that index content[0] find one.
      if (open.item.content.length === 0) out.push(...ensurePart(open, 'text', this.#emit));
      out.push(...closePart(open, this.#emit));
    } else if (status === 'completed') {
      if (open.item.arguments.trim() === '') open.item.arguments = '{}';
      out.push(
        this.#event('response.function_call_arguments.done', {
          item_id: open.item.id,
          output_index: open.index,
          name: open.item.name,
          arguments: open.item.arguments,
        }),
      );
    }
    // A cut-off call gets no `arguments.done`: that event tells SDKs the arguments are final.
    open.item.status = status;
    out.push(
      this.#event('response.output_item.done', {
        output_index: open.index,
        item: klona(open.item),
      }),
    );
    return out;
  }

  /** On failure an open item is not finished with events; the failed Response lists it as incomplete. */
  #abandonOpen(): Events {
    if (this.#open !== undefined && this.#open.kind !== 'reasoning') this.#open.item.status = 'incomplete';
    this.#open = undefined;
    return [];
  }
}

/** The upstream's `rs_` id, or a new one (clients echo reasoning items by id). */
function reasoningId(raw: JsonObject): string {
  return typeof raw['id'] === 'string' && raw['id'] !== ''
    ? raw['id']
    : `rs_${randomBytes(24).toString('hex')}`;
}
