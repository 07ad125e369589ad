import { createHash } from 'node:crypto';
import { isJsonObject, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../../defaults.js';
import { redactFields } from './redact-fields.js';

/**
 * Ids that differ between two runs of the same session: minted by the gateway or the upstream
 * (docs/protocol/chat-completions.md#ids, docs/protocol/responses.md#response-object).
 */
const VOLATILE_ID =
  /^(call|fc|fco|msg|resp|rs|chatcmpl|chatcmpl-tool|toolu|item|req|ws)[_-][A-Za-z0-9_-]{8,}$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;
const TIME_KEYS = new Set(['created', 'created_at', 'timestamp']);

interface Walk {
  ids: Map<string, string>;
  depth: number;
}

function canonicalString(value: string, walk: Walk): unknown {
  if (VOLATILE_ID.test(value)) {
    let placeholder = walk.ids.get(value);
    if (placeholder === undefined) {
      placeholder = `<id ${walk.ids.size + 1}>`;
      walk.ids.set(value, placeholder);
    }
    return placeholder;
  }
  if (ISO_TIME.test(value)) return '<time>';
  const trimmed = value.trim();
  // Arguments and tool outputs are JSON inside a string: compare them as JSON, so their
  // whitespace and key order do not matter either.
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && walk.depth < gatewayDefaults.maxJsonDepth) {
    const parsed = safeParseJson(trimmed);
    if (parsed.success) return { '<json>': canonicalValue(parsed.value, { ...walk, depth: walk.depth + 1 }) };
  }
  return trimmed.replace(/\s+/g, ' ');
}

function canonicalValue(value: unknown, walk: Walk): unknown {
  if (typeof value === 'string') return canonicalString(value, walk);
  if (walk.depth > gatewayDefaults.maxJsonDepth) return '<too deep>';
  const next = { ...walk, depth: walk.depth + 1 };
  if (Array.isArray(value)) return value.map((entry) => canonicalValue(entry, next));
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = value[key];
    const canonical =
      TIME_KEYS.has(key) && typeof entry === 'number' ? '<time>' : canonicalValue(entry, next);
    Object.defineProperty(result, key, {
      value: canonical,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** The canonical form of a request and its key (docs/cassettes.md#matching). */
export interface CanonicalRequest {
  canonical: unknown;
  key: string;
}

/**
 * What a recorded and a live request are compared on: the path and the body with what varies
 * between runs taken out: ids (numbered by first appearance, so pairing still counts), timestamps,
 * key order, whitespace, JSON formatting inside strings, and the `--redact` fields. `body` is the
 * upstream body's JSON text, or an already parsed value.
 */
export function canonicalRequest(options: {
  path: string;
  body: unknown;
  redact: readonly string[];
}): CanonicalRequest {
  let body = options.body;
  if (typeof body === 'string') {
    const parsed = safeParseJson(body);
    body = parsed.success ? parsed.value : body;
  }
  const canonical = canonicalValue(redactFields(body, options.redact), { ids: new Map(), depth: 0 });
  const text = `${options.path}\n${JSON.stringify(canonical)}`;
  return { canonical, key: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}
