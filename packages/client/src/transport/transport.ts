import type {
  CanonicalItem,
  CanonicalResponse,
  CanonicalTool,
  CanonicalToolChoice,
  JsonObject,
} from '@toolbridge/core';

/** One model request in endpoint-neutral form. */
export interface TurnRequest {
  model: string;
  instructions: string | null;
  /** The items to send: the whole conversation, or (with `previousResponseId`) only what is new. */
  items: readonly CanonicalItem[];
  /** Continue a stored response; only for a transport that `keepsState`. */
  previousResponseId: string | null;
  tools: readonly CanonicalTool[];
  toolChoice: CanonicalToolChoice | null;
  parallelToolCalls: boolean | null;
  store: boolean | null;
  stream: boolean;
}

/** Streaming callbacks of one turn; text and argument fragments are passed on as they arrive. */
export interface TurnCallbacks {
  onTextDelta?: (delta: string) => void;
  onToolArgumentsDelta?: (event: { callId: string; toolName: string; delta: string }) => void;
}

/** Options of {@link Transport.createTurn}. */
export interface CreateTurnOptions extends TurnCallbacks {
  signal?: AbortSignal;
}

/** A finished model turn. */
export interface TurnResult {
  /** The wire body that was sent. */
  wireRequest: JsonObject;
  /** The wire response; for streams, the object the accumulator built. */
  wireResponse: JsonObject;
  response: CanonicalResponse;
  /** True when a stream ended without its terminal event (finish chunk, `response.completed`). */
  truncated: boolean;
}

/**
 * One endpoint behind one interface (one conformance suite for all: `transport.case.ts`).
 * Failures reject with `ToolbridgeClientError`: `aborted`, `previous_response_unavailable`,
 * `transport_error` or `invalid_response`.
 */
export interface Transport {
  readonly api: 'chat' | 'responses';
  /** Whether the endpoint can continue a stored response with `previous_response_id`. */
  readonly keepsState: boolean;
  createTurn(request: TurnRequest, options?: CreateTurnOptions): Promise<TurnResult>;
}
