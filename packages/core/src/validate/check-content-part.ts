import { getOwn, isJsonObject } from '../json/get-own.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// Parts whose payload is a required string field, on either endpoint.
const STRING_PAYLOAD: Readonly<Record<string, string>> = {
  text: 'text',
  input_text: 'text',
  output_text: 'text',
  refusal: 'refusal',
};

/**
 * One content part of either endpoint: an object whose `type` is one of `partTypes`, with its text
 * payload a string. A `type` from the other endpoint (`foreignTypes`) gets `hint` appended.
 */
export function checkContentPart(options: {
  part: unknown;
  path: PathSegment[];
  partTypes: readonly string[];
  foreignTypes: readonly string[];
  hint: string;
}): ValidationIssue[] {
  const { part, path, partTypes, foreignTypes, hint } = options;
  if (!isJsonObject(part)) return [openaiIssues.invalidType(path, 'an object', part)];
  const type = getOwn(part, 'type');
  if (type === undefined) return [openaiIssues.missingRequired([...path, 'type'])];
  if (typeof type !== 'string' || !partTypes.includes(type)) {
    const foreign = typeof type === 'string' && foreignTypes.includes(type);
    return [openaiIssues.invalidValue([...path, 'type'], type, partTypes, foreign ? hint : undefined)];
  }
  const payloadKey = getOwn(STRING_PAYLOAD, type);
  if (payloadKey === undefined) return [];
  const payload = getOwn(part, payloadKey);
  if (payload === undefined) return [openaiIssues.missingRequired([...path, payloadKey])];
  return typeof payload === 'string'
    ? []
    : [openaiIssues.invalidType([...path, payloadKey], 'a string', payload)];
}
