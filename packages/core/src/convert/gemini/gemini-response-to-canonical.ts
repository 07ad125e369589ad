import { CoreError } from '../../errors/core-error.js';
import type { CanonicalItem, CanonicalResponse } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { withFields } from '../../json/with-fields.js';
import { ids } from '../../protocol/ids.js';
import { syntheticGeminiCallId } from './gemini-call-id.js';
import { failedCallMessage, mapGeminiFinishReason } from './gemini-finish-reason.js';
import { encodeGeminiState, geminiCallState } from './gemini-provider-state.js';
import { geminiUsageToCanonical } from './gemini-usage.js';
import { readGeminiPart } from './read-gemini-part.js';

function firstCandidate(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const candidates = body['candidates'];
  if (!Array.isArray(candidates)) return undefined;
  const chosen = candidates.find((candidate) => isJsonObject(candidate) && (candidate['index'] ?? 0) === 0);
  return isJsonObject(chosen) ? chosen : undefined;
}

function partsOf(candidate: Record<string, unknown> | undefined): unknown[] {
  const content = candidate?.['content'];
  const parts = isJsonObject(content) ? content['parts'] : undefined;
  return Array.isArray(parts) ? parts : [];
}

/**
 * A parsed Gemini `GenerateContentResponse` (candidate 0) → canonical response
 * (docs/protocol/gemini.md, "Responses"): visible text parts form one message, each functionCall
 * becomes a call whose id is Gemini's or a stable synthetic one, whose provider state keeps its
 * `thoughtSignature` (and Gemini's id), and whose arguments are `{}` when absent. A blocked prompt
 * finishes `content_filter` with no output. MALFORMED_FUNCTION_CALL and its kin throw `CoreError`
 * (`malformed_function_call`) so the caller can retry, never an empty `stop`.
 */
export function geminiResponseToCanonical(body: unknown, options: { model: string }): CanonicalResponse {
  if (!isJsonObject(body)) {
    throw new CoreError({
      code: 'invalid_stream',
      message: 'Gemini sent a response that is not a JSON object.',
    });
  }
  const responseId =
    typeof body['responseId'] === 'string' && body['responseId'] !== ''
      ? body['responseId']
      : ids.chatCompletion();
  const model = typeof body['modelVersion'] === 'string' ? body['modelVersion'] : '';
  const usage = geminiUsageToCanonical(body['usageMetadata']);
  const base = { id: responseId, model, createdAt: Math.floor(Date.now() / 1000), usage };
  const feedback = body['promptFeedback'];
  const candidate = firstCandidate(body);
  if (candidate === undefined && isJsonObject(feedback) && typeof feedback['blockReason'] === 'string') {
    return withFields(base, { output: [], finishReason: 'content_filter' });
  }
  const output: CanonicalItem[] = [];
  let text = '';
  let calls = 0;
  for (const part of partsOf(candidate)) {
    const reading = readGeminiPart(part);
    if (reading.kind === 'text') text += reading.text;
    if (reading.kind !== 'call') continue;
    const providerState = encodeGeminiState(geminiCallState(reading.signature, reading.id), options.model);
    output.push({
      type: 'function_call',
      callId:
        reading.id ??
        syntheticGeminiCallId({ responseId, ordinal: calls, name: reading.name, args: reading.arguments }),
      name: reading.name,
      arguments: reading.arguments,
      status: 'completed',
      ...(providerState !== undefined ? { providerState } : {}),
    });
    calls += 1;
  }
  const rawReason = typeof candidate?.['finishReason'] === 'string' ? candidate['finishReason'] : undefined;
  const finish = mapGeminiFinishReason(rawReason, calls > 0);
  if (finish === 'failed-call') {
    const detail = typeof candidate?.['finishMessage'] === 'string' ? candidate['finishMessage'] : undefined;
    throw new CoreError({ code: 'malformed_function_call', message: failedCallMessage(rawReason, detail) });
  }
  if (text !== '') {
    output.unshift({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text }],
      status: finish === 'length' && calls === 0 ? 'incomplete' : 'completed',
    });
  }
  return withFields(base, { output, finishReason: finish });
}
