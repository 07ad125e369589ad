/**
 * Chat Completions wire types (docs/protocol/tools.md, tool-choice.md, chat-completions.md). Field names
 * keep the API's snake_case.
 * Request-side types are what a client may send; response-side types are what we emit.
 */
import type { JsonObject } from '../../items/canonical.js';
import type { ChatUsage } from '../common/usage.js';

/** A nested function tool definition (`tools[i]`), docs/protocol/tools.md#chat-completions-nested-tools. */
export interface ChatFunctionTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: JsonObject;
    strict?: boolean | null;
  };
}

export type ChatToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | {
      type: 'allowed_tools';
      allowed_tools: {
        mode: 'auto' | 'required';
        tools: Array<{ type: 'function'; function: { name: string } }>;
      };
    };

export interface ChatTextPart {
  type: 'text';
  text: string;
}
export interface ChatImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}
export interface ChatRefusalPart {
  type: 'refusal';
  refusal: string;
}
/** Parts this gateway understands; others (audio, file) are carried opaquely. */
export type ChatContentPart =
  | ChatTextPart
  | ChatImagePart
  | ChatRefusalPart
  | (JsonObject & { type: string });

/** Provider state on a Chat tool call, in Gemini's own OpenAI-compatibility shape (`convert/provider-state-fields.ts`). */
export interface ChatToolCallExtraContent {
  google?: { thought_signature?: string };
}

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /** Not OpenAI's: carries a call's provider state so clients that echo the message keep it. */
  extra_content?: ChatToolCallExtraContent;
}

export interface ChatSystemMessage {
  role: 'system' | 'developer';
  content: string | ChatTextPart[];
  name?: string;
}
export interface ChatUserMessage {
  role: 'user';
  content: string | ChatContentPart[];
  name?: string;
}
export interface ChatAssistantMessage {
  role: 'assistant';
  content?: string | Array<ChatTextPart | ChatRefusalPart> | null;
  refusal?: string | null;
  name?: string;
  tool_calls?: ChatToolCall[];
  [key: string]: unknown;
}
export interface ChatToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | ChatTextPart[];
}
export type ChatMessage = ChatSystemMessage | ChatUserMessage | ChatAssistantMessage | ChatToolMessage;

/** `POST /v1/chat/completions` body. Sampling fields not listed here pass through untouched. */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ChatFunctionTool[];
  tool_choice?: ChatToolChoice;
  parallel_tool_calls?: boolean;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  user?: string;
  metadata?: Record<string, string> | null;
  store?: boolean | null;
  [key: string]: unknown;
}

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** Non-streaming response (docs/protocol/chat-completions.md#response). */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: string | null;
      annotations?: unknown[];
      tool_calls?: ChatToolCall[];
      /** Anthropic thinking text (LiteLLM's convention; docs/protocol/anthropic.md §6). */
      reasoning_content?: string;
      /** vLLM's and OpenRouter's name for `reasoning_content` (read, never written by the gateway). */
      reasoning?: string;
      /** The exact Anthropic thinking blocks, signatures included, for the client to echo back. */
      thinking_blocks?: JsonObject[];
    };
    logprobs: unknown;
    finish_reason: ChatFinishReason | null;
  }>;
  usage?: ChatUsage | null;
  service_tier?: string | null;
  system_fingerprint?: string | null;
}

/** One streamed tool-call fragment (docs/protocol/chat-completions.md#streaming). */
export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
  /** Sent on a call's first delta when it has provider state (see {@link ChatToolCall}). */
  extra_content?: ChatToolCallExtraContent;
}

/** One `data:` payload of a Chat stream (docs/protocol/chat-completions.md#streaming). */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      refusal?: string | null;
      tool_calls?: ChatToolCallDelta[];
      /** See `ChatCompletion` message: thinking text and blocks, sent once per reasoning item. */
      reasoning_content?: string;
      thinking_blocks?: JsonObject[];
      /** A search model's citations, sent after the text they cite (Chat's nested `url_citation` shape). */
      annotations?: unknown[];
    };
    logprobs?: unknown;
    finish_reason: ChatFinishReason | null;
  }>;
  usage?: ChatUsage | null;
}
