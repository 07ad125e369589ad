import {
  accumulateCanonical,
  appendAll,
  type CanonicalStreamEvent,
  type CanonicalUsage,
  flattenBatches,
} from '@toolbridge/core';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { checkToolCall } from './check-tool-call.js';
import { type EnforceOptions, enforcedFinishReason, enforceResponse, isCutOff } from './enforce-response.js';
import { repairToolCall } from './repair-tool-call.js';
import { replayCanonicalResponse } from './replay-canonical-response.js';
import { sumUsage } from './sum-usage.js';

interface HeldCall {
  callId: string;
  name: string;
  itemId?: string;
  /** Opaque provider state that must stay with the call (canonical `providerState`). */
  providerState?: string;
}

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

/** One complete call as start / one delta / end (a held or repaired call has no fragments left). */
function wholeCall(call: HeldCall & { arguments: string }): CanonicalStreamEvent[] {
  return [
    {
      type: 'tool-call-start',
      callId: call.callId,
      name: call.name,
      ...(call.itemId !== undefined ? { itemId: call.itemId } : {}),
      ...(call.providerState !== undefined ? { providerState: call.providerState } : {}),
    },
    { type: 'tool-call-delta', delta: call.arguments },
    { type: 'tool-call-end', arguments: call.arguments },
  ];
}

/**
 * Whole-turn mode, for when the gateway must see the entire answer before deciding (a required or
 * forced call on an upstream without native tool_choice): accumulate, enforce, replay as one batch.
 */
async function* enforceWholeTurn(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  options: EnforceOptions,
): AsyncIterable<CanonicalStreamEvent[]> {
  try {
    const response = await accumulateCanonical(flattenBatches(batches));
    yield [...replayCanonicalResponse(await enforceResponse(response, options))];
  } catch (error) {
    yield [errorEvent(error)];
  }
}

/**
 * The per-turn state of streaming enforcement: `push` takes one event and appends what the client
 * may see to `out`. Only a call that needs repair makes it wait (it re-asks the upstream).
 */
class StreamEnforcer {
  readonly #options: EnforceOptions;
  readonly #repairUsage: CanonicalUsage[] = [];
  #emitted = 0;
  #held: HeldCall | null = null;
  #dropping = false;
  /** Set once an error event was appended: the stream ends there. */
  ended = false;

  constructor(options: EnforceOptions) {
    this.#options = options;
  }

  /** Whether `event` is the end of a held call, which `push` must check (and may repair). */
  needsCheck(event: CanonicalStreamEvent): boolean {
    return event.type === 'tool-call-end' && !this.#dropping && this.#held !== null;
  }

  push(event: CanonicalStreamEvent, out: CanonicalStreamEvent[]): void {
    const { policy, adjustments } = this.#options;
    switch (event.type) {
      case 'tool-call-start': {
        if (policy.forbidCalls || (policy.singleCall && this.#emitted >= 1)) {
          if (!policy.forbidCalls && this.#options.parallelToolCalls === 'error') {
            this.#fail(
              out,
              new GatewayError({
                code: 'upstream_tool_choice_violation',
                message: 'The upstream model returned several calls although parallel_tool_calls is false.',
              }),
            );
            return;
          }
          adjustments.push(
            `dropped a call to '${event.name}' (${policy.forbidCalls ? 'tool_choice "none"' : 'parallel_tool_calls=false'})`,
          );
          this.#dropping = true;
        } else if (policy.strictNames.has(event.name) || !policy.allowedNames.has(event.name)) {
          this.#held = {
            callId: event.callId,
            name: event.name,
            ...(event.itemId !== undefined ? { itemId: event.itemId } : {}),
            ...(event.providerState !== undefined ? { providerState: event.providerState } : {}),
          };
        } else {
          this.#emitted += 1;
          out.push(event);
        }
        return;
      }
      case 'tool-call-delta':
        if (!this.#dropping && this.#held === null) out.push(event);
        return;
      case 'tool-call-end':
        if (this.#dropping) this.#dropping = false;
        else if (this.#held === null) out.push(event);
        return;
      case 'finish': {
        // A turn cut off by the output limit keeps its finish reason (a held call that never ended is dropped).
        const cutOff = isCutOff(event.finishReason);
        if (policy.requireCall && this.#emitted === 0 && !cutOff) {
          this.#fail(
            out,
            new GatewayError({
              code: 'upstream_tool_choice_violation',
              message: 'The upstream model answered without the function call tool_choice requires.',
            }),
          );
          return;
        }
        const finishReason = enforcedFinishReason(event.finishReason, this.#emitted);
        out.push({ type: 'finish', finishReason, usage: sumUsage(event.usage, this.#repairUsage) });
        return;
      }
      default:
        out.push(event);
    }
  }

  /** The end of a held call: validated, and repaired by re-asking the upstream when invalid. */
  async checkHeld(
    event: CanonicalStreamEvent & { type: 'tool-call-end' },
    out: CanonicalStreamEvent[],
  ): Promise<void> {
    const held = this.#held as HeldCall;
    const call = { ...held, arguments: event.arguments };
    this.#held = null;
    const problem = checkToolCall(call, this.#options.policy);
    if (problem === null) {
      appendAll(out, wholeCall(call));
    } else {
      try {
        const repaired = await repairToolCall({
          ...this.#options,
          call: { type: 'function_call', ...call },
          reason: problem,
        });
        this.#repairUsage.push(...repaired.usage);
        this.#options.adjustments.push(`repaired a call to '${call.name}'`);
        appendAll(
          out,
          wholeCall({
            callId: repaired.call.callId,
            name: repaired.call.name,
            arguments: repaired.call.arguments,
            ...(repaired.call.providerState !== undefined
              ? { providerState: repaired.call.providerState }
              : {}),
          }),
        );
      } catch (error) {
        this.#fail(out, error);
        return;
      }
    }
    this.#emitted += 1;
  }

  #fail(out: CanonicalStreamEvent[], error: unknown): void {
    out.push(errorEvent(error));
    this.ended = true;
  }
}

/**
 * The streaming side of enforcement, batch by batch. Text and the argument deltas of calls that need
 * no checking are forwarded as they arrive; calls of strict tools (and calls to names not allowed)
 * are held until complete, validated, and repaired by re-asking when invalid. Extra calls beyond
 * parallel_tool_calls=false and calls under tool_choice "none" are dropped.
 */
export async function* enforceStream(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  options: EnforceOptions & { wholeTurn: boolean },
): AsyncIterable<CanonicalStreamEvent[]> {
  if (options.wholeTurn) {
    yield* enforceWholeTurn(batches, options);
    return;
  }
  const enforcer = new StreamEnforcer(options);
  for await (const batch of batches) {
    const out: CanonicalStreamEvent[] = [];
    for (const event of batch) {
      if (enforcer.needsCheck(event))
        await enforcer.checkHeld(event as CanonicalStreamEvent & { type: 'tool-call-end' }, out);
      else enforcer.push(event, out);
      if (enforcer.ended) break;
    }
    if (out.length > 0) yield out;
    if (enforcer.ended) return;
  }
}
