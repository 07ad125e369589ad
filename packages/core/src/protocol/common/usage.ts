/** Chat Completions usage object (docs/protocol/chat-completions.md#usage). */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: {
    cached_tokens?: number;
    audio_tokens?: number;
    cache_write_tokens?: number;
    [key: string]: unknown;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
    [key: string]: unknown;
  } | null;
}

/** Responses usage object (docs/protocol/responses.md#response-object). */
export interface ResponsesUsage {
  input_tokens: number;
  /** `cache_write_tokens` is required by the API on output; upstreams may still leave it out. */
  input_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}
