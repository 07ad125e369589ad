import type { CanonicalContentPart, JsonObject } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { safeParseJson } from '../../json/safe-parse-json.js';
import type { GeminiPart } from '../../protocol/gemini/types.js';
import type { Adjustments } from '../content-parts.js';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** One canonical content part → a Gemini part; `null` (with a note) when Gemini has no form for it. */
function partToGemini(part: CanonicalContentPart, adjustments: Adjustments): GeminiPart | null {
  switch (part.type) {
    case 'text':
      return part.text === '' ? null : { text: part.text };
    case 'refusal':
      return part.refusal === '' ? null : { text: part.refusal };
    case 'image': {
      if (part.url === undefined) {
        adjustments.push('dropped an image given by file_id (Gemini takes inline data or a file URI)');
        return null;
      }
      const data = DATA_URL.exec(part.url);
      if (data !== null) return { inlineData: { mimeType: data[1] ?? '', data: data[2] ?? '' } };
      return { fileData: { fileUri: part.url } };
    }
    case 'opaque':
      adjustments.push(`dropped a '${String(part.raw['type'])}' content part (no Gemini equivalent)`);
      return null;
  }
}

/** Message content → Gemini parts, without empty text parts (Gemini rejects `{"text": ""}`). */
export function contentToGeminiParts(
  content: string | readonly CanonicalContentPart[],
  adjustments: Adjustments,
): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  for (const part of content) {
    const converted = partToGemini(part, adjustments);
    if (converted !== null) parts.push(converted);
  }
  return parts;
}

/** Text of a message or tool output (non-text parts dropped, with a note). */
export function contentText(
  content: string | readonly CanonicalContentPart[],
  adjustments: Adjustments,
): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) {
    if (part.type === 'text') text += part.text;
    else
      adjustments.push(`dropped a '${part.type}' part of a tool result (Gemini takes text or JSON results)`);
  }
  return text;
}

/**
 * A tool output → `functionResponse.response`, which must be an object: output that parses to a
 * JSON object is sent as that object, anything else as `{"output": <text>}` (Gemini's documented key
 * for a result).
 */
export function toFunctionResponseObject(output: string): JsonObject {
  const parsed = safeParseJson(output);
  if (parsed.success && isJsonObject(parsed.value)) return parsed.value;
  return { output };
}
