import { isJsonObject } from '@toolbridge/core';
import type { TurnCallbacks } from './transport.js';

interface CallIdentity {
  callId: string;
  toolName: string;
}

/**
 * Passes `response.output_text.delta` and `response.function_call_arguments.delta` fragments to the
 * callbacks as they arrive. Argument deltas name only their item, so the call id and name are taken
 * from that item's `response.output_item.added` (docs/protocol/responses.md#streaming).
 */
export function createResponsesDeltaForwarder(callbacks: TurnCallbacks): (event: unknown) => void {
  const calls = new Map<string, CallIdentity>();
  return (event) => {
    if (!isJsonObject(event)) return;
    switch (event['type']) {
      case 'response.output_item.added': {
        const item = event['item'];
        if (isJsonObject(item) && item['type'] === 'function_call' && typeof item['id'] === 'string') {
          calls.set(item['id'], {
            callId: String(item['call_id'] ?? ''),
            toolName: String(item['name'] ?? ''),
          });
        }
        return;
      }
      case 'response.output_text.delta':
        if (typeof event['delta'] === 'string' && event['delta'] !== '')
          callbacks.onTextDelta?.(event['delta']);
        return;
      case 'response.function_call_arguments.delta': {
        const identity = typeof event['item_id'] === 'string' ? calls.get(event['item_id']) : undefined;
        if (typeof event['delta'] === 'string' && event['delta'] !== '') {
          callbacks.onToolArgumentsDelta?.({ callId: '', toolName: '', ...identity, delta: event['delta'] });
        }
        return;
      }
    }
  };
}
