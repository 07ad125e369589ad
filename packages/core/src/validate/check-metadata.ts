import { getOwn, isJsonObject } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const MAX_PROPERTIES = 16;
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 512;

/**
 * `metadata` (docs/protocol/responses.md#request-body, same `Metadata` type on Chat): null or at most 16
 * string values, keys up to 64 characters, values up to 512. Only the property-count message is OpenAI's
 * recorded text.
 */
export function checkMetadata(metadata: unknown): ValidationIssue[] {
  if (metadata === undefined || metadata === null) return [];
  if (!isJsonObject(metadata)) return [openaiIssues.invalidType(['metadata'], 'an object', metadata)];
  const keys = Object.keys(metadata);
  if (keys.length > MAX_PROPERTIES) {
    return [openaiIssues.tooManyProperties(['metadata'], MAX_PROPERTIES, keys.length)];
  }
  return keys.flatMap((key): ValidationIssue[] => {
    if (key.length > MAX_KEY_LENGTH) {
      const message = `Invalid 'metadata': key too long. Expected a key with maximum length ${MAX_KEY_LENGTH}, but got a key with length ${key.length} instead.`;
      return [{ code: 'string_above_max_length', path: ['metadata'], message }];
    }
    const value = getOwn(metadata, key);
    if (typeof value !== 'string') return [openaiIssues.invalidType(['metadata', key], 'a string', value)];
    return value.length > MAX_VALUE_LENGTH
      ? [openaiIssues.stringTooLong(['metadata', key], MAX_VALUE_LENGTH, value.length)]
      : [];
  });
}
