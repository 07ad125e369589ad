import { getOwn } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';
import { renderValue } from './render-value.js';

const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * `previous_response_id` (docs/protocol/responses.md#previous_response_id): a string or null; only letters,
 * digits, `_` and `-` (checked first: OpenAI reports `'@x'` that way); starting with `resp` (code
 * `invalid_id_prefix`); never together with `conversation` (OpenAI's text is unconfirmed, ours used).
 */
export function checkPreviousResponseId(body: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const id = getOwn(body, 'previous_response_id');
  if (id === undefined || id === null) return [];
  if (typeof id !== 'string') return [openaiIssues.invalidType(['previous_response_id'], 'a string', id)];
  const path = ['previous_response_id'];
  if (!ID_CHARACTERS.test(id)) {
    const message = `Invalid 'previous_response_id': '${renderValue(id)}'. Expected an ID that contains letters, numbers, underscores, or dashes, but this value contained additional characters.`;
    return [{ code: 'invalid_id_characters', path, message, openaiCode: 'invalid_value' }];
  }
  if (!id.startsWith('resp')) {
    const message = `Invalid 'previous_response_id': '${renderValue(id)}'. Expected an ID that begins with 'resp'.`;
    return [{ code: 'invalid_id_prefix', path, message }];
  }
  const conversation = getOwn(body, 'conversation');
  if (conversation === undefined || conversation === null) return [];
  const message =
    "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'. A response continues either a previous response or a conversation, not both.";
  return [{ code: 'mutually_exclusive_parameters', path, param: null, message }];
}
