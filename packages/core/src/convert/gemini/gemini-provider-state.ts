import { isJsonObject } from '../../json/get-own.js';
import { safeParseJson } from '../../json/safe-parse-json.js';

/** Blob prefix of every provider state toolbridge writes; the provider tag follows. */
const BLOB_PREFIX = 'tb1.';
const GEMINI_PREFIX = 'tb1.gemini.';
/** LiteLLM packs a signature into the call id after this separator. */
const LITELLM_SEPARATOR = '__thought__';

/** What one Gemini call carried that must go back with it. */
export interface GeminiCallState {
  /** The `thoughtSignature` of the call's part, verbatim. */
  signature?: string;
  /** The `functionCall.id` Gemini issued, when it issued one (then the client's call id equals it). */
  geminiId?: string;
}

/** A signature (or none) found for a call in history, and whether it may be sent to this model. */
export type ReadSignature = { signature: string } | { signature: undefined; reason: 'none' | 'foreign' };

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * The model family a signature is bound to: the model name without `models/`, lower-cased, and
 * without a release tag (`-preview…`, `-latest`, `-exp…`), so `gemini-3-flash` and
 * `gemini-3-flash-preview` share signatures but `gemini-3-pro` does not. Unconfirmed how wide
 * Google's binding really is; a narrower family only costs a placeholder (docs/protocol/gemini.md).
 */
export function geminiModelFamily(model: string): string {
  const bare = model.toLowerCase().replace(/^models\//, '');
  return bare.replace(/-(preview|latest|exp)(-.*)?$/, '') || bare;
}

/** The state of a call read from Gemini: only the parts Gemini sent. */
export function geminiCallState(
  signature: string | undefined,
  geminiId: string | undefined,
): GeminiCallState {
  const state: GeminiCallState = {};
  if (signature !== undefined) state.signature = signature;
  if (geminiId !== undefined) state.geminiId = geminiId;
  return state;
}

/**
 * Packs a Gemini call's state into the opaque `providerState` blob
 * `tb1.gemini.<family>.<base64url(JSON)>` (docs/protocol/gemini.md, "Thought signatures").
 * Returns undefined when there is nothing to keep.
 */
export function encodeGeminiState(state: GeminiCallState, model: string): string | undefined {
  if (state.signature === undefined && state.geminiId === undefined) return undefined;
  const payload: Record<string, string> = {};
  if (state.signature !== undefined) payload['s'] = state.signature;
  if (state.geminiId !== undefined) payload['i'] = state.geminiId;
  return `${GEMINI_PREFIX}${geminiModelFamily(model)}.${base64url(JSON.stringify(payload))}`;
}

/** Unpacks a blob written by {@link encodeGeminiState}; undefined for anything else or a broken blob. */
export function decodeGeminiState(blob: string): (GeminiCallState & { family: string }) | undefined {
  if (!blob.startsWith(GEMINI_PREFIX)) return undefined;
  const dot = blob.lastIndexOf('.');
  if (dot <= GEMINI_PREFIX.length) return undefined;
  const family = blob.slice(GEMINI_PREFIX.length, dot);
  const parsed = safeParseJson(Buffer.from(blob.slice(dot + 1), 'base64url').toString('utf8'));
  if (!parsed.success || !isJsonObject(parsed.value)) return undefined;
  const signature = parsed.value['s'];
  const geminiId = parsed.value['i'];
  return {
    family,
    ...(typeof signature === 'string' && signature !== '' ? { signature } : {}),
    ...(typeof geminiId === 'string' && geminiId !== '' ? { geminiId } : {}),
  };
}

/**
 * The signature a history call may carry to `model`: from a toolbridge Gemini blob of the same
 * family; a bare value (not a `tb1.` blob) is taken as a raw Gemini signature, as clients of
 * Gemini's own OpenAI-compatible endpoint and LiteLLM hold them. Another provider's blob, or a Gemini
 * blob of another family, is never sent (`foreign`).
 */
export function readGeminiSignature(providerState: string | undefined, model: string): ReadSignature {
  if (providerState === undefined || providerState === '') return { signature: undefined, reason: 'none' };
  if (!providerState.startsWith(BLOB_PREFIX)) return { signature: providerState };
  const state = decodeGeminiState(providerState);
  if (state === undefined || state.family !== geminiModelFamily(model))
    return { signature: undefined, reason: 'foreign' };
  return state.signature !== undefined
    ? { signature: state.signature }
    : { signature: undefined, reason: 'none' };
}

/** The Gemini-issued id recorded in a blob, if the blob is a Gemini blob that has one. */
export function recordedGeminiId(providerState: string | undefined): string | undefined {
  return providerState === undefined ? undefined : decodeGeminiState(providerState)?.geminiId;
}

/**
 * Splits a LiteLLM-style call id `<id>__thought__<signature>` into the id and the signature; other
 * ids come back unchanged.
 */
export function splitThoughtSuffix(callId: string): { id: string; signature?: string } {
  const at = callId.indexOf(LITELLM_SEPARATOR);
  if (at <= 0) return { id: callId };
  const signature = callId.slice(at + LITELLM_SEPARATOR.length);
  return signature === '' ? { id: callId.slice(0, at) } : { id: callId.slice(0, at), signature };
}
