import { ADJUSTED_HEADER, adjustedHeaderValue } from './adjusted-header.js';

/**
 * Adjustments made after a stream's headers went out (a repaired or dropped call), as one SSE comment line:
 * SDKs ignore comments (docs/protocol/sdk-requirements.md#transport, T3), people and proxies can read it.
 * Empty when nothing was added.
 */
export function adjustedComment(adjustments: readonly string[], alreadySent: number): string {
  const value = adjustedHeaderValue(adjustments.slice(alreadySent));
  return value === null ? '' : `: ${ADJUSTED_HEADER}: ${value}\n\n`;
}
