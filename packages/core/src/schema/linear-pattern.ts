import type { CodeOptions } from 'ajv';
import { RE2JS } from 're2js';
import { CoreError } from '../errors/core-error.js';
import { LruCache } from './lru-cache.js';

/** Ajv's pluggable regular-expression engine (its `code.regExp` option). */
type RegExpEngine = NonNullable<CodeOptions['regExp']>;

/** What Ajv needs of a compiled pattern. */
export interface RegExpLike {
  test(input: string): boolean;
  /** Ajv keys compiled patterns by this text. */
  toString(): string;
}

/** A schema `pattern` compiled for linear-time matching, or why it cannot be. */
export type LinearPatternResult = { ok: true; regExp: RegExpLike } | { ok: false; reason: string };

/** Patterns compiled so far; tool schemas repeat across requests, compiling costs microseconds to ms. */
const compiled = new LruCache<string, LinearPatternResult>(1_024);

/** `\k<name>` outside a character class: a named backreference, which the translation would drop. */
function hasNamedBackreference(pattern: string): boolean {
  for (let index = 0; index < pattern.length - 2; index++) {
    if (pattern[index] !== '\\') continue;
    if (pattern[index + 1] === 'k' && pattern[index + 2] === '<') return true;
    index += 1;
  }
  return false;
}

function compileOnce(pattern: string): LinearPatternResult {
  if (hasNamedBackreference(pattern)) {
    return { ok: false, reason: 'backreferences (\\k<name>) are not supported' };
  }
  try {
    // JSON Schema patterns are ECMAScript regular expressions; translateRegExp maps the ECMAScript-only
    // spellings (\uXXXX, \u{…}, (?<name>…), [^]) to RE2's, and compile refuses what RE2 cannot match
    // in linear time (lookaround, numbered backreferences).
    const regExp = RE2JS.compile(RE2JS.translateRegExp(pattern));
    return {
      ok: true,
      // Ajv keys compiled patterns by `toString()`, so each pattern needs its own string.
      regExp: { test: (input: string) => regExp.test(input), toString: () => `/${pattern}/re2` },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `${detail}; lookahead, lookbehind and backreferences are not supported`,
    };
  }
}

/**
 * Compiles a JSON Schema `pattern` with RE2 (the pure-JS `re2js` port), whose matching time is linear in
 * the input: a pattern sent by a client runs on model output on the event loop, and a backtracking
 * engine lets one pattern such as `^(a+)+$` block the process for seconds (docs/protocol/strict-mode.md#patterns).
 */
export function compileLinearPattern(pattern: string): LinearPatternResult {
  let result = compiled.get(pattern);
  if (result === undefined) {
    result = compileOnce(pattern);
    compiled.set(pattern, result);
  }
  return result;
}

/**
 * The engine handed to Ajv's `code.regExp` option, so every `pattern` and `patternProperties` key runs on
 * RE2. A pattern RE2 cannot compile makes Ajv's compile throw (the caller reports `invalid_schema`).
 */
export const linearRegExpEngine: RegExpEngine = Object.assign(
  (pattern: string, _flags: string): RegExpLike => {
    const result = compileLinearPattern(pattern);
    if (result.ok) return result.regExp;
    throw new CoreError({
      code: 'invalid_schema',
      message: `The pattern ${JSON.stringify(pattern)} cannot be checked in linear time: ${result.reason}.`,
    });
  },
  { code: 'linearRegExpEngine' },
);
