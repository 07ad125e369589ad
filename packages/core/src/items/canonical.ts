/**
 * The canonical item model: Responses-like items in camelCase. Every codec converts into and out of these
 * types; nothing outside `convert/` and `stream/` codecs sees wire shapes (docs/adr/0002-canonical-items.md).
 */

export type JsonObject = { [key: string]: unknown };

export type CanonicalItemStatus = 'in_progress' | 'completed' | 'incomplete';

/**
 * Wire fields of an item or content part that the gateway does not interpret (a message's `phase`, an
 * `output_text` part's `annotations` and `logprobs`, …), kept verbatim so a Responses relay and the store
 * lose nothing (docs/open-responses.md#nothing-lost). Formats without a place for them drop them.
 */
export type CanonicalPassthrough = JsonObject;

/** A content part. `text` stands for Chat `text`, Responses `input_text` and `output_text`. */
export type CanonicalContentPart =
  | { type: 'text'; text: string; passthrough?: CanonicalPassthrough }
  | { type: 'refusal'; refusal: string; passthrough?: CanonicalPassthrough }
  | { type: 'image'; url?: string; fileId?: string; detail?: 'auto' | 'low' | 'high' }
  /** A part this gateway does not interpret (audio, files…), carried verbatim in its source shape. */
  | { type: 'opaque'; source: 'chat' | 'responses'; raw: JsonObject };

export interface CanonicalMessage {
  type: 'message';
  id?: string;
  role: 'user' | 'assistant' | 'system' | 'developer';
  /** A string stays a string so a request round-trips in the shape it came in. */
  content: string | CanonicalContentPart[];
  status?: CanonicalItemStatus;
  /** Chat `name` field; Responses has no equivalent. */
  name?: string;
  passthrough?: CanonicalPassthrough;
}

export interface CanonicalFunctionCall {
  type: 'function_call';
  /** Item id (`fc_…`), distinct from `callId`. */
  id?: string;
  /** The pairing key: Chat `tool_calls[].id` / `tool_call_id`, Responses `call_id`. Never rewritten. */
  callId: string;
  name: string;
  /** The arguments as the model produced them: a JSON string. */
  arguments: string;
  status?: CanonicalItemStatus;
  /**
   * Opaque provider reasoning state that must travel with this call and go back to the provider that
   * made it (a Gemini `thoughtSignature`, as a `tb1.<provider>.<family>.<payload>` blob). Shared code
   * only carries it: clients see it on Chat `tool_calls[].extra_content.google.thought_signature` and
   * Responses `function_call.provider_state`; only the owning provider's codec reads it.
   */
  providerState?: string;
  passthrough?: CanonicalPassthrough;
}

export interface CanonicalFunctionCallOutput {
  type: 'function_call_output';
  id?: string;
  callId: string;
  output: string | CanonicalContentPart[];
  status?: CanonicalItemStatus;
  passthrough?: CanonicalPassthrough;
}

/** A reasoning item from a Responses upstream, kept verbatim so it can be echoed back. */
export interface CanonicalReasoning {
  type: 'reasoning';
  id?: string;
  raw: JsonObject;
}

/**
 * An item the gateway carries without interpreting it, verbatim in its source format: a `compaction` item
 * of an upstream with native compaction (docs/open-responses.md#compaction). Only a codec of the same
 * format sends it on; others leave it out.
 */
export interface CanonicalOpaqueItem {
  type: 'opaque';
  id?: string;
  source: 'responses';
  raw: JsonObject;
}

export interface CanonicalItemReference {
  type: 'item_reference';
  id: string;
}

export type CanonicalItem =
  | CanonicalMessage
  | CanonicalFunctionCall
  | CanonicalFunctionCallOutput
  | CanonicalReasoning
  | CanonicalOpaqueItem
  | CanonicalItemReference;

/**
 * A function tool. `strict: null` means the request did not say (Responses then normalizes,
 * docs/protocol/tools.md#strict-default).
 */
export interface CanonicalTool {
  name: string;
  description?: string;
  parameters?: JsonObject;
  strict: boolean | null;
}

export type CanonicalToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'function'; name: string }
  | { type: 'allowed_tools'; mode: 'auto' | 'required'; names: string[] };

export type CanonicalResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonObject; strict?: boolean | null; description?: string };

/** Fields with one meaning on both endpoints, in camelCase. */
export interface CanonicalOptions {
  temperature?: number | null;
  topP?: number | null;
  user?: string | null;
  serviceTier?: string | null;
  topLogprobs?: number | null;
  reasoningEffort?: string | null;
  responseFormat?: CanonicalResponseFormat;
  promptCacheKey?: string | null;
  safetyIdentifier?: string | null;
}

/** Endpoint-specific fields with no equivalent on the other endpoint (e.g. Chat `seed`). */
export interface CanonicalExtra {
  format: 'chat' | 'responses';
  fields: JsonObject;
}

/** One model turn to run, whichever endpoint it came from. */
export interface CanonicalRequest {
  model: string;
  /** Responses `instructions`. Chat system messages stay items. */
  instructions: string | null;
  items: CanonicalItem[];
  tools: CanonicalTool[];
  /** `null`: not specified (the API default applies). */
  toolChoice: CanonicalToolChoice | null;
  parallelToolCalls: boolean | null;
  stream: boolean;
  /** Chat `stream_options.include_usage`. */
  includeUsage: boolean;
  maxOutputTokens: number | null;
  previousResponseId: string | null;
  store: boolean | null;
  metadata: Record<string, string> | null;
  options: CanonicalOptions;
  extra: CanonicalExtra | null;
}

export type CanonicalFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Token usage in one vocabulary; both wire usages convert through it. */
export interface CanonicalUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  cacheWriteTokens?: number;
}

/** One finished model turn. `output` holds message, function_call and reasoning items. */
export interface CanonicalResponse {
  id: string;
  model: string;
  /** Unix seconds. */
  createdAt: number;
  output: CanonicalItem[];
  finishReason: CanonicalFinishReason;
  usage: CanonicalUsage | null;
  serviceTier?: string | null;
  systemFingerprint?: string | null;
  /**
   * A Chat upstream's `choices[0].logprobs` (`{content, refusal}` token lists), asked for with the
   * Chat request's `logprobs`: passed on to a Chat client as it came.
   */
  logprobs?: JsonObject;
  /**
   * Fields of the upstream's Response object that the gateway passes on instead of rebuilding them from
   * defaults (`completed_at`, the sampling fields, `reasoning`, …; docs/open-responses.md#response-object).
   */
  responseFields?: JsonObject;
}
