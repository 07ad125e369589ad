/**
 * Canonical stream events: what every stream decoder produces and every encoder consumes.
 *
 * Invariants a decoder guarantees (encoders rely on them):
 * - `response-start` first, exactly once; then items one after another, never interleaved:
 *   `text-start` → `text-delta`* → `text-end`, or `tool-call-start` → `tool-call-delta`* → `tool-call-end`,
 *   or a single `reasoning` event;
 * - `finish` last on success, or `error` last on failure (after which nothing follows).
 *
 * Clarifications the stream codecs rely on as well:
 * - `refusal-delta` belongs to the open text item (a message may hold text and refusal parts);
 * - `error` may come before `response-start` when an upstream fails before saying anything;
 * - only a `finish` with reason `length` or `content_filter` may follow an item that was not ended:
 *   that last item was cut off, and encoders report it as `incomplete`, never as complete
 *   (truncated arguments must not look like a valid call: docs/adr/0008-tool-loop-rules.md, rule 2).
 */
import type { CanonicalFinishReason, CanonicalUsage, JsonObject } from '../items/canonical.js';

/** One step of a model turn in the canonical vocabulary; see the invariants above. */
export type CanonicalStreamEvent =
  | { type: 'response-start'; id: string; model: string; createdAt: number }
  | { type: 'text-start'; itemId?: string }
  | { type: 'text-delta'; delta: string }
  | { type: 'text-end' }
  | { type: 'refusal-delta'; delta: string }
  /** `providerState`: the call's opaque provider state (see `CanonicalFunctionCall.providerState`). */
  | { type: 'tool-call-start'; callId: string; name: string; itemId?: string; providerState?: string }
  | { type: 'tool-call-delta'; delta: string }
  /** `arguments` is the complete argument string (`""` from the model is reported as `"{}"`). */
  | { type: 'tool-call-end'; arguments: string }
  | { type: 'reasoning'; item: JsonObject }
  | { type: 'finish'; finishReason: CanonicalFinishReason; usage: CanonicalUsage | null }
  | { type: 'error'; error: StreamError };

/** An error inside a stream, in the OpenAI envelope's vocabulary. */
export interface StreamError {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}
