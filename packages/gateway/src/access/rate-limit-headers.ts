import type { RateWindow } from '../storage/access-store.js';
import type { KeyPolicy } from './client-identity.js';

/**
 * A wait as OpenAI writes it in `x-ratelimit-reset-*` (a Go duration: `250ms`, `12.5s`, `1m0s`),
 * which the SDKs and clients parse.
 */
export function formatResetDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms));
  if (whole < 1_000) return `${whole}ms`;
  if (whole >= 60_000) return `${Math.floor(whole / 60_000)}m${((whole % 60_000) / 1000).toString()}s`;
  return `${(whole / 1000).toString()}s`;
}

/**
 * OpenAI's rate-limit headers for a key with limits (docs/configuration.md#projects-keys-and-limits):
 * the `-requests` trio with an RPM limit, the `-tokens` trio with a TPM limit. Windows are fixed
 * minutes, so both reset when the current minute ends.
 */
export function rateLimitHeaders(
  policy: KeyPolicy,
  window: RateWindow,
  resetMs: number,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const reset = formatResetDuration(resetMs);
  if (policy.rpm !== null) {
    headers['x-ratelimit-limit-requests'] = String(policy.rpm);
    headers['x-ratelimit-remaining-requests'] = String(Math.max(0, policy.rpm - window.requests));
    headers['x-ratelimit-reset-requests'] = reset;
  }
  if (policy.tpm !== null) {
    headers['x-ratelimit-limit-tokens'] = String(policy.tpm);
    headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, policy.tpm - window.tokens));
    headers['x-ratelimit-reset-tokens'] = reset;
  }
  return headers;
}
