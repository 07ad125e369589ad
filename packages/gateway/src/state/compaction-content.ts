import { isJsonObject, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';

/**
 * The `encrypted_content` of a compaction item the gateway made by summarising (docs/open-responses.md#compaction):
 * a marker, then base64url JSON `{"summary": …}`. It is encoded, not encrypted: it only ever goes back to the
 * client who sent the conversation it summarises, and clients must treat it as opaque.
 */
export function encodeCompactionContent(summary: string): string {
  const json = JSON.stringify({ summary });
  return `${gatewayDefaults.compaction.contentPrefix}${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** True for content the gateway wrote; anything else belongs to an upstream. */
export function isGatewayCompaction(content: string): boolean {
  return content.startsWith(gatewayDefaults.compaction.contentPrefix);
}

/** The summary inside content the gateway wrote, or null when it is damaged. */
export function decodeCompactionContent(content: string): string | null {
  if (!isGatewayCompaction(content)) return null;
  const encoded = content.slice(gatewayDefaults.compaction.contentPrefix.length);
  const parsed = safeParseJson(Buffer.from(encoded, 'base64url').toString('utf8'));
  if (!parsed.success || !isJsonObject(parsed.value)) return null;
  const summary = parsed.value['summary'];
  return typeof summary === 'string' ? summary : null;
}
