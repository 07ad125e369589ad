import type { AnthropicAnswer } from './anthropic/anthropic-answer.js';
import { buildMessageBody } from './anthropic/anthropic-message-body.js';
import { buildMessageStreamFrames } from './anthropic/anthropic-stream-frames.js';
import {
  type GeminiAnswerMeta,
  geminiFrame,
  geminiJsonAnswer,
  geminiStreamChunks,
} from './gemini/gemini-answer.js';
import { NO_DIRECTIVES } from './scripted-directives.js';
import type { TokenUsage } from './token-usage.js';
import type { PlannedCall, Turn } from './turn.js';

/**
 * The Anthropic `tool_use` id of the fixed transcripts: Anthropic's `toolu_` form, constant so a
 * gateway's relayed call id can be compared byte for byte.
 */
export const FIXED_ANTHROPIC_TOOL_USE_ID = 'toolu_01FixedTranscriptCall00001';

/** The Gemini model of the fixed transcripts: before Gemini 3, so no thought signatures and no call ids. */
const GEMINI_MODEL = 'gemini-2.5-flash';

function anthropicAnswer(call: PlannedCall, usage: TokenUsage): AnthropicAnswer {
  return {
    id: 'msg_01FixedTranscript0000000001',
    model: 'scripted-model',
    blocks: [
      {
        type: 'tool_use',
        id: FIXED_ANTHROPIC_TOOL_USE_ID,
        name: call.name,
        arguments: call.arguments,
        complete: true,
      },
    ],
    stopReason: 'tool_use',
    usage: {
      input_tokens: usage.input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: usage.cached,
      output_tokens: usage.output,
      thinking_tokens: 0,
    },
  };
}

/**
 * The parts (one for a JSON body, one per SSE frame for a stream) of the fixed Anthropic Messages
 * answer making `call`: the same builders the scripted Anthropic route uses, with constant ids.
 */
export function anthropicTranscriptParts(
  call: PlannedCall,
  usage: TokenUsage,
  options: { stream: boolean; fragments: number },
): string[] {
  const answer = anthropicAnswer(call, usage);
  return options.stream
    ? buildMessageStreamFrames(answer, options.fragments)
    : [JSON.stringify(buildMessageBody(answer))];
}

/**
 * The parts of the fixed Gemini `generateContent` answer (JSON) or `streamGenerateContent?alt=sse`
 * answer (frames) making the call of `turn`. Gemini sends a call whole, never in argument fragments.
 */
export function geminiTranscriptParts(turn: Turn, usage: TokenUsage, options: { stream: boolean }): string[] {
  const meta: GeminiAnswerMeta = { model: GEMINI_MODEL, responseId: 'FixedTranscriptResponse01', usage };
  if (!options.stream) return [JSON.stringify(geminiJsonAnswer(turn, meta, NO_DIRECTIVES))];
  return geminiStreamChunks({ turn, meta, directives: NO_DIRECTIVES, fragments: 1 }).map(geminiFrame);
}
