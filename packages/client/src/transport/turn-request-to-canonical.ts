import type { CanonicalRequest } from '@toolbridge/core';
import type { TurnRequest } from './transport.js';

/**
 * A turn request → the canonical request core's codecs encode. Usage is always requested on streams,
 * because the run reports usage and cost.
 */
export function turnRequestToCanonical(request: TurnRequest): CanonicalRequest {
  return {
    model: request.model,
    instructions: request.instructions,
    items: [...request.items],
    tools: [...request.tools],
    toolChoice: request.toolChoice,
    parallelToolCalls: request.parallelToolCalls,
    stream: request.stream,
    includeUsage: true,
    maxOutputTokens: null,
    previousResponseId: request.previousResponseId,
    store: request.store,
    metadata: null,
    options: {},
    extra: null,
  };
}
