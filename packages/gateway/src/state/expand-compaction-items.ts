import { isJsonObject, type ResponsesInputItem } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import { decodeCompactionContent, isGatewayCompaction } from './compaction-content.js';

/**
 * True when the upstream compacts natively and reads its own compaction items back: it declares
 * `nativeCompaction` and its wire format has a compaction endpoint (docs/open-responses.md#compaction).
 */
export function compactsNatively(target: UpstreamTarget): boolean {
  return target.provider.capabilities.nativeCompaction === true && target.codec.encodeCompact !== undefined;
}

/** Options of {@link expandCompactionItems}. */
export interface ExpandCompactionOptions {
  /** The upstream reads its own compaction items back (`nativeCompaction`): those pass unchanged. */
  native: boolean;
  /** How the client's items are named in errors: `input` (the default) or `previous_response_id`. */
  param?: string;
}

function compactionContent(item: ResponsesInputItem): string | undefined {
  const record = item as Record<string, unknown>;
  if (!isJsonObject(record) || record['type'] !== 'compaction') return undefined;
  const content = record['encrypted_content'];
  return typeof content === 'string' ? content : undefined;
}

function unreadable(param: string, index: number, message: string): GatewayError {
  return new GatewayError({
    code: 'invalid_request',
    message,
    param: `${param}[${index}].encrypted_content`,
    openaiCode: 'invalid_value',
  });
}

/**
 * Replaces the compaction items the gateway made (docs/open-responses.md#compaction) with the summary they
 * carry, as an assistant message, so any upstream can continue from them. An upstream's own compaction
 * item passes unchanged to an upstream that reads it back; to any other it is a 400: its content is
 * sealed and the gateway cannot turn it into context. Returns `items` itself when nothing changed.
 */
export function expandCompactionItems(
  items: ResponsesInputItem[],
  { native, param = 'input' }: ExpandCompactionOptions,
): ResponsesInputItem[] {
  if (!items.some((item) => compactionContent(item) !== undefined)) return items;
  return items.map((item, index) => {
    const content = compactionContent(item);
    if (content === undefined) return item;
    if (!isGatewayCompaction(content)) {
      if (native) return item;
      throw unreadable(
        param,
        index,
        'This compaction item was made by another server and cannot be read by the model this request goes to. ' +
          'Send the conversation itself, or compact it again through this gateway with the same model.',
      );
    }
    const summary = decodeCompactionContent(content);
    if (summary === null) {
      throw unreadable(
        param,
        index,
        'The compaction item is damaged: pass it back exactly as /v1/responses/compact returned it.',
      );
    }
    return {
      type: 'message',
      role: 'assistant',
      content: `${gatewayDefaults.compaction.summaryHeading}\n${summary}`,
    };
  });
}
