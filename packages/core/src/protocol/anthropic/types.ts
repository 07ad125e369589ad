/**
 * Wire types of Anthropic's Messages API (`POST /v1/messages`), limited to what toolbridge sends and
 * reads: text, images, client tools, tool results and thinking blocks. The rules that connect them to
 * the canonical model are in docs/protocol/anthropic.md. Field names follow the API (snake_case).
 */
import type { JsonObject } from '../../items/canonical.js';

/** A text block; Anthropic refuses empty ones (docs/protocol/anthropic.md §4). */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
}

/** An image block by URL or base64 data. */
export interface AnthropicImageBlock {
  type: 'image';
  source: { type: 'url'; url: string } | { type: 'base64'; media_type: string; data: string };
}

/** A call the model made; `input` is always a JSON object. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: JsonObject;
}

/** The answer to one `tool_use`, in the user message right after it. */
export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
}

/** Visible reasoning with the signature that lets it be sent back (exactly as received). */
export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** Reasoning the API withheld; `data` is opaque and goes back unchanged. */
export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** The blocks that carry reasoning state between turns. */
export type AnthropicReasoningBlock = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock;

/** Blocks a request may carry in `messages[].content`. */
export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

/** One conversation turn; roles must alternate (the gateway merges runs of one role). */
export interface AnthropicMessageParam {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

/** A client tool: flat, no `type: "function"` wrapper. */
export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: JsonObject;
  strict?: boolean;
}

/** `tool_choice`; `disable_parallel_tool_use` exists on every type but `none`. */
export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** Extended thinking with a token budget (at least 1024, below `max_tokens`). */
export interface AnthropicThinkingConfig {
  type: 'enabled';
  budget_tokens: number;
}

/** The request body toolbridge sends. */
export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  /** Structured output: `{format: {type: "json_schema", schema}}`. */
  output_config?: JsonObject;
  stream?: boolean;
}

/** Why the model stopped (`message.stop_reason`, `message_delta.delta.stop_reason`). */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/** Token counts; `input_tokens` excludes cache reads and writes (docs/protocol/anthropic.md §9). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number } | null;
}

/** A non-streaming answer. `content` may hold block types toolbridge skips (server tools…). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: JsonObject[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/** The error object inside an error body or an `error` stream event. */
export interface AnthropicErrorObject {
  type: string;
  message: string;
}

/** A non-2xx body: `{"type":"error","error":{type,message},"request_id":…}`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: AnthropicErrorObject;
  request_id?: string | null;
}
