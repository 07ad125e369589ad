/**
 * Responses wire types (docs/protocol/tools.md, tool-choice.md, responses.md). Field names keep the API's
 * snake_case.
 */
import type { ResponsesUsage } from '../common/usage.js';

type JsonObject = { [key: string]: unknown };

/** A flat function tool (`tools[i]`), docs/protocol/tools.md#responses-flat-tools. */
export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: JsonObject | null;
  strict?: boolean | null;
  [key: string]: unknown;
}

export type ResponsesToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'allowed_tools'; mode: 'auto' | 'required'; tools: Array<{ type: 'function'; name: string }> };

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface InputTextPart {
  type: 'input_text';
  text: string;
}
export interface InputImagePart {
  type: 'input_image';
  image_url?: string | null;
  file_id?: string | null;
  detail?: 'auto' | 'low' | 'high';
}
export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs?: unknown[];
  [key: string]: unknown;
}
export interface RefusalPart {
  type: 'refusal';
  refusal: string;
  [key: string]: unknown;
}
export type ResponsesContentPart =
  | InputTextPart
  | InputImagePart
  | OutputTextPart
  | RefusalPart
  | (JsonObject & { type: string });

/** A message item, in easy form (string content) or full form. */
export interface ResponsesMessageItem {
  type?: 'message';
  id?: string;
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesContentPart[];
  status?: ItemStatus;
  [key: string]: unknown;
}
export interface FunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: ItemStatus;
  [key: string]: unknown;
}
export interface FunctionCallOutputItem {
  type: 'function_call_output';
  id?: string | null;
  call_id: string;
  output: string | Array<InputTextPart | InputImagePart | (JsonObject & { type: string })>;
  status?: ItemStatus | null;
  [key: string]: unknown;
}
export interface ItemReference {
  type?: 'item_reference';
  id: string;
}
export interface ReasoningItem {
  type: 'reasoning';
  id?: string;
  [key: string]: unknown;
}
/**
 * A compacted conversation window (`POST /v1/responses/compact`, docs/open-responses.md#compaction):
 * opaque `encrypted_content` that only its producer can read.
 */
export interface CompactionItem {
  type: 'compaction';
  id?: string | null;
  encrypted_content: string;
  [key: string]: unknown;
}
export type ResponsesInputItem =
  | ResponsesMessageItem
  | FunctionCallItem
  | FunctionCallOutputItem
  | ItemReference
  | ReasoningItem
  | CompactionItem;

/**
 * `POST /v1/responses` body (docs/protocol/responses.md#request-body). Unlisted known fields pass through.
 */
export interface ResponsesRequest {
  model: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: ResponsesFunctionTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  stream?: boolean | null;
  stream_options?: { include_obfuscation?: boolean } | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  metadata?: Record<string, string> | null;
  user?: string | null;
  [key: string]: unknown;
}

/** Output items as the server emits them: every item has id, type and status. */
/** Fields the gateway does not interpret (e.g. `phase`) ride along (docs/open-responses.md#nothing-lost). */
export interface OutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: ItemStatus;
  content: Array<OutputTextPart | RefusalPart>;
  phase?: 'commentary' | 'final_answer' | null;
  [key: string]: unknown;
}
export interface OutputFunctionCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: ItemStatus;
  /** Not OpenAI's: the call's opaque provider state, to be echoed back unchanged. */
  provider_state?: string;
  [key: string]: unknown;
}
export type ResponsesOutputItem = OutputMessage | OutputFunctionCall | ReasoningItem | CompactionItem;

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';

/** The Response object (docs/protocol/responses.md#response-object). */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  /** Unix seconds when the response completed; `null` while in progress and when it did not complete. */
  completed_at: number | null;
  status: ResponseStatus;
  background: boolean;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  max_tool_calls: number | null;
  model: string;
  output: ResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  prompt_cache_key: string | null;
  reasoning: { effort: string | null; summary: string | null } | null;
  safety_identifier: string | null;
  service_tier: string | null;
  store: boolean;
  temperature: number | null;
  presence_penalty: number;
  frequency_penalty: number;
  text: JsonObject;
  tool_choice: ResponsesToolChoice;
  tools: Array<
    ResponsesFunctionTool & { description: string | null; parameters: JsonObject | null; strict: boolean }
  >;
  top_logprobs: number | null;
  top_p: number | null;
  truncation: 'auto' | 'disabled';
  usage: ResponsesUsage | null;
  user: string | null;
  metadata: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Any Responses stream event: `type` plus `sequence_number` plus per-type fields
 * (docs/protocol/responses.md#streaming).
 */
export interface ResponsesStreamEvent {
  type: string;
  sequence_number: number;
  [key: string]: unknown;
}
