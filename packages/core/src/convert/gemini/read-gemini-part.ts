import { CoreError } from '../../errors/core-error.js';
import { isJsonObject } from '../../json/get-own.js';
import { fromGeminiFunctionName } from './gemini-function-name.js';

/** What one response part means to toolbridge. */
export type GeminiPartReading =
  | { kind: 'text'; text: string; signature?: string }
  | { kind: 'thought' }
  | { kind: 'call'; id?: string; name: string; arguments: string; signature?: string }
  | { kind: 'other' };

function ownString(record: Record<string, unknown>, key: string): string | undefined {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads one response part (hostile data): visible text, a thought (not shown), a whole function call
 * (name mapped back to the client's, `args` → a JSON string, `{}` when absent), or something else.
 * A call streamed in pieces (`partialArgs`/`willContinue`) is refused rather than half emitted: the
 * Developer API does not send them (`@google/genai` 3.1.0 `dist/genai.d.ts`, `FunctionCall.willContinue`:
 * "not supported in Gemini API"); so is a call without a name or with non-object `args`.
 */
export function readGeminiPart(part: unknown): GeminiPartReading {
  if (!isJsonObject(part)) return { kind: 'other' };
  const signature = ownString(part, 'thoughtSignature');
  const sig = signature !== undefined && signature !== '' ? { signature } : {};
  const call = Object.hasOwn(part, 'functionCall') ? part['functionCall'] : undefined;
  if (call !== undefined) {
    if (!isJsonObject(call)) throw broken('a functionCall part is not an object');
    if (Object.hasOwn(call, 'partialArgs') || Object.hasOwn(call, 'willContinue')) {
      throw broken('a function call arrived in pieces (partialArgs), which toolbridge does not assemble');
    }
    const name = ownString(call, 'name');
    if (name === undefined || name === '') throw broken('a functionCall has no name');
    const args = Object.hasOwn(call, 'args') ? call['args'] : undefined;
    if (args !== undefined && args !== null && !isJsonObject(args))
      throw broken(`the args of '${name}' are not an object`);
    const id = ownString(call, 'id');
    return {
      kind: 'call',
      ...(id !== undefined && id !== '' ? { id } : {}),
      name: fromGeminiFunctionName(name),
      arguments: JSON.stringify(args ?? {}),
      ...sig,
    };
  }
  if (part['thought'] === true) return { kind: 'thought' };
  const text = ownString(part, 'text');
  if (text !== undefined) return { kind: 'text', text, ...sig };
  return { kind: 'other' };
}

function broken(detail: string): CoreError {
  return new CoreError({
    code: 'invalid_stream',
    message: `Gemini sent an answer toolbridge cannot read: ${detail}.`,
  });
}
