import { randomBytes } from 'node:crypto';
import { isShared } from './frozen.js';

/** Each shared value's JSON text, written once (shared values never change). */
const texts = new WeakMap<object, string>();

/**
 * Stands in for the shared member while the rest is serialised. Its random part is drawn per process,
 * so no client can send a string that serialises to the same text; quotes inside strings are escaped,
 * so the quoted marker cannot be matched inside a longer string either.
 */
const MARKER = `toolbridge-shared-${randomBytes(16).toString('hex')}`;
const MARKER_JSON = `"${MARKER}"`;

/**
 * `JSON.stringify(object)`, with the member `key` of `holder` (by default `object` itself; otherwise an
 * object inside it, such as a streamed event's `response`) written from its cached text when it is a
 * shared value (`freezeShared`): an upstream request repeats the same 20 KB of tools on every turn of
 * an agent loop, and a Response echoes them in three stream events and the store, and serialising them
 * cost as much as relaying the request. The output is the same text `JSON.stringify` writes, member
 * order included (see `stringifyWithText` for when it falls back to the plain way).
 */
export function stringifyWithShared(
  object: object,
  key: string,
  holder: Record<string, unknown> = object as Record<string, unknown>,
): string {
  const member = holder[key];
  if (!isShared(member)) return JSON.stringify(object);
  const shared = member as object;
  let text = texts.get(shared);
  if (text === undefined) {
    text = JSON.stringify(shared);
    texts.set(shared, text);
  }
  return stringifyWithText(object, key, text, holder);
}

/**
 * `JSON.stringify(object)`, with the member `key` of `holder` written as `text`, which the caller
 * guarantees is that member's JSON (`JSON.stringify` of it, or a text built the same way): a shared
 * tool set's, or a final Response serialised once for the store and then sent in its terminal event.
 * A `holder` that cannot take the marker (frozen, or without its own `key`) or that `object` holds
 * more than once is serialised the plain way. Why by hand: Node 20 has no `JSON.rawJSON`.
 */
export function stringifyWithText(
  object: object,
  key: string,
  text: string,
  holder: Record<string, unknown> = object as Record<string, unknown>,
): string {
  if (!Object.hasOwn(holder, key) || Object.isFrozen(holder)) return JSON.stringify(object);
  const member = holder[key];
  holder[key] = MARKER;
  let out: string;
  try {
    out = JSON.stringify(object);
  } finally {
    holder[key] = member;
  }
  const at = out.indexOf(MARKER_JSON);
  // Absent (the holder is not inside `object`) or twice (it is there twice): only the plain way is right.
  if (at === -1 || out.indexOf(MARKER_JSON, at + MARKER_JSON.length) !== -1) return JSON.stringify(object);
  return `${out.slice(0, at)}${text}${out.slice(at + MARKER_JSON.length)}`;
}
