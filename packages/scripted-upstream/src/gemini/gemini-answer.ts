import { randomBytes } from 'node:crypto';
import { safeParseJson } from '../safe-parse-json.js';
import type { ScriptedDirectives } from '../scripted-directives.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';
import { splitFragments } from '../split-fragments.js';
import type { TokenUsage } from '../token-usage.js';
import type { Turn } from '../turn.js';
import { signCall, signText, usesSignatures } from './gemini-signature.js';

/** Identity and usage of one answer. */
export interface GeminiAnswerMeta {
  model: string;
  responseId: string;
  usage: TokenUsage | null;
}

type Part = Record<string, unknown>;
type Chunk = Record<string, unknown>;

/** The text `#preamble` puts before the calls. */
const PREAMBLE = 'Let me check.';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

function callId(): string {
  let out = '';
  for (const byte of randomBytes(8)) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** `usageMetadata`; prompt includes cached tokens; Gemini 3 models also report thoughts. */
export function usageMetadata(usage: TokenUsage | null, model: string, final: boolean): Chunk | undefined {
  if (usage === null) return undefined;
  const thoughts = usesSignatures(model) && final ? SCRIPTED_UPSTREAM_DEFAULTS.geminiThoughtTokens : 0;
  const candidates = final ? usage.output : 0;
  return {
    promptTokenCount: usage.input,
    ...(final ? { candidatesTokenCount: candidates } : {}),
    ...(usage.cached > 0 ? { cachedContentTokenCount: usage.cached } : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    totalTokenCount: usage.input + candidates + thoughts,
  };
}

/** The planned calls as whole `functionCall` parts; the first carries the step's signature on Gemini 3. */
export function callParts(
  turn: Extract<Turn, { kind: 'calls' }>,
  meta: GeminiAnswerMeta,
  directives: ScriptedDirectives,
): Part[] {
  const withIds = usesSignatures(meta.model) && !directives.noIds;
  return turn.calls.map((call, index) => {
    const parsed = safeParseJson(call.arguments);
    const args = parsed.ok ? parsed.value : {};
    const part: Part = { functionCall: { ...(withIds ? { id: callId() } : {}), name: call.name, args } };
    if (index === 0 && usesSignatures(meta.model))
      part['thoughtSignature'] = signCall(meta.model, call.name, JSON.stringify(args));
    return part;
  });
}

function finishReason(turn: Turn, directives: ScriptedDirectives): string {
  if (directives.safety) return 'SAFETY';
  return turn.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
}

function envelope(meta: GeminiAnswerMeta, candidate: Chunk | null, usage: Chunk | undefined): Chunk {
  return {
    ...(candidate !== null ? { candidates: [{ ...candidate, index: 0 }] } : {}),
    ...(usage !== undefined ? { usageMetadata: usage } : {}),
    modelVersion: meta.model,
    responseId: meta.responseId,
  };
}

/** The answer for `#blocked-prompt`: no candidates, `promptFeedback.blockReason`. */
export function blockedAnswer(meta: GeminiAnswerMeta): Chunk {
  return {
    promptFeedback: { blockReason: 'SAFETY' },
    ...envelope(meta, null, usageMetadata(meta.usage, meta.model, false)),
  };
}

/** The answer when the model "failed" to produce a call: no content, `MALFORMED_FUNCTION_CALL`. */
export function malformedAnswer(meta: GeminiAnswerMeta): Chunk {
  const candidate = {
    content: { role: 'model', parts: [] },
    finishReason: 'MALFORMED_FUNCTION_CALL',
    finishMessage: 'Malformed function call: scripted upstream #malformed-call.',
  };
  return envelope(meta, candidate, usageMetadata(meta.usage, meta.model, false));
}

function textParts(
  turn: Extract<Turn, { kind: 'text' }>,
  meta: GeminiAnswerMeta,
  directives: ScriptedDirectives,
): Part[] {
  const text = directives.safety
    ? [...turn.text].slice(0, Math.ceil([...turn.text].length / 2)).join('')
    : turn.text;
  const part: Part = { text };
  if (usesSignatures(meta.model)) part['thoughtSignature'] = signText(meta.model, text);
  return text === '' ? [] : [part];
}

/** The whole `GenerateContentResponse` of a non-streaming answer. */
export function geminiJsonAnswer(turn: Turn, meta: GeminiAnswerMeta, directives: ScriptedDirectives): Chunk {
  const calls = turn.kind === 'calls' && !directives.safety ? callParts(turn, meta, directives) : [];
  const preamble = directives.preamble && calls.length > 0 ? [{ text: PREAMBLE }] : [];
  const parts = turn.kind === 'text' ? textParts(turn, meta, directives) : [...preamble, ...calls];
  const candidate = { content: { role: 'model', parts }, finishReason: finishReason(turn, directives) };
  return envelope(meta, candidate, usageMetadata(meta.usage, meta.model, true));
}

/**
 * The chunks of a streamed answer: text in `#fragments` pieces (a Gemini 3 text answer ends with an
 * empty text part carrying the signature), calls whole — all in one chunk, or one chunk each with
 * `#split-calls` — the finish and final usage on the last chunk, or on a trailing chunk with an empty
 * text part with `#late-stop`; `#resend-call` repeats the first call (same id) before the end.
 */
export function geminiStreamChunks({
  turn,
  meta,
  directives,
  fragments,
}: {
  turn: Turn;
  meta: GeminiAnswerMeta;
  directives: ScriptedDirectives;
  /** Pieces a text answer is split into. */
  fragments: number;
}): Chunk[] {
  const partial = usageMetadata(meta.usage, meta.model, false);
  const final = usageMetadata(meta.usage, meta.model, true);
  const reason = finishReason(turn, directives);
  const groups: Part[][] = [];
  if (turn.kind === 'text') {
    const [part] = textParts(turn, meta, directives);
    const text = typeof part?.['text'] === 'string' ? part['text'] : '';
    for (const piece of splitFragments(text, fragments)) groups.push([{ text: piece }]);
    if (part?.['thoughtSignature'] !== undefined)
      groups.push([{ text: '', thoughtSignature: part['thoughtSignature'] }]);
  } else if (!directives.safety) {
    const calls = callParts(turn, meta, directives);
    if (directives.preamble) groups.push([{ text: PREAMBLE }]);
    if (directives.splitCalls) for (const call of calls) groups.push([call]);
    else if (calls.length > 0) groups.push(calls);
    const first = calls[0];
    if (directives.resendCall && first !== undefined) groups.push([first]);
  }
  if (directives.lateStop || groups.length === 0) groups.push([{ text: '' }]);
  return groups.map((parts, index) => {
    const last = index === groups.length - 1;
    const candidate = { content: { role: 'model', parts }, ...(last ? { finishReason: reason } : {}) };
    return envelope(meta, candidate, last ? final : partial);
  });
}

/** One SSE frame as Gemini writes it (`data:` line, CRLF blank line). */
export function geminiFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}
