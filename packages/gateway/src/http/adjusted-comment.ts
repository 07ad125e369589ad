import { ADJUSTED_HEADER, adjustedHeaderValue } from './adjusted-header.js';

/**
 * Adjustments made after a stream's headers went out (a repaired or dropped call), as one SSE comment
 * line: SDKs ignore comments (spec §8.1 T3), people and proxies can read it. Empty when nothing was added.
 */
export function adjustedComment(adjustments: readonly string[], alreadySent: number): string {
  const value = adjustedHeaderValue(adjustments.slice(alreadySent));
  return value === null ? '' : `: ${ADJUSTED_HEADER}: ${value}\n\n`;
}
