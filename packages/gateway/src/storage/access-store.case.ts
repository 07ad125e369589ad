/**
 * The AccessStore conformance suite (virtual keys, rate windows, spend;
 * docs/configuration.md#projects-keys-and-limits): every backend runs exactly these tests.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import type { AccessStore, VirtualKeyRecord } from './access-store.js';
import { expectStoreError } from './response-store-fixtures.case.js';

/** A key record with a hash derived from `id`. */
export function makeKey(id: string, overrides: Partial<VirtualKeyRecord> = {}): VirtualKeyRecord {
  return {
    id,
    keyHash: createHash('sha256').update(`secret-${id}`).digest('hex'),
    projectId: 'team-a',
    name: null,
    hint: 'sk-tb-…abcd',
    models: null,
    rpm: null,
    tpm: null,
    budget: null,
    expiresAt: null,
    createdAt: 1_760_000_000,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * Runs the suite; `createStores(n)` must return `n` stores on one fresh, empty database (several
 * gateway processes or instances sharing it); the suite closes them.
 */
export function describeAccessStoreConformance(
  name: string,
  createStores: (count: number) => Promise<AccessStore[]>,
): void {
  describe(`AccessStore conformance: ${name}`, () => {
    const opened: AccessStore[] = [];
    const open = async (count = 1): Promise<AccessStore[]> => {
      const stores = await createStores(count);
      opened.push(...stores);
      return stores;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    test('keys round-trip by hash and id, list oldest first, filter by project', async () => {
      const [store] = (await open()) as [AccessStore];
      const full = makeKey('key_full', {
        name: 'ci',
        models: ['gpt-5.4-mini', 'gpt-5.4'],
        rpm: 60,
        tpm: 100_000,
        budget: { nanoUsd: 50_000_000_000, period: 'month' },
        expiresAt: 1_900_000_000,
        createdAt: 1_760_000_001,
      });
      const bare = makeKey('key_bare', { projectId: 'team-b' });
      await store.createKey(full);
      await store.createKey(bare);
      expect(await store.findKeyByHash(full.keyHash)).toEqual(full);
      expect(await store.getKey('key_bare')).toEqual(bare);
      expect(await store.findKeyByHash('0'.repeat(64))).toBeNull();
      expect(await store.getKey('key_none')).toBeNull();
      expect((await store.listKeys()).map((key) => key.id)).toEqual(['key_bare', 'key_full']);
      expect(await store.listKeys({ projectId: 'team-a' })).toEqual([full]);
      await expectStoreError(store.createKey(makeKey('key_full')), 'conflict');
      await expectStoreError(store.createKey({ ...makeKey('key_other'), keyHash: full.keyHash }), 'conflict');
      await expectStoreError(store.createKey(makeKey('key_bad', { rpm: 0 })), 'invalid_argument');
      await expectStoreError(
        store.createKey(makeKey('key_bad', { keyHash: 'plain-text' })),
        'invalid_argument',
      );
    });

    test('revoking is seen by every store on the database; twice is a no-op', async () => {
      const [first, second] = (await open(2)) as [AccessStore, AccessStore];
      const key = makeKey('key_revoke');
      await first.createKey(key);
      expect((await second.getKey('key_revoke'))?.revokedAt).toBeNull();
      expect(await second.revokeKey('key_revoke', 1_760_000_100)).toBe(true);
      expect(await second.revokeKey('key_revoke', 1_760_000_200)).toBe(false);
      expect(await second.revokeKey('key_none', 1_760_000_200)).toBe(false);
      expect((await first.getKey('key_revoke'))?.revokedAt).toBe(1_760_000_100);
    });

    test('takeRequest admits up to rpm per window, then refuses without counting', async () => {
      const [store] = (await open()) as [AccessStore];
      const take = () => store.takeRequest({ keyId: 'key_rpm', windowStart: 60, rpm: 2, tpm: null });
      expect(await take()).toEqual({ admitted: true, requests: 1, tokens: 0 });
      expect(await take()).toEqual({ admitted: true, requests: 2, tokens: 0 });
      expect(await take()).toEqual({ admitted: false, requests: 2, tokens: 0 });
      expect(await take()).toEqual({ admitted: false, requests: 2, tokens: 0 });
      const next = await store.takeRequest({ keyId: 'key_rpm', windowStart: 120, rpm: 2, tpm: null });
      expect(next).toEqual({ admitted: true, requests: 1, tokens: 0 });
      const unlimited = await store.takeRequest({ keyId: 'key_free', windowStart: 60, rpm: null, tpm: null });
      expect(unlimited.admitted).toBe(true);
    });

    test('tokens fill the window; a window at its tpm refuses the next request', async () => {
      const [store] = (await open()) as [AccessStore];
      const take = () => store.takeRequest({ keyId: 'key_tpm', windowStart: 60, rpm: null, tpm: 100 });
      expect((await take()).admitted).toBe(true);
      await store.addTokens({ keyId: 'key_tpm', windowStart: 60, tokens: 60 });
      expect(await take()).toEqual({ admitted: true, requests: 2, tokens: 60 });
      await store.addTokens({ keyId: 'key_tpm', windowStart: 60, tokens: 40 });
      expect(await take()).toEqual({ admitted: false, requests: 2, tokens: 100 });
      await store.addTokens({ keyId: 'key_tpm', windowStart: 120, tokens: 5 });
      const fresh = await store.takeRequest({ keyId: 'key_tpm', windowStart: 120, rpm: null, tpm: 100 });
      expect(fresh).toEqual({ admitted: true, requests: 1, tokens: 5 });
      expect(await store.deleteRateWindowsBefore(120)).toBe(1);
      const reset = await store.takeRequest({ keyId: 'key_tpm', windowStart: 60, rpm: null, tpm: 100 });
      expect(reset).toEqual({ admitted: true, requests: 1, tokens: 0 });
    });

    test('with a budget, takeRequest reads the spend and takes nothing once it is spent', async () => {
      const [first, second] = (await open(2)) as [AccessStore, AccessStore];
      const budget = { periodStart: 86_400, nanoUsd: 1_000 };
      const take = (store: AccessStore) =>
        store.takeRequest({ keyId: 'key_budget', windowStart: 60, rpm: 10, tpm: null, budget });
      expect(await take(first)).toEqual({ admitted: true, requests: 1, tokens: 0, spent: 0 });
      // Spend of another period, and of another key, does not count against this one.
      await second.addSpend({ keyId: 'key_budget', periodStart: 0, nanoUsd: 5_000 });
      await second.addSpend({ keyId: 'key_other', periodStart: 86_400, nanoUsd: 5_000 });
      await second.addUsage({
        keyId: 'key_budget',
        tokens: null,
        spend: { periodStart: 86_400, nanoUsd: 999 },
      });
      expect(await take(first)).toEqual({ admitted: true, requests: 2, tokens: 0, spent: 999 });
      await second.addSpend({ keyId: 'key_budget', periodStart: 86_400, nanoUsd: 1 });
      expect(await take(first)).toEqual({
        admitted: false,
        requests: 0,
        tokens: 0,
        spent: 1_000,
        overBudget: true,
      });
      // Refused by the budget, the request was not counted in its minute.
      const window = await second.takeRequest({ keyId: 'key_budget', windowStart: 60, rpm: 10, tpm: null });
      expect(window).toEqual({ admitted: true, requests: 3, tokens: 0 });
      // Under the budget but at the rpm: the rpm refusal, with the spend beside it.
      const takeOne = () =>
        first.takeRequest({ keyId: 'key_full', windowStart: 60, rpm: 1, tpm: null, budget });
      expect(await takeOne()).toEqual({ admitted: true, requests: 1, tokens: 0, spent: 0 });
      expect(await takeOne()).toEqual({ admitted: false, requests: 1, tokens: 0, spent: 0 });
    });

    test('the limit is exact under concurrency from several stores on one database', async () => {
      const stores = await open(3);
      const attempts = Array.from({ length: 60 }, (_, index) =>
        stores[index % stores.length]!.takeRequest({
          keyId: 'key_race',
          windowStart: 60,
          rpm: 25,
          tpm: null,
        }),
      );
      const results = await Promise.all(attempts);
      expect(results.filter((result) => result.admitted)).toHaveLength(25);
      expect(Math.max(...results.map((result) => result.requests))).toBe(25);
    });

    test('spend adds up per key and period, exactly, from several stores', async () => {
      const [first, second] = (await open(2)) as [AccessStore, AccessStore];
      expect(await first.getSpend({ keyId: 'key_spend', periodStart: 0 })).toBe(0);
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? first : second).addSpend({
            keyId: 'key_spend',
            periodStart: 0,
            nanoUsd: 1_234_567,
          }),
        ),
      );
      await first.addSpend({ keyId: 'key_spend', periodStart: 86_400, nanoUsd: 7 });
      expect(await second.getSpend({ keyId: 'key_spend', periodStart: 0 })).toBe(24_691_340);
      expect(await second.getSpend({ keyId: 'key_spend', periodStart: 86_400 })).toBe(7);
      expect(await second.getSpend({ keyId: 'key_other', periodStart: 0 })).toBe(0);
    });

    test('addUsage books tokens and spend as addTokens and addSpend do, together or alone, exactly', async () => {
      const [first, second] = (await open(2)) as [AccessStore, AccessStore];
      const window = () => first.takeRequest({ keyId: 'key_usage', windowStart: 60, rpm: null, tpm: null });
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? first : second).addUsage({
            keyId: 'key_usage',
            tokens: { windowStart: 60, tokens: 3 },
            spend: { periodStart: 0, nanoUsd: 1_000_001 },
          }),
        ),
      );
      expect(await window()).toEqual({ admitted: true, requests: 1, tokens: 60 });
      expect(await second.getSpend({ keyId: 'key_usage', periodStart: 0 })).toBe(20_000_020);
      await first.addUsage({ keyId: 'key_usage', tokens: { windowStart: 60, tokens: 5 }, spend: null });
      await first.addUsage({ keyId: 'key_usage', tokens: null, spend: { periodStart: 0, nanoUsd: 9 } });
      await first.addUsage({ keyId: 'key_usage', tokens: null, spend: null });
      expect(await window()).toEqual({ admitted: true, requests: 2, tokens: 65 });
      expect(await second.getSpend({ keyId: 'key_usage', periodStart: 0 })).toBe(20_000_029);
    });

    test('close releases the store; later calls fail with closed', async () => {
      const [store] = (await open()) as [AccessStore];
      await store.close();
      await store.close();
      await expectStoreError(store.getKey('key_x'), 'closed');
      await expectStoreError(store.takeRequest({ keyId: 'k', windowStart: 0, rpm: 1, tpm: 1 }), 'closed');
      await expectStoreError(
        store.addUsage({
          keyId: 'k',
          tokens: { windowStart: 0, tokens: 1 },
          spend: { periodStart: 0, nanoUsd: 1 },
        }),
        'closed',
      );
    });
  });
}
