import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import type { AccessStore, TakeRequestOptions } from '../storage/access-store.js';
import { SqliteAccessStore } from '../storage/sqlite-access-store.js';
import { admitModelCall } from './admit-model-call.js';
import { budgetPeriodStart } from './budget-period.js';
import type { ClientIdentity } from './client-identity.js';

// Admission of a virtual key (docs/configuration.md#projects-keys-and-limits) against a real SQLite
// store: the budget is checked in the take's own transaction, and still with a store that predates it.

const stores: SqliteAccessStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const client: ClientIdentity = {
  kind: 'virtual',
  projectId: 'team',
  keyId: 'key_admit',
  policy: { models: null, rpm: 100, tpm: null, budget: { nanoUsd: 1_000, period: 'total' } },
};

function depsWith(accessStore: AccessStore): GatewayDeps {
  return { accessStore } as GatewayDeps;
}

/** A store written before `takeRequest` took a budget: it never sees one, and reports no spend. */
function withoutBudgetSupport(store: AccessStore): AccessStore {
  const takeRequest = ({ budget: _ignored, ...options }: TakeRequestOptions) => store.takeRequest(options);
  return new Proxy(store, {
    get: (target, property) => {
      if (property === 'takeRequest') return takeRequest;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openStore(): SqliteAccessStore {
  const store = SqliteAccessStore.open(':memory:');
  stores.push(store);
  return store;
}

/**
 * Admits one request through `admitted`, then spends the key's whole budget in `store`, then admits
 * again: the second admission's refusal.
 */
async function refusalOnceSpent(store: AccessStore, admitted: AccessStore): Promise<GatewayError> {
  await admitModelCall({ client }, depsWith(admitted), 'gpt-5.4');
  const periodStart = budgetPeriodStart('total', Date.now());
  await store.addSpend({ keyId: 'key_admit', periodStart, nanoUsd: 1_000 });
  const error = await admitModelCall({ client }, depsWith(admitted), 'gpt-5.4').then(
    () => null,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('admitModelCall', () => {
  const windowNow = () => Math.floor(Date.now() / 60_000) * 60;

  it('refuses a spent budget with insufficient_quota, and the refused request is not counted', async () => {
    const store = openStore();
    const error = await refusalOnceSpent(store, store);
    expect(error).toMatchObject({ code: 'insufficient_quota', status: 429 });
    const window = await store.takeRequest({
      keyId: 'key_admit',
      windowStart: windowNow(),
      rpm: 100,
      tpm: null,
    });
    expect(window.requests).toBe(2);
  });

  it('still enforces the budget with a store that ignores takeRequest’s budget', async () => {
    const real = openStore();
    const error = await refusalOnceSpent(real, withoutBudgetSupport(real));
    expect(error).toMatchObject({ code: 'insufficient_quota', status: 429 });
  });
});
