import { isRecord, type JsonRecord, ownString, ownValue } from '../json-value.js';
import { type GeminiError, invalidArgument } from './gemini-error.js';
import { SKIP_SIGNATURE, usesSignatures, verifyCall } from './gemini-signature.js';

const DATA_FIELDS = ['text', 'functionCall', 'functionResponse', 'inlineData', 'fileData'];
const COUNT_MESSAGE =
  'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';

function partsOf(content: JsonRecord): JsonRecord[] {
  const parts = ownValue(content, 'parts');
  return Array.isArray(parts) ? parts.filter(isRecord) : [];
}

function calls(content: JsonRecord): JsonRecord[] {
  return partsOf(content).filter((part) => isRecord(ownValue(part, 'functionCall')));
}

function responses(content: JsonRecord): JsonRecord[] {
  return partsOf(content).filter((part) => isRecord(ownValue(part, 'functionResponse')));
}

function checkShape(content: unknown, index: number): GeminiError | null {
  if (!isRecord(content))
    return invalidArgument(`* GenerateContentRequest.contents[${index}]: must be an object.`);
  const role = ownValue(content, 'role');
  if (role !== 'user' && role !== 'model') return invalidArgument('Please use a valid role: user, model.');
  const parts = ownValue(content, 'parts');
  if (!Array.isArray(parts) || parts.length === 0) {
    return invalidArgument(
      `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.\n`,
    );
  }
  for (const [at, part] of parts.entries()) {
    const where = `contents[${index}].parts[${at}]`;
    if (!isRecord(part) || !DATA_FIELDS.some((field) => Object.hasOwn(part, field))) {
      return invalidArgument(
        `* GenerateContentRequest.${where}.data: required oneof field 'data' must have one initialized field`,
      );
    }
    if (Object.hasOwn(part, 'text') && (typeof part['text'] !== 'string' || part['text'] === '')) {
      return invalidArgument(
        'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.',
      );
    }
    const call = ownValue(part, 'functionCall');
    if (call !== undefined) {
      const args = isRecord(call) ? ownValue(call, 'args') : undefined;
      if (!isRecord(call) || !ownString(call, 'name') || (args !== undefined && !isRecord(args))) {
        return invalidArgument(
          `* GenerateContentRequest.${where}.function_call: name is required and args must be an object.`,
        );
      }
    }
    const response = ownValue(part, 'functionResponse');
    if (response !== undefined) {
      if (!isRecord(response) || !ownString(response, 'name')) {
        return invalidArgument(
          `* GenerateContentRequest.${where}.function_response.name: Name cannot be empty.\n`,
        );
      }
      if (!isRecord(ownValue(response, 'response'))) {
        return invalidArgument(
          `* GenerateContentRequest.${where}.function_response.response: must be an object.`,
        );
      }
    }
  }
  return null;
}

/** Responses must answer the calls of the step right before, one each, in order, by name (and id when both have one). */
function checkPairing(contents: JsonRecord[]): GeminiError | null {
  for (const [index, content] of contents.entries()) {
    const answers = responses(content);
    const previous = contents[index - 1];
    const asked = previous !== undefined && ownValue(previous, 'role') === 'model' ? calls(previous) : [];
    if (answers.length > 0 && asked.length === 0) {
      return invalidArgument(
        'Please ensure that function response turn comes immediately after a function call turn.',
      );
    }
    if (ownValue(content, 'role') === 'model' && calls(content).length > 0) {
      const next = contents[index + 1];
      if (next === undefined || responses(next).length !== calls(content).length)
        return invalidArgument(COUNT_MESSAGE);
    }
    for (const [at, answer] of answers.entries()) {
      const response = ownValue(answer, 'functionResponse') as JsonRecord;
      const call = ownValue(asked[at] ?? {}, 'functionCall');
      if (!isRecord(call)) return invalidArgument(COUNT_MESSAGE);
      const [callName, responseName] = [ownString(call, 'name'), ownString(response, 'name')];
      if (callName !== responseName) {
        return invalidArgument(
          `Function response name '${responseName}' does not match function call name '${callName}' at position ${at} of contents[${index}].`,
        );
      }
      const [callId, responseId] = [ownString(call, 'id'), ownString(response, 'id')];
      if (callId !== undefined && responseId !== undefined && callId !== responseId) {
        return invalidArgument(
          `Function response id '${responseId}' does not match function call id '${callId}'.`,
        );
      }
    }
  }
  return null;
}

/**
 * Gemini 3's signature rule: every step of the current turn (after the last user content that is
 * not only function responses) carries a valid `thoughtSignature` on its first function call; a
 * signature anywhere else must be valid too.
 */
function checkSignatures(contents: JsonRecord[], model: string): GeminiError | null {
  if (!usesSignatures(model)) return null;
  let start = 0;
  contents.forEach((content, index) => {
    if (ownValue(content, 'role') === 'user' && responses(content).length === 0) start = index + 1;
  });
  for (const [index, content] of contents.entries()) {
    if (ownValue(content, 'role') !== 'model') continue;
    for (const [position, part] of calls(content).entries()) {
      const call = ownValue(part, 'functionCall') as JsonRecord;
      const name = ownString(call, 'name') ?? '';
      const signature = ownString(part, 'thoughtSignature');
      if (signature === undefined) {
        if (index >= start && position === 0) {
          return invalidArgument(
            `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
          );
        }
        continue;
      }
      const args = JSON.stringify(ownValue(call, 'args') ?? {});
      if (signature !== SKIP_SIGNATURE && !verifyCall(signature, model, name, args)) {
        return invalidArgument(
          `Corrupted thought signature on function call \`default_api:${name}\` in contents[${index}].`,
        );
      }
    }
  }
  return null;
}

/**
 * Validates `contents` as the Gemini API does (the rules that make a translating gateway testable):
 * roles `user`/`model` alternating, no empty parts or text, calls answered one for one in order and
 * by name by the next content, Gemini 3 thought signatures present and genuine. Returns the first
 * problem as Gemini's 400, or null.
 */
export function checkGeminiContents(value: unknown, model: string): GeminiError | null {
  if (!Array.isArray(value) || value.length === 0) {
    return invalidArgument('* GenerateContentRequest.contents: contents is not specified\n');
  }
  for (const [index, content] of value.entries()) {
    const problem = checkShape(content, index);
    if (problem !== null) return problem;
  }
  const contents = value as JsonRecord[];
  for (let index = 1; index < contents.length; index++) {
    if (
      ownValue(contents[index] as JsonRecord, 'role') === ownValue(contents[index - 1] as JsonRecord, 'role')
    ) {
      return invalidArgument('Please ensure that multiturn requests alternate between user and model.');
    }
  }
  return checkPairing(contents) ?? checkSignatures(contents, model);
}
