import { type CanonicalUsage, computeCost } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { budgetPeriodStart } from './budget-period.js';

const WINDOW_MS = 60_000;

/**
 * Books a finished turn of a virtual key (docs/configuration.md#projects-keys-and-limits): its
 * tokens into the current minute (for TPM) and its cost — usage × `config.prices`, cached input at
 * its own price — into the key's budget period (spend is kept for every virtual key, so the admin
 * API shows it). Awaited before the client gets the answer's end, so the next request sees it. A
 * store failure is logged, never turned into a failed answer: the work was done.
 */
export async function settleUsage(
  context: Pick<RequestContext, 'client' | 'log' | 'requestId'>,
  deps: GatewayDeps,
  usage: CanonicalUsage | null,
): Promise<void> {
  const { client } = context;
  const store = deps.accessStore;
  if (usage === null || client.kind !== 'virtual' || client.keyId === null || store === null) return;
  const policy = client.policy;
  const now = Date.now();
  try {
    const tokens =
      policy?.tpm == null
        ? null
        : {
            windowStart: Math.floor(now / WINDOW_MS) * (WINDOW_MS / 1000),
            tokens: usage.inputTokens + usage.outputTokens,
          };
    const cost = computeCost(usage, context.log.model ?? '', deps.config.prices);
    const nanoUsd = Math.round((cost?.total ?? 0) * 1e9);
    const spend =
      nanoUsd > 0
        ? { periodStart: budgetPeriodStart(policy?.budget?.period ?? 'total', now), nanoUsd }
        : null;
    // One write for both (a team's gateway books every answer).
    if (tokens !== null || spend !== null) await store.addUsage({ keyId: client.keyId, tokens, spend });
  } catch (error) {
    deps.logger.error({ requestId: context.requestId, keyId: client.keyId, err: error }, 'usage not booked');
  }
}
