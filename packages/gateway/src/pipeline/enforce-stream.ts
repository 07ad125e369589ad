import { accumulateCanonical, type CanonicalStreamEvent, type CanonicalUsage } from '@toolbridge/core';
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

/** Emits one complete call as start / one delta / end (a held or repaired call has no fragments left). */
function* wholeCall(call: HeldCall & { arguments: string }): Iterable<CanonicalStreamEvent> {
  yield {
    type: 'tool-call-start',
    callId: call.callId,
    name: call.name,
    ...(call.itemId !== undefined ? { itemId: call.itemId } : {}),
  };
  yield { type: 'tool-call-delta', delta: call.arguments };
  yield { type: 'tool-call-end', arguments: call.arguments };
}

/**
 * Whole-turn mode, for when the gateway must see the entire answer before deciding (a required or
 * forced call on an upstream without native tool_choice): accumulate, enforce, replay.
 */
async function* enforceWholeTurn(
  events: AsyncIterable<CanonicalStreamEvent>,
  options: EnforceOptions,
): AsyncIterable<CanonicalStreamEvent> {
  try {
    const response = await accumulateCanonical(events);
    yield* replayCanonicalResponse(await enforceResponse(response, options));
  } catch (error) {
    yield errorEvent(error);
  }
}

/**
 * The streaming side of enforcement. Text and the argument deltas of calls that need no checking are
 * forwarded as they arrive; calls of strict tools (and calls to names not allowed) are held until
 * complete, validated, and repaired by re-asking when invalid. Extra calls beyond
 * parallel_tool_calls=false and calls under tool_choice "none" are dropped.
 */
export async function* enforceStream(
  events: AsyncIterable<CanonicalStreamEvent>,
  options: EnforceOptions & { wholeTurn: boolean },
): AsyncIterable<CanonicalStreamEvent> {
  if (options.wholeTurn) {
    yield* enforceWholeTurn(events, options);
    return;
  }
  const { policy, adjustments } = options;
  const repairUsage: CanonicalUsage[] = [];
  let emitted = 0;
  let held: HeldCall | null = null;
  let dropping = false;
  for await (const event of events) {
    switch (event.type) {
      case 'tool-call-start': {
        if (policy.forbidCalls || (policy.singleCall && emitted >= 1)) {
          if (!policy.forbidCalls && options.parallelToolCalls === 'error') {
            yield errorEvent(
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
          dropping = true;
        } else if (policy.strictNames.has(event.name) || !policy.allowedNames.has(event.name)) {
          held = {
            callId: event.callId,
            name: event.name,
            ...(event.itemId !== undefined ? { itemId: event.itemId } : {}),
          };
        } else {
          emitted += 1;
          yield event;
        }
        break;
      }
      case 'tool-call-delta':
        if (!dropping && held === null) yield event;
        break;
      case 'tool-call-end': {
        if (dropping) {
          dropping = false;
        } else if (held !== null) {
          const call = { ...held, arguments: event.arguments };
          held = null;
          const problem = checkToolCall(call, policy);
          if (problem === null) {
            yield* wholeCall(call);
          } else {
            try {
              const repaired = await repairToolCall({
                ...options,
                call: { type: 'function_call', ...call },
                reason: problem,
              });
              repairUsage.push(...repaired.usage);
              adjustments.push(`repaired a call to '${call.name}'`);
              yield* wholeCall({
                callId: repaired.call.callId,
                name: repaired.call.name,
                arguments: repaired.call.arguments,
              });
            } catch (error) {
              yield errorEvent(error);
              return;
            }
          }
          emitted += 1;
        } else {
          yield event;
        }
        break;
      }
      case 'finish': {
        // A turn cut off by the output limit keeps its finish reason (a held call that never ended is dropped).
        const cutOff = isCutOff(event.finishReason);
        if (policy.requireCall && emitted === 0 && !cutOff) {
          yield errorEvent(
            new GatewayError({
              code: 'upstream_tool_choice_violation',
              message: 'The upstream model answered without the function call tool_choice requires.',
            }),
          );
          return;
        }
        const finishReason = enforcedFinishReason(event.finishReason, emitted);
        yield { type: 'finish', finishReason, usage: sumUsage(event.usage, repairUsage) };
        break;
      }
      default:
        yield event;
    }
  }
}
