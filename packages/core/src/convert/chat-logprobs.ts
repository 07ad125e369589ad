import type { JsonObject } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';

/**
 * A Chat choice's `logprobs` (`{content, refusal}`: one token entry per generated token, each list
 * `null` when that kind produced nothing) as the gateway keeps it: the upstream's object, or
 * `undefined` when there is none (`null`, absent or not an object).
 */
export function chatLogprobsOf(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

/**
 * Appends a later stretch of one choice's `logprobs` to the tokens gathered so far: each list grows by
 * the later one (`null` only while both are). A stream's chunks each carry the tokens of their own
 * fragment; the official SDKs join them the same way when they accumulate a stream.
 *
 * `gathered` is `undefined` at first, then always an object this function returned: it grows in place,
 * so a long stream costs one push per chunk, not a copy of everything before it. The upstream's
 * objects are never changed.
 */
export function appendChatLogprobs(gathered: JsonObject | undefined, later: JsonObject): JsonObject {
  const into = gathered ?? { content: null, refusal: null };
  appendList(into, 'content', later);
  appendList(into, 'refusal', later);
  return into;
}

function appendList(into: JsonObject, key: 'content' | 'refusal', later: JsonObject): void {
  const list = Object.hasOwn(later, key) ? later[key] : undefined;
  if (!Array.isArray(list)) return;
  const current = into[key];
  if (Array.isArray(current)) current.push(...list);
  else into[key] = [...list];
}
