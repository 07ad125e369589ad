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
 * Two stretches of one choice's `logprobs`, earlier first, as one: each list is the two lists joined
 * (`null` only when both are). A stream's chunks each carry the tokens of their own fragment; the
 * official SDKs join them the same way when they accumulate a stream.
 */
export function joinChatLogprobs(earlier: JsonObject | undefined, later: JsonObject): JsonObject {
  if (earlier === undefined) return { content: listOf(later, 'content'), refusal: listOf(later, 'refusal') };
  return {
    content: joinLists(listOf(earlier, 'content'), listOf(later, 'content')),
    refusal: joinLists(listOf(earlier, 'refusal'), listOf(later, 'refusal')),
  };
}

function listOf(logprobs: JsonObject, key: 'content' | 'refusal'): unknown[] | null {
  const list = Object.hasOwn(logprobs, key) ? logprobs[key] : undefined;
  return Array.isArray(list) ? list : null;
}

function joinLists(earlier: unknown[] | null, later: unknown[] | null): unknown[] | null {
  if (earlier === null) return later === null ? null : [...later];
  return later === null ? earlier : [...earlier, ...later];
}
