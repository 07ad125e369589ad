import { createHash } from 'node:crypto';
import { analyseConversation } from '../analyse-conversation.js';
import type { Exchange } from '../exchange.js';
import { limitTurn } from '../limit-turn.js';
import { parseDirectives } from '../parse-directives.js';
import { pause } from '../pause.js';
import { planTurn } from '../plan-turn.js';
import { safeParseJson } from '../safe-parse-json.js';
import { scriptedIds } from '../scripted-ids.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';
import { midpoint } from '../stream-faults.js';
import { measureUsage } from '../token-usage.js';
import { writeEventStream } from '../write-event-stream.js';
import { writeJsonBody } from '../write-json-body.js';
import {
  blockedAnswer,
  type GeminiAnswerMeta,
  geminiFrame,
  geminiJsonAnswer,
  geminiStreamChunks,
  malformedAnswer,
} from './gemini-answer.js';
import { geminiHttpError, sendGeminiError } from './gemini-error.js';
import { readGeminiRequest } from './read-gemini-request.js';

const MIDSTREAM = {
  code: 500,
  status: 'INTERNAL',
  message: 'An internal error has occurred (scripted upstream #error-midstream).',
};
const MALFORMED_FRAME = 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":\r\n\r\n';

/** `#malformed-once`: malformed the first time this exact body is seen (a retry of it then succeeds). */
function firstSighting(exchange: Exchange): boolean {
  const key = createHash('sha256').update(JSON.stringify(exchange.body)).digest('hex');
  return !exchange.prefixCache.visit(`malformed-once:${key}`);
}

/**
 * `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`: Gemini's checks,
 * the shared planner, then Gemini's JSON or SSE (docs/scripted-upstream.md, "Gemini").
 */
export async function handleGemini(
  exchange: Exchange,
  options: { model: string; stream: boolean },
): Promise<void> {
  const { response, requestId } = exchange;
  const read = readGeminiRequest(exchange.body, options);
  if (!read.ok) return sendGeminiError(response, read.error, requestId);
  const request = read.value;
  const view = analyseConversation(request.entries);
  const directives = parseDirectives(view.directiveText, exchange.directives);
  if (!(await pause(directives.firstByteDelayMs, exchange.signal))) return;
  if (directives.errorStatus !== null)
    return sendGeminiError(response, geminiHttpError(directives.errorStatus), requestId);
  if (directives.errorMidstream && !options.stream) return sendGeminiError(response, MIDSTREAM, requestId);
  // Gemini's arguments are always JSON objects: a deliberately broken call breaks the schema instead.
  const broken = directives.invalidJson || (directives.invalidOnce && !view.retryRequested);
  const planning = broken
    ? { ...directives, invalidJson: false, invalidOnce: false, schemaViolation: true }
    : directives;
  const planned = planTurn({ request, view, directives: planning });
  const turn = limitTurn(planned, { forced: directives.length, maxOutputTokens: request.maxOutputTokens });
  const usage = directives.noUsage ? null : measureUsage(request, turn, exchange.prefixCache);
  const meta: GeminiAnswerMeta = {
    model: options.model,
    responseId: scriptedIds.request().slice(4, 26),
    usage,
  };
  // A call Gemini cannot finish is MALFORMED_FUNCTION_CALL, never broken JSON (cut-off arguments included).
  const unparsable = turn.kind === 'calls' && turn.calls.some((call) => !safeParseJson(call.arguments).ok);
  const malformed =
    directives.malformedCall || unparsable || (directives.malformedOnce && firstSighting(exchange));
  const chunks = directives.blockedPrompt
    ? [blockedAnswer(meta)]
    : malformed
      ? [malformedAnswer(meta)]
      : options.stream
        ? geminiStreamChunks({
            turn,
            meta,
            directives,
            fragments: directives.fragments ?? SCRIPTED_UPSTREAM_DEFAULTS.fragments,
          })
        : [geminiJsonAnswer(turn, meta, directives)];
  if (!options.stream) return writeJsonBody(exchange, JSON.stringify(chunks[0]), directives);
  let frames = chunks.map(geminiFrame);
  if (directives.errorMidstream)
    frames = [...frames.slice(0, midpoint(frames.length)), geminiFrame({ error: MIDSTREAM })];
  if (directives.malformedChunk)
    frames = [
      ...frames.slice(0, midpoint(frames.length)),
      MALFORMED_FRAME,
      ...frames.slice(midpoint(frames.length)),
    ];
  await writeEventStream(exchange, frames, directives);
}
