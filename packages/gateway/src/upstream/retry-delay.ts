import { gatewayDefaults } from '../defaults.js';

/**
 * How long to wait before retry number `attempt + 1`: the upstream's `retry-after(-ms)` when present and
 * short enough, else exponential backoff with jitter. `null` means do not retry (asked to wait too long).
 */
export function retryDelayMs({
  attempt,
  headers,
  baseDelayMs = gatewayDefaults.upstream.retryBaseDelayMs,
  maxRetryAfterMs = gatewayDefaults.upstream.maxRetryAfterMs,
}: {
  attempt: number;
  headers: Record<string, string | string[] | undefined>;
  baseDelayMs?: number;
  maxRetryAfterMs?: number;
}): number | null {
  const asked = requestedDelayMs(headers);
  if (asked !== null) return asked <= maxRetryAfterMs ? asked : null;
  const backoff = baseDelayMs * 2 ** attempt;
  return Math.round(backoff * (0.75 + Math.random() * 0.5));
}

function requestedDelayMs(headers: Record<string, string | string[] | undefined>): number | null {
  const milliseconds = headers['retry-after-ms'];
  if (typeof milliseconds === 'string' && Number.isFinite(Number(milliseconds)))
    return Math.max(0, Number(milliseconds));
  const seconds = headers['retry-after'];
  if (typeof seconds !== 'string') return null;
  if (/^\d+(\.\d+)?$/.test(seconds.trim())) return Math.max(0, Number(seconds) * 1000);
  const date = Date.parse(seconds);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
