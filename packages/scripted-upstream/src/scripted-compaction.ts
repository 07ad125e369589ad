import { isRecord, ownString } from './json-value.js';
import { safeParseJson } from './safe-parse-json.js';

/**
 * This double's own sealed compaction format, standing in for OpenAI's encrypted one
 * (docs/scripted-upstream.md#compaction): a marker and base64url JSON holding the conversation's text.
 * Content without the marker is refused, as OpenAI refuses content it did not seal.
 */
const PREFIX = 'scripted-sealed.';

/** Seals the text of a compacted conversation. */
export function sealCompaction(text: string): string {
  return `${PREFIX}${Buffer.from(JSON.stringify({ text }), 'utf8').toString('base64url')}`;
}

/** The text a sealed compaction holds, or null when this double did not seal it. */
export function openCompaction(content: string): string | null {
  if (!content.startsWith(PREFIX)) return null;
  const parsed = safeParseJson(Buffer.from(content.slice(PREFIX.length), 'base64url').toString('utf8'));
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  return ownString(parsed.value, 'text') ?? null;
}
