import { GatewayError } from '../errors/gateway-error.js';
import type { RequestContext } from '../http/request-context.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import type { KeyBudget, RateWindow } from '../storage/access-store.js';
import { budgetPeriodStart, nextBudgetPeriod } from './budget-period.js';
import type { ClientIdentity, KeyPolicy } from './client-identity.js';
import { formatResetDuration, rateLimitHeaders } from './rate-limit-headers.js';

const WINDOW_MS = 60_000;

/** The 403 OpenAI sends when a project may not use a model; its text first, then which it may use. */
function modelDenied(client: ClientIdentity, model: string, allowed: readonly string[]): GatewayError {
  return new GatewayError({
    code: 'model_access_denied',
    message: `Project \`${client.projectId}\` does not have access to model \`${model}\` (this key may use: ${allowed.join(', ') || 'no model'}).`,
    param: 'model',
    openaiCode: 'model_not_found',
  });
}

function usd(nano: number): string {
  return `$${(nano / 1e9).toFixed(4).replace(/\.?0+$/, '')}`;
}

/** OpenAI's spent-quota 429 (type and code `insufficient_quota`), with the key's budget after it. */
function quotaSpent(budget: KeyBudget, spent: number, periodStart: number): GatewayError {
  const next = nextBudgetPeriod(budget.period, periodStart);
  const when =
    next === null ? 'it does not renew' : `it starts over at ${new Date(next * 1000).toISOString()}`;
  return new GatewayError({
    code: 'insufficient_quota',
    message: `You exceeded your current quota, please check your plan and billing details. This key's budget of ${usd(budget.nanoUsd)} (${budget.period}) is spent (${usd(spent)} used); ${when}.`,
    openaiCode: 'insufficient_quota',
    headers: { 'x-should-retry': 'false' },
  });
}

/** OpenAI's rate-limit 429 (`type` `requests` or `tokens`, code `rate_limit_exceeded`). */
function rateLimited(options: {
  client: ClientIdentity;
  policy: KeyPolicy;
  window: RateWindow;
  model: string;
  resetMs: number;
}): GatewayError {
  const { client, policy, window, model, resetMs } = options;
  const byRequests = policy.rpm !== null && window.requests >= policy.rpm;
  const what = byRequests
    ? `requests per min (RPM): Limit ${policy.rpm}, Used ${window.requests}, Requested 1`
    : `tokens per min (TPM): Limit ${policy.tpm}, Used ${window.tokens}`;
  return new GatewayError({
    code: 'rate_limit_exceeded',
    message: `Rate limit reached for ${model} in project ${client.projectId} on ${what}. Please try again in ${formatResetDuration(resetMs)}.`,
    type: byRequests ? 'requests' : 'tokens',
    openaiCode: 'rate_limit_exceeded',
    headers: { 'retry-after': String(Math.max(1, Math.ceil(resetMs / 1000))) },
  });
}

/**
 * Lets a model call of a virtual key through, or refuses it (docs/configuration.md#projects-keys-and-limits):
 * a model outside the key's list → 403; a spent budget → 429 `insufficient_quota`; a full minute →
 * 429 `rate_limit_exceeded`. Otherwise the request is counted in its minute, atomically in the shared
 * store, and the answer carries OpenAI's `x-ratelimit-*` headers. Called by both model routes after
 * validation, so a request the gateway refuses as malformed costs nothing.
 */
export async function admitModelCall(
  /** `response` is absent for a WebSocket turn: the limits hold, there are no headers to carry them. */
  context: Pick<RequestContext, 'client'> & { response?: RequestContext['response'] },
  deps: GatewayDeps,
  model: string,
): Promise<void> {
  const { client } = context;
  const { policy } = client;
  if (policy === null || client.keyId === null || deps.accessStore === null) return;
  if (policy.models !== null && !policy.models.includes(model))
    throw modelDenied(client, model, policy.models);
  const now = Date.now();
  const { budget } = policy;
  const periodStart = budget === null ? 0 : budgetPeriodStart(budget.period, now);
  if (policy.rpm === null && policy.tpm === null) {
    if (budget === null) return;
    const spent = await deps.accessStore.getSpend({ keyId: client.keyId, periodStart });
    if (spent >= budget.nanoUsd) throw quotaSpent(budget, spent, periodStart);
    return;
  }
  const windowStartMs = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  // With a budget, the store reads the spend in the take's own transaction (one round trip).
  const window = await deps.accessStore.takeRequest({
    keyId: client.keyId,
    windowStart: windowStartMs / 1000,
    rpm: policy.rpm,
    tpm: policy.tpm,
    budget: budget === null ? null : { periodStart, nanoUsd: budget.nanoUsd },
  });
  if (budget !== null) {
    // A store that predates `budget` ignores it and reports no spend: read it the old way (the request
    // is then already counted in its minute, where a store that knows `budget` counts nothing).
    const spent = window.spent ?? (await deps.accessStore.getSpend({ keyId: client.keyId, periodStart }));
    if (spent >= budget.nanoUsd) throw quotaSpent(budget, spent, periodStart);
  }
  const resetMs = windowStartMs + WINDOW_MS - now;
  const { response } = context;
  if (response !== undefined)
    for (const [name, value] of Object.entries(rateLimitHeaders(policy, window, resetMs)))
      response.setHeader(name, value);
  if (!window.admitted) throw rateLimited({ client, policy, window, model, resetMs });
}
