/** One function call as the scorecard sees it, whichever API or transport carried it. */
export interface NormalizedCall {
  /** Position among the answer's calls (Chat's `index`, Responses' order of items). */
  index: number;
  /** The id results pair with: Chat's `id`, Responses' `call_id`. */
  id: string | null;
  /** Responses' output item id (`fc_…`); null on Chat. */
  itemId: string | null;
  name: string | null;
  /** The argument text: as sent, or its stream fragments joined. */
  arguments: string;
}

/**
 * What one step of a case got back, as the document its checks' pointers address
 * (docs/conformance.md#step-results). Streams are read to the end and also accumulated, so the same
 * checks (`/calls`, `/body`) work with and without `stream: true`.
 */
export interface StepResult {
  /** HTTP status; 0 when no answer arrived (see `transportError`). */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The JSON body; for a stream, the answer it accumulates to (Chat) or its final Response (Responses). */
  body: unknown;
  /** The body text when it was not JSON (cut to a few KB), else null. */
  text: string | null;
  stream: boolean;
  /** A stream's `data:` payloads in order, parsed when they are JSON; `[DONE]` is not one of them. */
  events: unknown[];
  /** Each SSE message as sent: its `event:` name (null when it had none) and its payload. */
  frames: Array<{ event: string | null; data: unknown }>;
  /** The stream ended with `data: [DONE]`. */
  done: boolean;
  calls: NormalizedCall[];
  /** The assistant's text, joined; null when there was none. */
  outputText: string | null;
  /** Why no (complete) answer arrived: refused connection, timeout, a broken stream. */
  transportError: string | null;
}
