import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { refAnnotationKeywords } from './strict-schema-keywords.js';

/** Where a local `$ref` leads: the target schema and its path, or why it leads nowhere. */
export type LocalRefResolution =
  | { ok: true; target: JsonObject; path: string[] }
  | { ok: false; problem: 'not_local' | 'unresolved' | 'cycle' };

/**
 * Resolves a document-local `$ref` (`#`, `#/$defs/x`, `#/definitions/x`, any `#/…` pointer) against
 * `root`, following chains of bare `{"$ref": …}` aliases so a ref cycle that never reaches a real
 * schema is reported instead of looping. Reads own properties only (`__proto__` is a valid key).
 */
export function resolveLocalRef(root: JsonObject, ref: string): LocalRefResolution {
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (seen.has(current)) return { ok: false, problem: 'cycle' };
    seen.add(current);
    const path = parseLocalRef(current);
    if (path === undefined) return { ok: false, problem: 'not_local' };
    const target = walk(root, path);
    if (!isJsonObject(target)) return { ok: false, problem: 'unresolved' };
    const next = getOwn(target, '$ref');
    if (typeof next !== 'string' || !isAlias(target)) return { ok: true, target, path };
    current = next;
  }
}

/** A `$ref` carrying nothing but annotations only renames its target. */
function isAlias(schema: JsonObject): boolean {
  return Object.keys(schema).every((key) => key === '$ref' || refAnnotationKeywords.has(key));
}

/** `#/a~1b/c` → `['a/b', 'c']`; undefined for refs that are not document-local pointers. */
function parseLocalRef(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    // A fragment is URI-encoded before it is a JSON pointer (RFC 6901 §6).
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function walk(root: JsonObject, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (isJsonObject(node)) {
      node = getOwn(node, segment);
    } else {
      return undefined;
    }
  }
  return node;
}
