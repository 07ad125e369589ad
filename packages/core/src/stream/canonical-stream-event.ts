/**
 * Canonical stream events: what every stream decoder produces and every encoder consumes.
 *
 * Invariants a decoder guarantees (encoders rely on them):
 * - `response-start` first, exactly once; then items one after another, never interleaved:
 *   `text-start` → `text-delta`* → `text-end`, or `tool-call-start` → `tool-call-delta`* → `tool-call-end`,
 *   or a single `reasoning` event, or `reasoning-start` → (`reasoning-part` | `reasoning-delta`)* →
 *   `reasoning-end` for a reasoning item whose summary streams;
 * - `finish` last on success, or `error` last on failure (after which nothing follows).
 *
 * Clarifications the stream codecs rely on as well:
 * - `refusal-delta` belongs to the open text item (a message may hold text and refusal parts);
 * - `error` may come before `response-start` when an upstream fails before saying anything;
 * - `passthrough` on item events holds the wire fields the gateway does not interpret (a message's `phase`);
 *   the end event's copy is the final one (docs/open-responses.md#nothing-lost);
 * - only a `finish` with reason `length` or `content_filter` may follow an item that was not ended:
 *   that last item was cut off, and encoders report it as `incomplete`, never as complete
 *   (truncated arguments must not look like a valid call: docs/adr/0008-tool-loop-rules.md, rule 2).
 */
import type {
  CanonicalFinishReason,
  CanonicalPassthrough,
  CanonicalUsage,
  JsonObject,
} from '../items/canonical.js';

/** Where a reasoning fragment belongs: the item's `summary` parts or its raw `content` parts. */
export type ReasoningTarget = 'summary' | 'content';

/** One step of a model turn in the canonical vocabulary; see the invariants above. */
export type CanonicalStreamEvent =
  /**
   * `responseFields`: the upstream Response's pass-through fields (see `CanonicalResponse`);
   * `serviceTier`, `systemFingerprint`: a Chat upstream's, from its first chunk.
   */
  | {
      type: 'response-start';
      id: string;
      model: string;
      createdAt: number;
      responseFields?: JsonObject;
      serviceTier?: string;
      systemFingerprint?: string;
    }
  /**
   * A Chat upstream's token log probabilities for what the chunk before carried (its choice's `logprobs`,
   * `{content, refusal}`); for Chat clients, which receive them on their chunks. Not an item event: it
   * may come between any two events before `finish`.
   */
  | { type: 'logprobs'; logprobs: JsonObject }
  | { type: 'text-start'; itemId?: string; passthrough?: CanonicalPassthrough }
  | { type: 'text-delta'; delta: string }
  /** `parts`: per content index, the final part's pass-through fields (annotations, logprobs). */
  | {
      type: 'text-end';
      passthrough?: CanonicalPassthrough;
      parts?: ReadonlyArray<CanonicalPassthrough | null>;
    }
  | { type: 'refusal-delta'; delta: string }
  /** `providerState`: the call's opaque provider state (see `CanonicalFunctionCall.providerState`). */
  | {
      type: 'tool-call-start';
      callId: string;
      name: string;
      itemId?: string;
      providerState?: string;
      passthrough?: CanonicalPassthrough;
    }
  | { type: 'tool-call-delta'; delta: string }
  /** `arguments` is the complete argument string (`""` from the model is reported as `"{}"`). */
  | { type: 'tool-call-end'; arguments: string; passthrough?: CanonicalPassthrough }
  | { type: 'reasoning'; item: JsonObject }
  /** A reasoning item as first announced (wire fields verbatim). */
  | { type: 'reasoning-start'; item: JsonObject }
  /** A summary or content part of the open reasoning item opens (`added`) or is complete (`done`). */
  | {
      type: 'reasoning-part';
      target: ReasoningTarget;
      index: number;
      state: 'added' | 'done';
      part: JsonObject;
    }
  | { type: 'reasoning-delta'; target: ReasoningTarget; index: number; delta: string }
  /** The reasoning item as finished (wire fields verbatim); its `summary` is the authoritative text. */
  | { type: 'reasoning-end'; item: JsonObject }
  | {
      type: 'finish';
      finishReason: CanonicalFinishReason;
      usage: CanonicalUsage | null;
      responseFields?: JsonObject;
    }
  | { type: 'error'; error: StreamError };

/** An error inside a stream, in the OpenAI envelope's vocabulary. */
export interface StreamError {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}
