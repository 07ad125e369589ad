import type { ValidationIssue } from './issue.js';

/**
 * Outcome of validating an untrusted request body: the body, now known to match its wire type, or
 * every issue found, in the order OpenAI would report them (render `issues[0]`, log the rest).
 */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };
