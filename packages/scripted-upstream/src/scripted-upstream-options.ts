import type { FixedTranscriptName } from './fixed-transcripts.js';
import type { NonConformingMode } from './non-conforming-mode.js';
import type { RecordedRequest } from './recorded-request.js';

/** Fixed-answer mode for the benchmark: every request gets the same pre-serialised bytes. */
export interface FixedModeOptions {
  /** Transcript for `POST /v1/chat/completions`; default `chat-json`. */
  chat?: 'chat-json' | 'chat-sse' | 'chat-sse-parallel' | 'chat-text';
  /** Transcript for `POST /v1/responses`; default `responses-sse`. */
  responses?: 'responses-json' | 'responses-sse';
  /** Pause between SSE chunks; 0 (default) sends the whole transcript with one `end()`. */
  chunkDelayMs?: number;
}

/** Options of `startScriptedUpstream`; every default is in `SCRIPTED_UPSTREAM_DEFAULTS`. */
export interface ScriptedUpstreamOptions {
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 = a free port chosen by the OS. */
  port?: number;
  /**
   * When set, requests must carry `Authorization: Bearer <apiKey>`, else a 401 envelope (Gemini
   * routes: `x-goog-api-key: <apiKey>`, else Gemini's 400 API_KEY_INVALID).
   */
  apiKey?: string;
  /** Directive tokens applied to every request, e.g. `"#delay=5 #fragments=3"`. */
  directives?: string;
  /** Model ids listed by `GET /v1/models`. */
  models?: readonly string[];
  /** Keep every request in `requests` (default true; the benchmark should turn it off). */
  record?: boolean;
  /** Largest accepted request body in bytes; default 16 MiB. */
  maxBodyBytes?: number;
  /** Serve fixed transcripts on the `/v1` routes instead of scripted answers. */
  fixed?: FixedModeOptions;
  /**
   * Break the protocol on every request in these ways (docs/scripted-upstream.md#non-conforming-modes),
   * to prove that a conformance check can fail. Default: none.
   */
  nonConforming?: readonly NonConformingMode[];
}

/** A running scripted upstream. */
export interface ScriptedUpstream {
  /** Base URL for an OpenAI client, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Base URL of the Gemini routes, e.g. `http://127.0.0.1:41234/v1beta` (the key goes in `x-goog-api-key`). */
  geminiUrl: string;
  /** The bound port. */
  port: number;
  /** Requests received so far, oldest first (empty when `record` is false). */
  requests: RecordedRequest[];
  /**
   * Base URL whose routes always answer with transcript `name`, whatever the `fixed` option says:
   * `http://127.0.0.1:PORT/fixed/<name>/v1` (Gemini transcripts: `…/fixed/<name>/v1beta`).
   */
  fixedUrl(name: FixedTranscriptName): string;
  /** Stops listening and destroys every open socket, including stalled streams. Idempotent. */
  close(): Promise<void>;
}
