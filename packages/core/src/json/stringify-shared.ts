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
 * `JSON.stringify(object)`, with the member `key` written from its cached text when it is a shared
 * value (`freezeShared`): an upstream request repeats the same 20 KB of tools on every turn of an agent
 * loop, and serialising them cost as much as relaying the request. The output is the same text
 * `JSON.stringify` writes, member order included. Why by hand: Node 20 has no `JSON.rawJSON`.
 */
export function stringifyWithShared(object: Record<string, unknown>, key: string): string {
  const member = object[key];
  if (!isShared(member) || !Object.hasOwn(object, key)) return JSON.stringify(object);
  const shared = member as object;
  let text = texts.get(shared);
  if (text === undefined) {
    text = JSON.stringify(shared);
    texts.set(shared, text);
  }
  object[key] = MARKER;
  let out: string;
  try {
    out = JSON.stringify(object);
  } finally {
    object[key] = member;
  }
  const at = out.indexOf(MARKER_JSON);
  return `${out.slice(0, at)}${text}${out.slice(at + MARKER_JSON.length)}`;
}
