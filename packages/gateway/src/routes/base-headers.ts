import { ADJUSTED_HEADER, adjustedHeaderValue } from '../http/adjusted-header.js';
import type { RequestContext } from '../http/request-context.js';

/** Headers every answer of a model route carries: the request id and, when any, the adjustments. */
export function baseHeaders(
  context: RequestContext,
  adjustments: readonly string[] = [],
): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': context.requestId };
  const adjusted = adjustedHeaderValue(adjustments);
  if (adjusted !== null) {
    headers[ADJUSTED_HEADER] = adjusted;
    // The turn's own list when the pipeline set it: later notes (a stream's comment) land there too.
    if (context.log.adjusted !== adjustments) context.log.adjusted = [...adjustments];
  }
  return headers;
}
