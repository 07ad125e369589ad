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
  /** `#phase`: Responses message items carry `phase` (`final_answer`; `commentary` before calls). */
  phase: boolean;
  /** `#reasoning`: a Responses reasoning item with a streamed two-part summary comes first. */
  reasoning: boolean;
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
  phase: false,
  reasoning: false,
});
