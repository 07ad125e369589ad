import { getOwn, isJsonObject } from '@toolbridge/core';
import type { TurnCallbacks } from './transport.js';

interface CallIdentity {
  callId: string;
  toolName: string;
}

function firstChoiceDelta(chunk: unknown): Record<string, unknown> | undefined {
  if (!isJsonObject(chunk) || !Array.isArray(chunk['choices'])) return undefined;
  const choice: unknown = chunk['choices'].find(
    (entry) => isJsonObject(entry) && (entry['index'] ?? 0) === 0,
  );
  if (!isJsonObject(choice) || !isJsonObject(choice['delta'])) return undefined;
  return choice['delta'];
}

/**
 * Passes the text and argument fragments of raw Chat chunks to the callbacks as they arrive. A call is known
 * by its `index`; its id and name come with its first fragment (docs/protocol/chat-completions.md#streaming,
 * rule 2). Only reads the chunks; accumulation is core's job.
 */
export function createChatDeltaForwarder(callbacks: TurnCallbacks): (chunk: unknown) => void {
  const calls = new Map<number, CallIdentity>();
  return (chunk) => {
    const delta = firstChoiceDelta(chunk);
    if (delta === undefined) return;
    const content = delta['content'];
    if (typeof content === 'string' && content !== '') callbacks.onTextDelta?.(content);
    const toolCalls = delta['tool_calls'];
    if (!Array.isArray(toolCalls)) return;
    for (const fragment of toolCalls) {
      if (!isJsonObject(fragment) || typeof fragment['index'] !== 'number') continue;
      const fn = isJsonObject(fragment['function']) ? fragment['function'] : {};
      const known = calls.get(fragment['index']);
      const identity: CallIdentity = {
        callId: typeof fragment['id'] === 'string' ? fragment['id'] : (known?.callId ?? ''),
        toolName: typeof getOwn(fn, 'name') === 'string' ? String(fn['name']) : (known?.toolName ?? ''),
      };
      calls.set(fragment['index'], identity);
      const argumentsDelta = getOwn(fn, 'arguments');
      if (typeof argumentsDelta === 'string' && argumentsDelta !== '') {
        // Written out rather than `{ ...identity, delta }`: on Node 20 a spread clone given more members
        // survives into the old generation, and this runs for every streamed fragment
        // (docs/adr/0014-memory-under-load.md).
        callbacks.onToolArgumentsDelta?.({
          callId: identity.callId,
          toolName: identity.toolName,
          delta: argumentsDelta,
        });
      }
    }
  };
}
