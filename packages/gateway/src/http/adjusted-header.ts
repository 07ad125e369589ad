/** Header that says what the gateway adjusted, dropped or emulated for this request. */
export const ADJUSTED_HEADER = 'x-toolbridge-adjusted';

/** Renders adjustment notes as one ASCII header value (deduplicated, `; `-separated). */
export function adjustedHeaderValue(adjustments: readonly string[]): string | null {
  if (adjustments.length === 0) return null;
  const unique = [...new Set(adjustments)];
  // Header values must be ASCII: tool names are, the rest of each note is ours.
  return unique.join('; ').replace(/[^\x20-\x7e]/g, '?');
}
