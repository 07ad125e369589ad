import type { IncomingHttpHeaders } from 'node:http';

/** A request as the scripted upstream received it, kept for test assertions. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names in lower case, as Node delivers them. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when there was none or it was not valid JSON. */
  body: unknown;
}
