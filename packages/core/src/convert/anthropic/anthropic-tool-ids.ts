import { hash } from 'node:crypto';

/** What Anthropic accepts as a `tool_use.id` (docs/protocol/anthropic.md §5). */
const VALID_ID = /^[a-zA-Z0-9_-]+$/;

/** Longest id toolbridge sends; longer foreign ids are cut and keep a hash of the whole. */
const MAX_ID_LENGTH = 64;

function shortHash(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 8);
}

/**
 * The id Anthropic gets for a call id minted elsewhere: unchanged when it is already valid, else
 * every other character becomes `_` and a hash of the original is appended, so two ids that differ
 * only in such characters stay different, and the same history always gives the same ids.
 */
export function sanitizeToolId(id: string): string {
  if (VALID_ID.test(id) && id.length <= MAX_ID_LENGTH) return id;
  const base = id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX_ID_LENGTH - 9);
  return `${base || 'call'}_${shortHash(id)}`;
}

/**
 * Assigns the `tool_use` / `tool_result` ids of one request: valid, unique across the request (a
 * client may reuse `call_0` in several turns), and paired — a result gets the id of the latest call
 * with its client id. Deterministic, so a replayed history yields the same upstream ids. The client
 * never sees these ids: responses carry the upstream's own `toolu_…` ids, and stored history keeps
 * the client's (docs/protocol/anthropic.md §5).
 */
export class AnthropicToolIds {
  readonly #used = new Set<string>();
  readonly #latest = new Map<string, string>();
  #renamed = 0;

  /** How many ids had to change (for `x-toolbridge-adjusted`). */
  get renamed(): number {
    return this.#renamed;
  }

  /** The id for a call, registered so its result finds it. */
  forCall(callId: string): string {
    const base = sanitizeToolId(callId);
    let id = base;
    for (let n = 2; this.#used.has(id); n++) id = `${base}_${n}`;
    if (id !== callId) this.#renamed += 1;
    this.#used.add(id);
    this.#latest.set(callId, id);
    return id;
  }

  /** The id for a result: its call's, or (an orphan) its own sanitized id. */
  forResult(callId: string): string {
    return this.#latest.get(callId) ?? sanitizeToolId(callId);
  }

  /** Whether a result has a call earlier in the request. */
  hasCall(callId: string): boolean {
    return this.#latest.has(callId);
  }
}
