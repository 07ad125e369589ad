import { buildChatCompletion } from './chat-completion-body.js';
import type { ChatMeta } from './chat-meta.js';
import { buildChatStreamFrames, CHAT_DONE_FRAME } from './chat-stream-frames.js';
import { anthropicTranscriptParts, geminiTranscriptParts } from './fixed-provider-transcripts.js';
import { buildResponseObject, outputItems, type ResponseMeta } from './response-object.js';
import { buildResponsesEvents, serializeResponsesEvents } from './responses-stream-events.js';
import type { TokenUsage } from './token-usage.js';
import type { PlannedCall, Turn } from './turn.js';

/** A tool call a fixed transcript contains, for checking what a gateway relayed. */
export interface ExpectedToolCall {
  name: string;
  /** Byte-exact argument string after reassembly. */
  arguments: string;
  callId: string;
}

/** Names of the pre-serialised transcripts the benchmark can ask for. */
export type FixedTranscriptName =
  | 'chat-json'
  | 'chat-sse'
  | 'chat-sse-parallel'
  | 'chat-text'
  | 'responses-json'
  | 'responses-sse'
  | 'anthropic-json'
  | 'anthropic-sse'
  | 'gemini-json'
  | 'gemini-sse';

/**
 * The route a transcript answers: Chat, Responses, Anthropic's `/v1/messages`, Gemini's
 * `:generateContent` or `:streamGenerateContent`.
 */
export type FixedEndpoint = 'chat' | 'responses' | 'anthropic' | 'gemini' | 'gemini-stream';

/** A ready-to-send answer: the whole body, and the same bytes as per-chunk buffers for paced sending. */
export interface FixedTranscript {
  name: FixedTranscriptName;
  endpoint: FixedEndpoint;
  contentType: string;
  body: Buffer;
  chunks: readonly Buffer[];
}

/**
 * The call in `chat-json`, `chat-sse`, `responses-json`, `responses-sse` and the Anthropic and Gemini
 * transcripts (Anthropic's carries `FIXED_ANTHROPIC_TOOL_USE_ID` as its id; Gemini's has no id).
 */
export const FIXED_TOOL_CALL: Readonly<ExpectedToolCall> = Object.freeze({
  name: 'get_weather',
  arguments:
    '{"city":"Paris","country":"FR","unit":"celsius","days":3,"include_hourly":false,"fields":["temperature","precipitation","wind_speed","humidity"],"note":"fixed transcript for gateway benchmark correctness checks"}',
  callId: 'call_FixedTranscriptCall00001',
});

/** The two calls in `chat-sse-parallel`, in index order. */
export const FIXED_PARALLEL_TOOL_CALLS: ReadonlyArray<Readonly<ExpectedToolCall>> = Object.freeze([
  FIXED_TOOL_CALL,
  Object.freeze({
    name: 'get_weather',
    arguments:
      '{"city":"Oslo","country":"NO","unit":"celsius","days":3,"include_hourly":false,"fields":["temperature","precipitation","wind_speed","humidity"],"note":"second parallel call of the fixed transcript"}',
    callId: 'call_FixedTranscriptCall00002',
  }),
]);

/** The text of `chat-text`. */
export const FIXED_TEXT_ANSWER =
  'Paris: 18°C and sunny with a light breeze from the west; no rain is expected today.';

/** Argument deltas per call in the fixed SSE transcripts (the bench's chat-sse, bench/README.md). */
export const FIXED_ARGUMENT_FRAGMENTS = 40;

const USAGE: TokenUsage = { input: 120, cached: 0, output: 60 };
const CREATED = 1_767_225_600;

function planned(call: ExpectedToolCall, index: number): PlannedCall {
  return { ...call, itemId: `fc_${'0'.repeat(47)}${index + 1}` };
}

const CHAT_META: ChatMeta = {
  id: 'chatcmpl-FixedTranscript00000000000001',
  created: CREATED,
  model: 'scripted-model',
  systemFingerprint: 'fp_0000000000',
  usage: USAGE,
};

const RESPONSE_META: ResponseMeta = {
  id: `resp_${'0'.repeat(47)}1`,
  createdAt: CREATED,
  model: 'scripted-model',
  messageId: `msg_${'0'.repeat(47)}1`,
  echo: {
    instructions: null,
    tools: [
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get the weather for a city.',
        parameters: null,
        strict: false,
      },
    ],
    toolChoice: 'auto',
    parallelToolCalls: true,
    maxOutputTokens: null,
    metadata: {},
    presencePenalty: 0,
    frequencyPenalty: 0,
    temperature: 1,
    topP: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    user: null,
    promptCacheKey: null,
    safetyIdentifier: null,
  },
};

