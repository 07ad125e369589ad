import type {
  CanonicalContentPart,
  CanonicalPassthrough,
  CanonicalResponse,
  CanonicalStreamEvent,
} from '@toolbridge/core';
import { isCutOff } from './call-policy.js';

/**
 * A finished canonical response as the stream of events that would have produced it. Used where the
 * gateway had to see a whole turn before answering (emulated tool_choice) and to replay stored responses.
 * The last item of a turn cut off by its output limit stays open (no end event), so it is reported
 * `incomplete` again rather than completed (canonical stream invariants).
 */
export function* replayCanonicalResponse(response: CanonicalResponse): Iterable<CanonicalStreamEvent> {
  const fields = response.responseFields;
  yield {
    type: 'response-start',
    id: response.id,
    model: response.model,
    createdAt: response.createdAt,
    ...(fields !== undefined ? { responseFields: fields } : {}),
    ...(typeof response.serviceTier === 'string' ? { serviceTier: response.serviceTier } : {}),
    ...(typeof response.systemFingerprint === 'string'
      ? { systemFingerprint: response.systemFingerprint }
      : {}),
  };
  const cutOff = isCutOff(response.finishReason);
  const last = response.output.at(-1);
  for (const item of response.output) {
    const open = cutOff && item === last && 'status' in item && item.status === 'incomplete';
    if (item.type === 'message') {
      const parts =
        typeof item.content === 'string' ? [{ type: 'text' as const, text: item.content }] : item.content;
      const passthrough = item.passthrough !== undefined ? { passthrough: item.passthrough } : {};
      yield { type: 'text-start', ...(item.id !== undefined ? { itemId: item.id } : {}), ...passthrough };
      for (const part of parts) {
        if (part.type === 'text' && part.text !== '') yield { type: 'text-delta', delta: part.text };
        else if (part.type === 'refusal') yield { type: 'refusal-delta', delta: part.refusal };
      }
      if (!open) yield { type: 'text-end', ...passthrough, ...partFieldsOf(parts) };
    } else if (item.type === 'function_call') {
      yield {
        type: 'tool-call-start',
        callId: item.callId,
        name: item.name,
        ...(item.id !== undefined ? { itemId: item.id } : {}),
        ...(item.providerState !== undefined ? { providerState: item.providerState } : {}),
        ...(item.passthrough !== undefined ? { passthrough: item.passthrough } : {}),
      };
      if (item.arguments !== '') yield { type: 'tool-call-delta', delta: item.arguments };
      if (!open)
        yield {
          type: 'tool-call-end',
          arguments: item.arguments === '' ? '{}' : item.arguments,
          ...(item.passthrough !== undefined ? { passthrough: item.passthrough } : {}),
        };
    } else if (item.type === 'reasoning') {
      yield { type: 'reasoning', item: item.raw };
    }
  }
  if (response.logprobs !== undefined) yield { type: 'logprobs', logprobs: response.logprobs };
  yield {
    type: 'finish',
    finishReason: response.finishReason,
    usage: response.usage,
    ...(fields !== undefined ? { responseFields: fields } : {}),
  };
}

/** The parts' pass-through fields (annotations, logprobs), for the replayed `text-end`. */
function partFieldsOf(parts: readonly CanonicalContentPart[]): {
  parts?: Array<CanonicalPassthrough | null>;
} {
  const fields = parts.map((part) =>
    'passthrough' in part && part.passthrough !== undefined ? part.passthrough : null,
  );
  return fields.some((entry) => entry !== null) ? { parts: fields } : {};
}
