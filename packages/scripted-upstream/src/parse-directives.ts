import type { ScriptedDirectives } from './scripted-directives.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';

type BooleanDirective = {
  [K in keyof ScriptedDirectives]: ScriptedDirectives[K] extends boolean ? K : never;
}[keyof ScriptedDirectives];

const FLAGS = new Map<string, BooleanDirective>([
  ['invalid-json', 'invalidJson'],
  ['schema-violation', 'schemaViolation'],
  ['invalid-once', 'invalidOnce'],
  ['unknown-tool', 'unknownTool'],
  ['ignore-tool-choice', 'ignoreToolChoice'],
  ['parallel', 'parallel'],
  ['text', 'text'],
  ['text-once', 'textOnce'],
  ['stall', 'stall'],
  ['reset', 'reset'],
  ['malformed-chunk', 'malformedChunk'],
  ['error-midstream', 'errorMidstream'],
  ['quota', 'quota'],
  ['no-usage', 'noUsage'],
  ['no-index', 'noIndex'],
  ['interleave', 'interleave'],
  ['length', 'length'],
  ['no-ids', 'noIds'],
  ['split-calls', 'splitCalls'],
  ['late-stop', 'lateStop'],
  ['resend-call', 'resendCall'],
  ['blocked-prompt', 'blockedPrompt'],
  ['safety', 'safety'],
  ['malformed-call', 'malformedCall'],
  ['malformed-once', 'malformedOnce'],
  ['preamble', 'preamble'],
  ['foreign-ids', 'foreignIds'],
  ['redacted-thinking', 'redactedThinking'],
  ['refusal', 'refusal'],
  ['error-at-start', 'errorAtStart'],
  ['split-ids', 'splitIds'],
  ['drop-strict', 'dropStrict'],
  ['phase', 'phase'],
  ['reasoning', 'reasoning'],
  ['vllm-reasoning', 'vllmReasoning'],
  ['citations', 'citations'],
]);

const VALUED = new Set(['fragments', 'delay', 'first-byte-delay', 'error']);

// `#name` or `#name=digits`, not glued to a preceding ASCII word (so `page#text` and `&#1;` are not
// directives) but allowed right after CJK text or punctuation (`北京天气?#text`).
const TOKEN = /(^|[^A-Za-z0-9_&#/])#([a-z][a-z-]*)(?:=(\d{1,9}))?(?=$|[^A-Za-z0-9_=-])/g;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function applyValued(directives: ScriptedDirectives, name: string, raw: string): void {
  const value = Number.parseInt(raw, 10);
  if (name === 'fragments') directives.fragments = clamp(value, 1, SCRIPTED_UPSTREAM_DEFAULTS.maxFragments);
  if (name === 'delay') directives.delayMs = clamp(value, 0, SCRIPTED_UPSTREAM_DEFAULTS.maxDelayMs);
  if (name === 'first-byte-delay') {
    directives.firstByteDelayMs = clamp(value, 0, SCRIPTED_UPSTREAM_DEFAULTS.maxDelayMs);
  }
  if (name === 'error' && value >= 400 && value <= 599) directives.errorStatus = value;
}

/**
 * Applies every directive token found in `text` on top of `base` and returns the result (`base` is
 * not changed). Unknown `#words` are ignored, so ordinary hashtags do not break a prompt.
 */
export function parseDirectives(text: string, base: Readonly<ScriptedDirectives>): ScriptedDirectives {
  const directives: ScriptedDirectives = { ...base };
  for (const match of text.matchAll(TOKEN)) {
    const name = match[2] ?? '';
    const raw = match[3];
    const flag = FLAGS.get(name);
    if (flag !== undefined && raw === undefined) directives[flag] = true;
    else if (VALUED.has(name) && raw !== undefined) applyValued(directives, name, raw);
  }
  return directives;
}

/** Removes known directive tokens from a message, so they never leak into arguments or answers. */
export function stripDirectives(text: string): string {
  return text
    .replace(TOKEN, (whole, lead: string, name: string, raw: string | undefined) => {
      const known = (FLAGS.has(name) && raw === undefined) || (VALUED.has(name) && raw !== undefined);
      return known ? lead : whole;
    })
    .replace(/\s{2,}/g, ' ')
    .trim();
}
