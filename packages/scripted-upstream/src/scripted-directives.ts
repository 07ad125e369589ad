/**
 * Test directives that make the scripted upstream misbehave on purpose. They come from tokens such
 * as `#invalid-json` in the last user message, the `x-scripted-directives` header, or the server's
 * `directives` option (docs/scripted-upstream.md lists each one).
 */
export interface ScriptedDirectives {
  /** `#invalid-json`: tool-call arguments are not valid JSON (every time). */
  invalidJson: boolean;
  /** `#schema-violation`: arguments are valid JSON that break the schema (wrong type + extra key). */
  schemaViolation: boolean;
  /** `#invalid-once`: invalid JSON until the conversation shows a correction was requested. */
  invalidOnce: boolean;
  /** `#unknown-tool`: calls a function that is not in `tools`. */
  unknownTool: boolean;
  /** `#ignore-tool-choice`: behaves as `auto` whatever `tool_choice` says (like Ollama). */
  ignoreToolChoice: boolean;
  /** `#parallel`: at least two calls, even with `parallel_tool_calls: false`. */
  parallel: boolean;
  /** `#text`: answer with text even when tools are present. */
  text: boolean;
  /** `#text-once`: answer with text until the conversation asks for a function call. */
  textOnce: boolean;
  /** `#fragments=N`: pieces per streamed argument string / text; null = default. */
  fragments: number | null;
  /** `#delay=MS`: pause between stream chunks. */
  delayMs: number;
  /** `#first-byte-delay=MS`: pause before anything is sent. */
  firstByteDelayMs: number;
  /** `#stall`: stop sending half-way and keep the socket open. */
  stall: boolean;
  /** `#reset`: destroy the socket half-way. */
  reset: boolean;
  /** `#malformed-chunk`: one SSE data line (or the JSON body) is not valid JSON. */
  malformedChunk: boolean;
  /** `#error=NNN`: answer with that HTTP status in the OpenAI envelope; null = no error. */
  errorStatus: number | null;
  /** `#quota`: HTTP 429 `insufficient_quota` (a spent quota, not a rate limit). */
  quota: boolean;
  /** `#error-midstream`: the stream fails half-way (Chat error chunk; Responses error + failed). */
  errorMidstream: boolean;
  /** `#no-usage`: no usage anywhere. */
  noUsage: boolean;
  /** `#no-index`: Chat tool-call deltas without `index` (old Ollama style). */
  noIndex: boolean;
  /** `#interleave`: parallel call deltas interleaved 0,1,0,1 (implies at least two calls). */
  interleave: boolean;
  /** `#length`: output cut off: finish_reason `length` / `response.incomplete`. */
  length: boolean;
  /** Gemini `#no-ids`: function calls without `functionCall.id` (older models, the Developer API). */
  noIds: boolean;
  /** Gemini `#split-calls`: each parallel call in a stream chunk of its own. */
  splitCalls: boolean;
  /** Gemini `#late-stop`: `finishReason: STOP` in a trailing chunk with an empty text part. */
  lateStop: boolean;
  /** Gemini `#resend-call`: the first call is sent again (same id) in a later stream chunk. */
  resendCall: boolean;
  /** Gemini `#blocked-prompt`: `promptFeedback.blockReason: SAFETY` and no candidates. */
  blockedPrompt: boolean;
  /** Gemini `#safety`: the answer stops with `finishReason: SAFETY`. */
  safety: boolean;
  /** Gemini `#malformed-call`: `finishReason: MALFORMED_FUNCTION_CALL` with no content, every time. */
  malformedCall: boolean;
  /** Gemini `#malformed-once`: as `#malformed-call` the first time a request body is seen. */
  malformedOnce: boolean;
  /** `#preamble`: a text block (Anthropic) or part (Gemini) before the calls of a turn. */
  preamble: boolean;
  /** `#foreign-ids` (Anthropic only): call ids such as `functions.get_weather:0`, invalid for Anthropic. */
  foreignIds: boolean;
  /** `#redacted-thinking` (Anthropic only): a `redacted_thinking` block after the thinking block. */
  redactedThinking: boolean;
  /** `#refusal` (Anthropic only): the turn stops with `stop_reason: "refusal"`. */
  refusal: boolean;
  /** `#error-at-start` (Anthropic only): `message_start`, then an `overloaded_error` event, before any content. */
  errorAtStart: boolean;
  /** `#split-ids`: a streamed call's id arrives in two pieces instead of once (non-conforming). */
  splitIds: boolean;
  /** `#drop-strict`: `strict` is ignored: nullable keys are left out, tools echo `strict: false`. */
  dropStrict: boolean;
  /** `#phase`: Responses message items carry `phase` (`final_answer`; `commentary` before calls). */
  phase: boolean;
  /**
   * `#reasoning`: a Responses reasoning item with a streamed two-part summary comes first; on the Chat
   * route, `reasoning_content` on the message (streamed first).
   */
  reasoning: boolean;
  /** `#vllm-reasoning`: the Chat route's `#reasoning`, under vLLM's field name `reasoning`. */
  vllmReasoning: boolean;
  /** `#citations`: a Chat text answer cites one source (`annotations`), as search models do. */
  citations: boolean;
}

/** No directive active: the upstream behaves like a well-mannered provider. */
export const NO_DIRECTIVES: Readonly<ScriptedDirectives> = Object.freeze({
  invalidJson: false,
  schemaViolation: false,
  invalidOnce: false,
  unknownTool: false,
  ignoreToolChoice: false,
  parallel: false,
  text: false,
  textOnce: false,
  fragments: null,
  delayMs: 0,
  firstByteDelayMs: 0,
  stall: false,
  reset: false,
  malformedChunk: false,
  errorStatus: null,
  quota: false,
  errorMidstream: false,
  noUsage: false,
  noIndex: false,
  interleave: false,
  length: false,
  noIds: false,
  splitCalls: false,
  lateStop: false,
  resendCall: false,
  blockedPrompt: false,
  safety: false,
  malformedCall: false,
  malformedOnce: false,
  preamble: false,
  foreignIds: false,
  redactedThinking: false,
  refusal: false,
  errorAtStart: false,
  splitIds: false,
  dropStrict: false,
  phase: false,
  reasoning: false,
  vllmReasoning: false,
  citations: false,
});
