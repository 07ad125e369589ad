/** How numbers look in the viewer. */

export function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString();
}

/** USD with enough digits for a cheap call; `unknown` when the model has no price (never $0). */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** `in / out` with the cached share of the input. */
export function formatTokens(input: number | null, output: number | null, cached: number | null): string {
  if (input === null) return '–';
  const share =
    input > 0 && cached !== null && cached > 0 ? ` (${Math.round((cached / input) * 100)}% cached)` : '';
  return `${input} in${share} / ${output ?? 0} out`;
}

/** Pretty-prints JSON text; shows it as it is when it does not parse (a broken call is worth seeing). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Pretty-prints any value: strings as they are (or as JSON when they hold JSON). */
export function prettyValue(value: unknown): string {
  if (typeof value === 'string') return prettyJson(value);
  return JSON.stringify(value, null, 2) ?? '';
}
