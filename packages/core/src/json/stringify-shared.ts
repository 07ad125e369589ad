import { randomBytes } from 'node:crypto';
import { isShared } from './frozen.js';

/** Each shared value's JSON text, written once (shared values never change). */
const texts = new WeakMap<object, string>();

/**
 * Stands in for a member written from kept text while the rest is serialised. Its random part is drawn
 * per process, so no client can send a string that serialises to the same text; quotes inside strings
 * are escaped, so the quoted marker cannot be matched inside a longer string either.
 */
const MARKER = `toolbridge-shared-${randomBytes(16).toString('hex')}`;

function sharedText(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/**
 * The JSON text of a member value from kept texts: a shared value whole, or an array whose elements
 * include shared ones, element by element (an agent's history: the messages of its earlier turns are
 * shared, the new ones are not). Undefined when nothing in it is shared.
 */
function keptText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (isShared(value)) return sharedText(value);
  if (!Array.isArray(value) || !value.some(isShared)) return undefined;
  // As JSON.stringify writes an array: elements joined by commas, with `null` for what it cannot write.
  let out = '[';
  for (let index = 0; index < value.length; index++) {
    const element: unknown = value[index];
    if (index > 0) out += ',';
    out += isShared(element) ? sharedText(element as object) : (JSON.stringify(element) ?? 'null');
  }
  return `${out}]`;
}

/**
 * `JSON.stringify(object)`, with the members named in `keys` written from kept text where they are
 * shared values (`freezeShared`) or arrays holding shared values: an upstream request repeats the same
 * 20 KB of tools and the same history on every turn of an agent loop, and serialising them cost as much
 * as relaying the request. The output is the same text `JSON.stringify` writes, member order included.
 * Why by hand: Node 20 has no `JSON.rawJSON`.
 */
export function stringifyWithShared(object: Record<string, unknown>, keys: readonly string[]): string {
  const replaced: { key: string; value: unknown; marker: string; text: string }[] = [];
  for (const key of keys) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    const text = keptText(value);
    if (text !== undefined) replaced.push({ key, value, marker: `"${MARKER}-${replaced.length}"`, text });
  }
  if (replaced.length === 0) return JSON.stringify(object);
  let out: string;
  try {
    for (const member of replaced) object[member.key] = member.marker.slice(1, -1);
    out = JSON.stringify(object);
  } finally {
    for (const member of replaced) object[member.key] = member.value;
  }
  for (const member of replaced) {
    const at = out.indexOf(member.marker);
    out = `${out.slice(0, at)}${member.text}${out.slice(at + member.marker.length)}`;
  }
  return out;
}
