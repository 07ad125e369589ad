import {
  appendAll,
  type CanonicalFinishReason,
  type CanonicalPassthrough,
  type CanonicalResponse,
  type CanonicalStreamEvent,
  type CanonicalUsage,
  withFields,
} from '@toolbridge/core';
import { toGatewayError } from '../errors/gateway-error.js';
import {
  decideCallStart,
  decideCompleteCall,
  decideCutOffCall,
  decideTurnEnd,
  enforcedFinishReason,
  holdsTextUntilCall,
} from './call-policy.js';
import type { EnforceOptions } from './enforce-options.js';
import { enforceResponse } from './enforce-response.js';
import { repairToolCall } from './repair-tool-call.js';
import { replayCanonicalResponse } from './replay-canonical-response.js';
import { sumUsage } from './sum-usage.js';

interface HeldCall {
  callId: string;
  name: string;
  itemId?: string;
  /** The start event's pass-through fields (docs/open-responses.md#nothing-lost). */
  passthrough?: CanonicalPassthrough;
  /** The argument fragments so far (a call cut off by the output limit never gets its end event). */
  fragments: string[];
  /** Opaque provider state that must stay with the call (canonical `providerState`). */
  providerState?: string;
}

type FinishEvent = Extract<CanonicalStreamEvent, { type: 'finish' }>;
type CallEndEvent = Extract<CanonicalStreamEvent, { type: 'tool-call-end' }>;

function errorEvent(error: unknown): CanonicalStreamEvent {
  const gatewayError = toGatewayError(error);
  return {
    type: 'error',
    error: {
      message: gatewayError.message,
      type: gatewayError.type,
      code: gatewayError.openaiCode,
      param: gatewayError.param,
    },
  };
}

interface WholeCall {
  callId: string;
  name: string;
  itemId?: string;
  providerState?: string;
  arguments: string;
  passthrough?: CanonicalPassthrough;
  endPassthrough?: CanonicalPassthrough;
}

/** One call as start / one delta / end (or without its end, when it was cut off). */
function wholeCall(call: WholeCall, ended = true) {
  const events: CanonicalStreamEvent[] = [
    {
      type: 'tool-call-start',
      callId: call.callId,
      name: call.name,
      ...(call.itemId !== undefined ? { itemId: call.itemId } : {}),
      ...(call.providerState !== undefined ? { providerState: call.providerState } : {}),
      ...(call.passthrough !== undefined ? { passthrough: call.passthrough } : {}),
    },
  ];
  if (call.arguments !== '') events.push({ type: 'tool-call-delta', delta: call.arguments });
  if (ended)
    events.push({
      type: 'tool-call-end',
      arguments: call.arguments,
      ...(call.endPassthrough !== undefined ? { passthrough: call.endPassthrough } : {}),
    });
  return events;
}

/** The held call's identity fields, for {@link wholeCall}. */
function heldIdentity(held: HeldCall): Pick<WholeCall, 'itemId' | 'passthrough'> {
  const identity: Pick<WholeCall, 'itemId' | 'passthrough'> = {};
  if (held.itemId !== undefined) identity.itemId = held.itemId;
  if (held.passthrough !== undefined) identity.passthrough = held.passthrough;
  return identity;
}

/** The text the model said while its events were held, as one assistant message (for a re-ask). */
function heldAnswer(
  held: readonly CanonicalStreamEvent[],
  finishReason: CanonicalFinishReason,
): CanonicalResponse {
  let text = '';
  let start: Extract<CanonicalStreamEvent, { type: 'response-start' }> | undefined;
  for (const event of held) {
    if (event.type === 'text-delta') text += event.delta;
    else if (event.type === 'response-start') start = event;
  }
  return {
    id: start?.id ?? '',
    model: start?.model ?? '',
    createdAt: start?.createdAt ?? Math.floor(Date.now() / 1000),
    output: text === '' ? [] : [{ type: 'message', role: 'assistant', content: text }],
    finishReason,
    usage: null,
  };
}

