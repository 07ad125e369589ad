/**
 * The format-neutral view of a Chat or Responses request that the scripted upstream plans its answer
 * from. Internal to the double: both endpoint readers produce it, the planner consumes it.
 */

/** One conversation step, in order. Tool calls and their results are paired by `callId`. */
export type ConversationEntry =
  | { kind: 'system'; text: string }
  | { kind: 'user'; text: string }
  | { kind: 'assistant'; text: string }
  | { kind: 'call'; callId: string; name: string; arguments: string }
  | { kind: 'result'; callId: string; output: string };

/** A function tool as offered by the request (either wire shape). */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: unknown;
  strict: boolean | null;
}

/** `tool_choice`, normalised across the two wire shapes (docs/protocol/tool-choice.md#forms). */
export type ToolChoiceSpec =
  | { kind: 'none' }
  | { kind: 'auto' }
  | { kind: 'required' }
  | { kind: 'function'; name: string }
  | { kind: 'allowed'; mode: 'auto' | 'required'; names: string[] };

/** Everything the planner and the usage counter need from a request. */
export interface ScriptedRequest {
  model: string;
  entries: ConversationEntry[];
  tools: ToolSpec[];
  toolChoice: ToolChoiceSpec;
  parallelToolCalls: boolean;
  stream: boolean;
  /** Chat `stream_options.include_usage`; Responses always reports usage. */
  includeUsage: boolean;
  /** `max_completion_tokens` / `max_tokens` / `max_output_tokens`, when given. */
  maxOutputTokens: number | null;
  /** Chat `logprobs: true`: the `top_logprobs` asked for (0 when not given); absent otherwise. */
  chatTopLogprobs?: number;
  /**
   * Structured output was asked for (Chat `response_format`, Responses `text.format`, Anthropic
   * `output_config.format`, Gemini `responseJsonSchema`): the JSON Schema a text answer must follow.
   */
  outputSchema?: unknown;
}
