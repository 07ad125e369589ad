import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrefixCache } from './prefix-cache.js';
import type { ScriptedDirectives } from './scripted-directives.js';

/** One request/response pair as the endpoint handlers see it, after routing and body parsing. */
export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** The parsed JSON body. */
  body: unknown;
  /** Directives from the server option and the `x-scripted-directives` header; messages add theirs. */
  directives: ScriptedDirectives;
  prefixCache: PrefixCache;
  /** Aborts when the client closes the connection. */
  signal: AbortSignal;
  /** Sent as `x-request-id` on every answer. */
  requestId: string;
}
