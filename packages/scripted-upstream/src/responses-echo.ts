import type { ResponseObject } from '@toolbridge/core';

/**
 * The request fields a Response object echoes back (docs/protocol/responses.md#response-object): read once
 * from the request, copied into every Response the double emits for it.
 */
export interface ResponsesEcho {
  instructions: string | null;
  tools: ResponseObject['tools'];
  toolChoice: ResponseObject['tool_choice'];
  parallelToolCalls: boolean;
  maxOutputTokens: number | null;
  metadata: Record<string, string>;
  temperature: number;
  topP: number;
  presencePenalty: number;
  frequencyPenalty: number;
  text: ResponseObject['text'];
  user: string | null;
  promptCacheKey: string | null;
  safetyIdentifier: string | null;
}
