import { safeParseJson } from '../json/safe-parse-json.js';

/** Version tag of toolbridge's opaque reasoning blobs. */
const PREFIX = 'tb1.';

/**
 * Packs provider reasoning state (e.g. Anthropic thinking blocks) into the opaque string a client
 * carries between turns as a Responses `reasoning.encrypted_content`: `tb1.<provider>.<base64url(JSON)>`.
 * The provider tag lets a later turn use only blobs its own upstream produced (docs/protocol/anthropic.md §6).
 */
export function encodeReasoningBlob(provider: string, value: unknown): string {
  return `${PREFIX}${provider}.${Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')}`;
}

/** True for a string in toolbridge's blob format, whichever provider made it (never sent to OpenAI). */
export function isReasoningBlob(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/**
 * Unpacks a blob made for `provider`; anything else (another provider's blob, an OpenAI
 * `encrypted_content`, broken base64 or JSON) gives `undefined`. Blobs come back from clients, so they
 * are hostile: parsed without throwing, and the caller shape-checks the value.
 */
export function decodeReasoningBlob(text: unknown, provider: string): unknown {
  const head = `${PREFIX}${provider}.`;
  if (typeof text !== 'string' || !text.startsWith(head)) return undefined;
  const body = text.slice(head.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return undefined;
  const parsed = safeParseJson(Buffer.from(body, 'base64url').toString('utf8'));
  return parsed.success ? parsed.value : undefined;
}
