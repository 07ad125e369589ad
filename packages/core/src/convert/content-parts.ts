import type { CanonicalContentPart, JsonObject } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ChatContentPart } from '../protocol/chat/types.js';
import type { ResponsesContentPart } from '../protocol/responses/types.js';
import { interpretedFields, passthroughOf, withPassthrough } from './passthrough.js';

/** Collects what a conversion had to drop or change; surfaced in `x-toolbridge-adjusted`. */
export type Adjustments = string[];

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One Chat content part → canonical. Unknown parts are kept opaque so same-format relays lose nothing. */
export function chatPartToCanonical(part: ChatContentPart): CanonicalContentPart {
  if (part.type === 'text' && typeof part['text'] === 'string') return { type: 'text', text: part['text'] };
  if (part.type === 'refusal' && typeof part['refusal'] === 'string') {
    return { type: 'refusal', refusal: part['refusal'] };
  }
  if (part.type === 'image_url' && isRecord(part['image_url'])) {
    const image = part['image_url'];
    const out: CanonicalContentPart = { type: 'image' };
    if (typeof image['url'] === 'string') out.url = image['url'];
    if (image['detail'] === 'auto' || image['detail'] === 'low' || image['detail'] === 'high') {
      out.detail = image['detail'];
    }
    return out;
  }
  return { type: 'opaque', source: 'chat', raw: part as JsonObject };
}

/** Canonical → Chat part; `null` when the part has no Chat form (recorded in `adjustments`). */
export function canonicalPartToChat(
  part: CanonicalContentPart,
  adjustments: Adjustments,
): ChatContentPart | null {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'refusal', refusal: part.refusal };
    case 'image':
      if (part.url === undefined) {
        adjustments.push('dropped an input_image given by file_id (Chat Completions takes image URLs only)');
        return null;
      }
      return {
        type: 'image_url',
        image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) },
      };
    case 'opaque':
      if (part.source === 'chat') return part.raw as ChatContentPart;
      adjustments.push(
        `dropped a '${String(part.raw['type'])}' content part (no Chat Completions equivalent)`,
      );
      return null;
  }
}

/** One Responses content part → canonical (`input_text` and `output_text` both become `text`). */
export function responsesPartToCanonical(part: ResponsesContentPart): CanonicalContentPart {
  if ((part.type === 'input_text' || part.type === 'output_text') && typeof part['text'] === 'string') {
    const rest = passthroughOf(part as JsonObject, interpretedFields.textPart);
    return { type: 'text', text: part['text'], ...withPassthrough(rest) };
  }
  if (part.type === 'refusal' && typeof part['refusal'] === 'string') {
    const rest = passthroughOf(part as JsonObject, interpretedFields.refusalPart);
    return { type: 'refusal', refusal: part['refusal'], ...withPassthrough(rest) };
  }
  if (part.type === 'input_image') {
    const out: CanonicalContentPart = { type: 'image' };
    if (typeof part['image_url'] === 'string') out.url = part['image_url'];
    if (typeof part['file_id'] === 'string') out.fileId = part['file_id'];
    const detail = part['detail'];
    if (detail === 'auto' || detail === 'low' || detail === 'high') out.detail = detail;
    return out;
  }
  return { type: 'opaque', source: 'responses', raw: part as JsonObject };
}

/**
 * Canonical → Responses part. Assistant text must be `output_text` and everything else `input_text`
 * (docs/protocol/responses.md#input-items: OpenAI rejects `input_text` in assistant messages).
 */
export function canonicalPartToResponses(
  part: CanonicalContentPart,
  role: 'assistant' | 'input',
  adjustments: Adjustments,
): ResponsesContentPart | null {
  switch (part.type) {
    case 'text':
      return role === 'assistant'
        ? { annotations: [], ...part.passthrough, type: 'output_text', text: part.text }
        : withFields(part.passthrough, { type: 'input_text', text: part.text });
    case 'refusal':
      return withFields(part.passthrough, { type: 'refusal', refusal: part.refusal });
    case 'image':
      return {
        type: 'input_image',
        detail: part.detail ?? 'auto',
        ...(part.url !== undefined ? { image_url: part.url } : {}),
        ...(part.fileId !== undefined ? { file_id: part.fileId } : {}),
      };
    case 'opaque':
      if (part.source === 'responses') return part.raw as ResponsesContentPart;
      adjustments.push(`dropped a '${String(part.raw['type'])}' content part (no Responses equivalent)`);
      return null;
  }
}
