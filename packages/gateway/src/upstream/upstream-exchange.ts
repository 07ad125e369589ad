import type { IncomingHttpHeaders } from 'node:http';
import type { RequestAbort } from '../http/request-abort.js';

/**
 * A streaming upstream body: undici's (`StreamingBody`) or one replayed from a cassette. Read once
 * as Buffers; `destroy` stops it early (and aborts the upstream request when there is one).
 */
export interface UpstreamBody extends AsyncIterable<Buffer> {
  destroy(error?: Error): void;
}

/** A whole upstream answer as text (non-streaming, or any non-2xx). */
export interface TextReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** `performance.now()` when the response headers arrived (absent for a replayed cassette). */
  headersAt?: number;
}

/** A whole text (non-streaming, or any non-2xx) or a 2xx body still to read (streaming). */
export type DispatchedReply =
  | TextReply
  | { status: number; headers: IncomingHttpHeaders; body: UpstreamBody; headersAt?: number };

/** One upstream request as the upstream client is about to send it. */
export interface TapeRequest {
  /** Path and query below the provider's base URL, e.g. `/chat/completions`. */
  path: string;
  /** The encoded upstream body (JSON text). */
  body: string;
  stream: boolean;
  signal: RequestAbort;
}

/**
 * The seam where every upstream exchange passes (docs/cassettes.md): a recording tape calls `live`
 * and writes what came back to a cassette; a replaying tape answers from cassettes and never calls
 * `live`. Without a tape the upstream client just calls `live`.
 */
export interface UpstreamTape {
  exchange(request: TapeRequest, live: () => Promise<DispatchedReply>): Promise<DispatchedReply>;
  /** Waits for cassettes still being written. */
  close(): Promise<void>;
}
