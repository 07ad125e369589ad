import { getOwn } from '../json/get-own.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/** JSON kinds a field can be required to have. */
export type FieldKind = 'string' | 'boolean' | 'number' | 'integer' | 'object' | 'array';

const EXPECTED: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'a boolean',
  number: 'a number',
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
};

/** True when `value` is of JSON kind `kind` (an integer is also a number). */
export function isOfKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
    case 'boolean':
      return typeof value === kind;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
  }
}

/**
 * An optional own field: absent is fine, `null` only when `nullable`, anything else must be of `kind`, else
 * OpenAI's `Invalid type for '<path>': expected …` (docs/protocol/errors.md#generic-validation-errors).
 */
export function checkOptionalField(
  record: Readonly<Record<string, unknown>>,
  key: string,
  path: PathSegment[],
  kind: FieldKind,
  { nullable = false }: { nullable?: boolean } = {},
): ValidationIssue[] {
  const value = getOwn(record, key);
  if (value === undefined || (nullable && value === null) || isOfKind(value, kind)) return [];
  return [openaiIssues.invalidType(path, EXPECTED[kind], value)];
}