/**
 * The per-turn state of streaming enforcement. Every decision comes from the call policy
 * (`call-policy.ts`), the same one the JSON path asks; this class only applies them to events:
 * forward, hold (a strict call until complete; under a required call, everything until a call shows),
 * drop, repair or re-ask. `push` handles what needs no upstream; `settle` what may re-ask.
 */
class StreamEnforcer {
  readonly #options: EnforceOptions;
  readonly #repairUsage: CanonicalUsage[] = [];
  #kept = 0;
  #held: HeldCall | null = null;
  #dropping = false;
  /** Events held back until the turn shows a call (required calls), else null. */
  #waiting: CanonicalStreamEvent[] | null;
  /** Set once an error event was appended: the stream ends there. */
  ended = false;

  constructor(options: EnforceOptions) {
    this.#options = options;
    this.#waiting = holdsTextUntilCall(options.policy) ? [] : null;
  }

  /** Whether `event` needs {@link settle} (it may re-ask the upstream) instead of {@link push}. */
  needsSettle(event: CanonicalStreamEvent): boolean {
    if (event.type === 'tool-call-end') return this.#held !== null && !this.#dropping;
    if (event.type === 'finish') {
      return (
        this.#held === null &&
        decideTurnEnd(this.#options.policy, { kept: this.#kept, finishReason: event.finishReason }).action ===
          're-ask'
      );
    }
    return false;
  }

  push(event: CanonicalStreamEvent, out: CanonicalStreamEvent[]): void {
    switch (event.type) {
      case 'tool-call-start': {
        const decision = decideCallStart(this.#options.policy, {
          name: event.name,
          kept: this.#kept,
          parallelCalls: this.#options.parallelToolCalls,
        });
        if (decision.action === 'fail') this.#fail(out, decision.error);
        else if (decision.action === 'drop') {
          this.#options.adjustments.push(decision.note);
          this.#dropping = true;
        } else if (decision.action === 'hold') {
          this.#held = {
            callId: event.callId,
            name: event.name,
            ...(event.itemId !== undefined ? { itemId: event.itemId } : {}),
            ...(event.passthrough !== undefined ? { passthrough: event.passthrough } : {}),
            fragments: [],
            ...(event.providerState !== undefined ? { providerState: event.providerState } : {}),
          };
        } else {
          this.#kept += 1;
          this.#release(out);
          out.push(event);
        }
        return;
      }
      case 'tool-call-delta':
        if (this.#held !== null) this.#held.fragments.push(event.delta);
        else if (!this.#dropping) out.push(event);
        return;
      case 'tool-call-end':
        if (this.#dropping) this.#dropping = false;
        else out.push(event);
        return;
      case 'finish':
        this.#finish(event, out);
        return;
      case 'error':
        // Held text is never shown before an error: with nothing sent yet, the client gets the error alone.
        this.#waiting = null;
        out.push(event);
        return;
      default:
        if (this.#waiting !== null) this.#waiting.push(event);
        else out.push(event);
    }
  }

  /** The end of a held call (validated, repaired when invalid) or a finish that must re-ask. */
  async settle(event: CanonicalStreamEvent, out: CanonicalStreamEvent[]): Promise<void> {
    try {
      if (event.type === 'tool-call-end') await this.#completeHeld(event, out);
      else if (event.type === 'finish') await this.#reask(event, out);
    } catch (error) {
      this.#fail(out, error);
    }
  }

  async #completeHeld(event: CallEndEvent, out: CanonicalStreamEvent[]): Promise<void> {
    const held = this.#held as HeldCall;
    this.#held = null;
    const call = {
      callId: held.callId,
      name: held.name,
      arguments: event.arguments,
      ...(held.providerState !== undefined ? { providerState: held.providerState } : {}),
    };
    const decision = decideCompleteCall(this.#options.policy, call);
    this.#kept += 1;
    if (decision.action === 'pass') {
      this.#release(out);
      const endPassthrough = event.passthrough !== undefined ? { endPassthrough: event.passthrough } : {};
      appendAll(out, wholeCall(withFields(withFields(call, heldIdentity(held)), endPassthrough)));
      return;
    }
    const repaired = await repairToolCall(
      withFields(this.#options, { call: { type: 'function_call', ...call }, reason: decision.reason }),
    );
    this.#repairUsage.push(...repaired.usage);
    this.#options.adjustments.push(`repaired a call to '${call.name}'`);
    this.#release(out);
    appendAll(out, wholeCall(repaired.call));
  }

  /** A required call never came: the turn is asked again and the new answer replaces what was held. */
  async #reask(event: FinishEvent, out: CanonicalStreamEvent[]): Promise<void> {
    const waiting = this.#waiting ?? [];
    this.#waiting = null;
    const start = waiting.find((held) => held.type === 'response-start');
    const usage = event.usage ? [event.usage, ...this.#repairUsage] : this.#repairUsage;
    const answer = heldAnswer(waiting, event.finishReason);
    const enforced = await enforceResponse(answer, this.#options, usage);
    for (const replayed of replayCanonicalResponse(enforced)) {
      if (replayed.type === 'response-start') out.push(start ?? replayed);
      else out.push(replayed);
    }
  }

  #finish(event: FinishEvent, out: CanonicalStreamEvent[]): void {
    if (this.#held !== null) {
      // Only a turn cut off by its output limit ends inside a call (canonical stream invariants).
      const held = this.#held;
      this.#held = null;
      const call = {
        callId: held.callId,
        name: held.name,
        arguments: held.fragments.join(''),
        ...(held.providerState !== undefined ? { providerState: held.providerState } : {}),
      };
      const decision = decideCutOffCall(this.#options.policy, call);
      if (decision.action === 'drop') this.#options.adjustments.push(decision.note);
      else {
        this.#kept += 1;
        this.#release(out);
        appendAll(out, wholeCall(withFields(call, heldIdentity(held)), false));
      }
    }
    this.#release(out);
    const finishReason = enforcedFinishReason(event.finishReason, this.#kept);
    out.push({
      type: 'finish',
      finishReason,
      usage: sumUsage(event.usage, this.#repairUsage),
      ...(event.responseFields !== undefined ? { responseFields: event.responseFields } : {}),
    });
  }

  /** Lets held-back events go, in their order, before the first call (or the finish). */
  #release(out: CanonicalStreamEvent[]): void {
    if (this.#waiting === null) return;
    appendAll(out, this.#waiting);
    this.#waiting = null;
  }

  #fail(out: CanonicalStreamEvent[], error: unknown): void {
    this.#waiting = null;
    out.push(errorEvent(error));
    this.ended = true;
  }
}

/**
 * The streaming side of enforcement, batch by batch. Text and the argument deltas of calls that need
 * no checking are forwarded as they arrive; calls of strict tools (and calls to names not allowed)
 * are held until complete, validated, and repaired by re-asking when invalid; under a required call,
 * nothing is forwarded until a call shows, so a turn without one is asked again exactly as the JSON
 * path does. Extra calls beyond parallel_tool_calls=false and calls under tool_choice "none" are dropped.
 */
export async function* enforceStream(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  options: EnforceOptions,
): AsyncIterable<CanonicalStreamEvent[]> {
  const enforcer = new StreamEnforcer(options);
  for await (const batch of batches) {
    const out: CanonicalStreamEvent[] = [];
    for (const event of batch) {
      if (enforcer.needsSettle(event)) await enforcer.settle(event, out);
      else enforcer.push(event, out);
      if (enforcer.ended) break;
    }
    if (out.length > 0) yield out;
    if (enforcer.ended) return;
  }
}