const CALL_TURN: Turn = { kind: 'calls', calls: [planned(FIXED_TOOL_CALL, 0)], finishReason: 'tool_calls' };
const SSE = 'text/event-stream; charset=utf-8';
const JSON_TYPE = 'application/json';

function endpointOf(name: FixedTranscriptName): FixedEndpoint {
  if (name === 'gemini-sse') return 'gemini-stream';
  const [family] = name.split('-');
  return family === 'chat' || family === 'anthropic' || family === 'gemini' ? family : 'responses';
}

function transcript(name: FixedTranscriptName, contentType: string, parts: string[]): FixedTranscript {
  const chunks = parts.map((part) => Buffer.from(part, 'utf8'));
  return { name, endpoint: endpointOf(name), contentType, body: Buffer.concat(chunks), chunks };
}

function chatStream(turn: Turn): string[] {
  const options = {
    fragments: FIXED_ARGUMENT_FRAGMENTS,
    noIndex: false,
    interleave: false,
    includeUsage: true,
  };
  return [...buildChatStreamFrames(turn, CHAT_META, options), CHAT_DONE_FRAME];
}

function build(name: FixedTranscriptName): FixedTranscript {
  switch (name) {
    case 'chat-json':
      return transcript(name, JSON_TYPE, [JSON.stringify(buildChatCompletion(CALL_TURN, CHAT_META))]);
    case 'chat-sse':
      return transcript(name, SSE, chatStream(CALL_TURN));
    case 'chat-sse-parallel': {
      const calls = FIXED_PARALLEL_TOOL_CALLS.map(planned);
      return transcript(name, SSE, chatStream({ kind: 'calls', calls, finishReason: 'tool_calls' }));
    }
    case 'chat-text': {
      const turn: Turn = { kind: 'text', text: FIXED_TEXT_ANSWER, finishReason: 'stop' };
      return transcript(name, JSON_TYPE, [JSON.stringify(buildChatCompletion(turn, CHAT_META))]);
    }
    case 'responses-json': {
      const output = outputItems(CALL_TURN, RESPONSE_META.messageId);
      return transcript(name, JSON_TYPE, [
        JSON.stringify(buildResponseObject(RESPONSE_META, { status: 'completed', output, usage: USAGE })),
      ]);
    }
    case 'responses-sse': {
      const options = { fragments: FIXED_ARGUMENT_FRAGMENTS, interleave: false, usage: USAGE };
      return transcript(
        name,
        SSE,
        serializeResponsesEvents(buildResponsesEvents(CALL_TURN, RESPONSE_META, options)),
      );
    }
    case 'anthropic-json':
    case 'anthropic-sse': {
      const stream = name === 'anthropic-sse';
      const parts = anthropicTranscriptParts(planned(FIXED_TOOL_CALL, 0), USAGE, {
        stream,
        fragments: FIXED_ARGUMENT_FRAGMENTS,
      });
      return transcript(name, stream ? SSE : JSON_TYPE, parts);
    }
    case 'gemini-json':
    case 'gemini-sse': {
      const stream = name === 'gemini-sse';
      return transcript(name, stream ? SSE : JSON_TYPE, geminiTranscriptParts(CALL_TURN, USAGE, { stream }));
    }
  }
}

/** Every transcript name, for option validation and iteration. */
export const FIXED_TRANSCRIPT_NAMES: readonly FixedTranscriptName[] = [
  'chat-json',
  'chat-sse',
  'chat-sse-parallel',
  'chat-text',
  'responses-json',
  'responses-sse',
  'anthropic-json',
  'anthropic-sse',
  'gemini-json',
  'gemini-sse',
];

const cache = new Map<FixedTranscriptName, FixedTranscript>();

/**
 * The pre-serialised transcript `name`, built once per process (ids and timestamps are constants, so
 * the bytes never change and can be compared byte for byte).
 */
export function fixedTranscript(name: FixedTranscriptName): FixedTranscript {
  let found = cache.get(name);
  if (found === undefined) {
    found = build(name);
    cache.set(name, found);
  }
  return found;
}
