/**
 * The ResponseStore conformance suite: every backend runs exactly these tests.
 * Covers docs/protocol/responses.md and conformance cases 48–58 and 67–70 at the storage level.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { storageDefaults } from './defaults.js';
import type { ResponseStore, ResponsesInputItem } from './response-store.js';
import { findItemsCases } from './response-store-find-items.case.js';
import {
  expectStoreError,
  makeInputItems,
  makeRecord,
  PROJECT,
  saveChain,
} from './response-store-fixtures.case.js';

/** Runs the suite; `createStore` must return a fresh, empty store each time (the suite closes it). */
export function describeResponseStoreConformance(
  name: string,
  createStore: () => Promise<ResponseStore>,
): void {
  describe(`ResponseStore conformance: ${name}`, () => {
    const opened: ResponseStore[] = [];
    const open = async (): Promise<ResponseStore> => {
      const store = await createStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    test('get returns the saved record with byte-identical JSON, independent of the caller’s copy', async () => {
      const store = await open();
      const record = makeRecord('resp_roundtrip', { previousResponseId: 'resp_parent' });
      record.response['numbers'] = [0.1, -0, 1e-7, 2 ** 53 - 1, -42, 1.5e300];
      record.response['nested'] = { empty: {}, list: [], nothing: null, flag: false };
      const expected = JSON.stringify(record);
      await store.save(PROJECT, record);
      record.response.model = 'mutated after save';
      const loaded = await store.get(PROJECT, 'resp_roundtrip');
      expect(JSON.stringify(loaded)).toBe(expected);
      expect(JSON.stringify(loaded?.response)).toBe(JSON.stringify(JSON.parse(expected).response));
      expect(await store.get(PROJECT, 'resp_unknown')).toBeNull();
    });

    test('saving an id twice fails with conflict and keeps the first record', async () => {
      const store = await open();
      await store.save(PROJECT, makeRecord('resp_dup', { createdAt: 1 }));
      const error = await expectStoreError(
        store.save(PROJECT, makeRecord('resp_dup', { createdAt: 2 })),
        'conflict',
      );
      expect(error.responseId).toBe('resp_dup');
      expect((await store.get(PROJECT, 'resp_dup'))?.createdAt).toBe(1);
    });

    test('rejects records it could not serve back (items without ids, mismatched ids)', async () => {
      const store = await open();
      const noItemId = makeRecord('resp_bad', { inputItems: [{ role: 'user', content: 'hi' }] });
      expect((await expectStoreError(store.save(PROJECT, noItemId), 'invalid_argument')).param).toBe(
        'inputItems[0].id',
      );
      const mismatched = { ...makeRecord('resp_bad'), id: 'resp_other' };
      expect((await expectStoreError(store.save(PROJECT, mismatched), 'invalid_argument')).param).toBe(
        'response.id',
      );
      expect(await store.get(PROJECT, 'resp_bad')).toBeNull();
    });

    test('delete removes the response from get, loadChain and listInputItems', async () => {
      const store = await open();
      await store.save(PROJECT, makeRecord('resp_keep'));
      await store.save(PROJECT, makeRecord('resp_gone'));
      expect(await store.delete(PROJECT, 'resp_gone')).toBe(true);
      expect(await store.get(PROJECT, 'resp_gone')).toBeNull();
      expect(await store.loadChain(PROJECT, 'resp_gone')).toBeNull();
      expect(await store.listInputItems(PROJECT, 'resp_gone')).toBeNull();
      expect(await store.delete(PROJECT, 'resp_gone')).toBe(false);
      expect(await store.delete(PROJECT, 'resp_never')).toBe(false);
      expect(await store.get(PROJECT, 'resp_keep')).not.toBeNull();
    });

    test('loadChain returns full records oldest first, following forks correctly', async () => {
      const store = await open();
      const [a, b, c] = await saveChain(store, 'chain', 3);
      await store.save(PROJECT, makeRecord('resp_fork', { previousResponseId: a! }));
      const chain = await store.loadChain(PROJECT, c!);
      expect(chain?.map((record) => record.id)).toEqual([a, b, c]);
      expect(chain?.[1]).toEqual(makeRecord(b!, { previousResponseId: a! }));
      expect((await store.loadChain(PROJECT, b!))?.map((record) => record.id)).toEqual([a, b]);
      expect((await store.loadChain(PROJECT, a!))?.map((record) => record.id)).toEqual([a]);
      expect((await store.loadChain(PROJECT, 'resp_fork'))?.map((record) => record.id)).toEqual([
        a,
        'resp_fork',
      ]);
      expect(await store.loadChain(PROJECT, 'resp_unknown')).toBeNull();
    });

    test('a missing ancestor fails loadChain with broken_chain naming it', async () => {
      const store = await open();
      const [a, b, c] = await saveChain(store, 'broken', 3);
      await store.delete(PROJECT, b!);
      const error = await expectStoreError(store.loadChain(PROJECT, c!), 'broken_chain');
      expect(error.responseId).toBe(b);
      expect(error.message).toContain(b!);
      expect((await store.loadChain(PROJECT, a!))?.length).toBe(1);
      await store.save(PROJECT, makeRecord('resp_orphan', { previousResponseId: 'resp_never_saved' }));
      const orphan = await expectStoreError(store.loadChain(PROJECT, 'resp_orphan'), 'broken_chain');
      expect(orphan.responseId).toBe('resp_never_saved');
    });

    test('maxDepth bounds the chain, loops included', async () => {
      const store = await open();
      const ids = await saveChain(store, 'depth', 5);
      expect((await store.loadChain(PROJECT, ids[4]!, { maxDepth: 5 }))?.length).toBe(5);
      await expectStoreError(store.loadChain(PROJECT, ids[4]!, { maxDepth: 4 }), 'chain_too_long');
      await expectStoreError(store.loadChain(PROJECT, ids[4]!, { maxDepth: 0 }), 'invalid_argument');
      await store.save(PROJECT, makeRecord('resp_loop_x', { previousResponseId: 'resp_loop_y' }));
      await store.save(PROJECT, makeRecord('resp_loop_y', { previousResponseId: 'resp_loop_x' }));
      await expectStoreError(store.loadChain(PROJECT, 'resp_loop_x'), 'chain_too_long');
    });

    test('loadChainItems gives each record’s input then output items, oldest first, as loadChain holds them', async () => {
      const store = await open();
      const [a, b, c] = await saveChain(store, 'items', 3);
      await store.save(PROJECT, makeRecord('resp_items_fork', { previousResponseId: a! }));
      const itemsOf = async (id: string) =>
        (await store.loadChain(PROJECT, id))?.flatMap((record) => [
          ...record.inputItems,
          ...(record.response.output as ResponsesInputItem[]),
        ]);
      for (const id of [a!, b!, c!, 'resp_items_fork']) {
        const items = await store.loadChainItems(PROJECT, id);
        expect(items).toEqual(await itemsOf(id));
        expect(items?.length).toBeGreaterThan(0);
      }
      const chain = await store.loadChainItems(PROJECT, c!);
      expect(chain?.slice(0, makeRecord(a!).inputItems.length)).toEqual(makeRecord(a!).inputItems);
      expect(await store.loadChainItems(PROJECT, 'resp_unknown')).toBeNull();
      expect(await store.loadChainItems('proj_other', c!)).toBeNull();
    });

    test('loadChainItems fails as loadChain does: broken chain, too long, bad maxDepth, closed', async () => {
      const store = await open();
      const [, b, c] = await saveChain(store, 'items_broken', 3);
      await store.delete(PROJECT, b!);
      expect((await expectStoreError(store.loadChainItems(PROJECT, c!), 'broken_chain')).responseId).toBe(b);
      const ids = await saveChain(store, 'items_depth', 5);
      expect(await store.loadChainItems(PROJECT, ids[4]!, { maxDepth: 5 })).not.toBeNull();
      await expectStoreError(store.loadChainItems(PROJECT, ids[4]!, { maxDepth: 4 }), 'chain_too_long');
      await expectStoreError(store.loadChainItems(PROJECT, ids[4]!, { maxDepth: 0 }), 'invalid_argument');
      // The first link and the rest are read apart: the bound holds at its smallest, and on a loop.
      expect(await store.loadChainItems(PROJECT, ids[0]!, { maxDepth: 1 })).not.toBeNull();
      await expectStoreError(store.loadChainItems(PROJECT, ids[1]!, { maxDepth: 1 }), 'chain_too_long');
      expect(await store.loadChainItems(PROJECT, ids[1]!, { maxDepth: 2 })).toEqual(
        (await store.loadChain(PROJECT, ids[1]!))?.flatMap((record) => [
          ...record.inputItems,
          ...(record.response.output as ResponsesInputItem[]),
        ]),
      );
      await store.save(PROJECT, makeRecord('resp_items_loop_x', { previousResponseId: 'resp_items_loop_y' }));
      await store.save(PROJECT, makeRecord('resp_items_loop_y', { previousResponseId: 'resp_items_loop_x' }));
      await expectStoreError(store.loadChainItems(PROJECT, 'resp_items_loop_x'), 'chain_too_long');
      // A chain never crosses into another project.
      await store.save('proj_other', makeRecord('resp_items_child', { previousResponseId: ids[4]! }));
      const crossing = await expectStoreError(
        store.loadChainItems('proj_other', 'resp_items_child'),
        'broken_chain',
      );
      expect(crossing.responseId).toBe(ids[4]);
      await store.close();
      await expectStoreError(store.loadChainItems(PROJECT, ids[4]!), 'closed');
    });

    test(`the default depth bound is storageDefaults.maxChainDepth (${storageDefaults.maxChainDepth})`, async () => {
      const store = await open();
      const ids = await saveChain(store, 'long', storageDefaults.maxChainDepth + 1);
      const longest = await store.loadChain(PROJECT, ids[storageDefaults.maxChainDepth - 1]!);
      expect(longest?.length).toBe(storageDefaults.maxChainDepth);
      expect(longest?.[0]?.id).toBe(ids[0]);
      await expectStoreError(store.loadChain(PROJECT, ids.at(-1)!), 'chain_too_long');
    });

    test('listInputItems pages with order, limit and after like GET /v1/responses/{id}/input_items', async () => {
      const store = await open();
      const items = makeInputItems('page', 5);
      const ids = items.map((item) => item.id);
      await store.save(PROJECT, makeRecord('resp_page', { inputItems: items }));
      const all = await store.listInputItems(PROJECT, 'resp_page');
      expect(all).toEqual({ data: [...items].reverse(), firstId: ids[4], lastId: ids[0], hasMore: false });
      const asc1 = await store.listInputItems(PROJECT, 'resp_page', { order: 'asc', limit: 2 });
      expect(asc1).toEqual({ data: items.slice(0, 2), firstId: ids[0], lastId: ids[1], hasMore: true });
      const asc2 = await store.listInputItems(PROJECT, 'resp_page', {
        order: 'asc',
        limit: 2,
        after: ids[1]!,
      });
      expect(asc2).toEqual({ data: items.slice(2, 4), firstId: ids[2], lastId: ids[3], hasMore: true });
      const asc3 = await store.listInputItems(PROJECT, 'resp_page', {
        order: 'asc',
        limit: 2,
        after: ids[3]!,
      });
      expect(asc3).toEqual({ data: items.slice(4), firstId: ids[4], lastId: ids[4], hasMore: false });
      const end = await store.listInputItems(PROJECT, 'resp_page', { order: 'asc', after: ids[4]! });
      expect(end).toEqual({ data: [], firstId: null, lastId: null, hasMore: false });
      const desc = await store.listInputItems(PROJECT, 'resp_page', {
        order: 'desc',
        limit: 2,
        after: ids[3]!,
      });
      expect(desc).toEqual({ data: [items[2], items[1]], firstId: ids[2], lastId: ids[1], hasMore: true });
      expect((await store.listInputItems(PROJECT, 'resp_page', { limit: 100 }))?.data).toHaveLength(5);
    });

    test('listInputItems pages through one item at a time via lastId (conformance case 69)', async () => {
      const store = await open();
      const items = makeInputItems('walk', 4);
      await store.save(PROJECT, makeRecord('resp_walk', { inputItems: items }));
      const seen: ResponsesInputItem[] = [];
      let after: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const result = await store.listInputItems(
          PROJECT,
          'resp_walk',
          after === undefined ? { limit: 1 } : { limit: 1, after },
        );
        seen.push(...(result?.data ?? []));
        if (result?.hasMore !== true) break;
        after = result.lastId ?? undefined;
      }
      expect(seen).toEqual([...items].reverse());
      expect(seen.every((item) => typeof item.id === 'string')).toBe(true);
    });

    test('listInputItems rejects bad cursors and options, and handles empty and unknown responses', async () => {
      const store = await open();
      await store.save(PROJECT, makeRecord('resp_opts'));
      await store.save(PROJECT, makeRecord('resp_empty', { inputItems: [] }));
      const cursor = await expectStoreError(
        store.listInputItems(PROJECT, 'resp_opts', { after: 'msg_nope' }),
        'invalid_cursor',
      );
      expect(cursor.param).toBe('after');
      for (const limit of [0, 101, 2.5, Number.NaN]) {
        const error = await expectStoreError(
          store.listInputItems(PROJECT, 'resp_opts', { limit }),
          'invalid_argument',
        );
        expect(error.param).toBe('limit');
      }
      const order = { order: 'sideways' } as unknown as { order: 'asc' };
      await expectStoreError(store.listInputItems(PROJECT, 'resp_opts', order), 'invalid_argument');
      const empty = await store.listInputItems(PROJECT, 'resp_empty');
      expect(empty).toEqual({ data: [], firstId: null, lastId: null, hasMore: false });
      expect(await store.listInputItems(PROJECT, 'resp_unknown', { after: 'msg_nope' })).toBeNull();
    });

    test('unicode survives exactly: astral, combining, RTL, NUL, line separators, lone surrogates', async () => {
      const store = await open();
      const texts = [
        '日本語 héllo',
        '👩‍👩‍👧‍👦🔧',
        'مرحبا بالعالم',
        'e\u0301',
        'nul\u0000byte',
        '\u2028\u2029',
        'lone\ud83d',
        '\udc00x',
      ];
      const record = makeRecord('resp_unicode', {
        inputItems: texts.map((text, index) => ({
          type: 'message',
          id: `msg_u${index}`,
          role: 'user',
          content: text,
        })),
      });
      record.response.instructions = texts.join('|');
      record.response.metadata = { 'ключ 🔑': '\\u00e9 stays escaped text' };
      await store.save(PROJECT, record);
      expect(JSON.stringify(await store.get(PROJECT, 'resp_unicode'))).toBe(JSON.stringify(record));
      const page = await store.listInputItems(PROJECT, 'resp_unicode', { order: 'asc', limit: 100 });
      expect(page?.data.map((item) => ('content' in item ? item.content : null))).toEqual(texts);
    });

    test('large items (1 MiB output, 1 MiB instructions) round-trip and list', async () => {
      const store = await open();
      const big = 'x'.repeat(1024 * 1024 - 3).concat('end');
      const items = makeInputItems('large');
      items[2] = {
        type: 'function_call_output',
        id: 'fco_big',
        call_id: 'call_large_in',
        output: big,
        status: 'completed',
      };
      const record = makeRecord('resp_large', { inputItems: items });
      record.response.instructions = `${big}!`;
      await store.save(PROJECT, record);
      expect(JSON.stringify(await store.get(PROJECT, 'resp_large'))).toBe(JSON.stringify(record));
      const page = await store.listInputItems(PROJECT, 'resp_large', { limit: 1 });
      expect(page?.data[0]).toEqual(items[2]);
      expect((await store.loadChain(PROJECT, 'resp_large'))?.[0]?.inputItems[2]).toEqual(items[2]);
    });

    test('concurrent saves: distinct ids all land, one id lands exactly once', async () => {
      const store = await open();
      const ids = Array.from({ length: 50 }, (_, index) => `resp_par_${index}`);
      await Promise.all(ids.map((id) => store.save(PROJECT, makeRecord(id))));
      const loaded = await Promise.all(ids.map((id) => store.get(PROJECT, id)));
      expect(loaded.map((record) => record?.id)).toEqual(ids);
      const racers = Array.from({ length: 8 }, (_, index) => makeRecord('resp_race', { createdAt: index }));
      const results = await Promise.allSettled(racers.map((record) => store.save(PROJECT, record)));
      const winners = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
      expect(winners).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'conflict' });
      }
      expect((await store.get(PROJECT, 'resp_race'))?.createdAt).toBe(winners[0]);
    });

    test('deleteOlderThan deletes strictly older responses, in batches, and breaks chains', async () => {
      const store = await open();
      await store.save(PROJECT, makeRecord('resp_t100', { createdAt: 100 }));
      await store.save(PROJECT, makeRecord('resp_t200', { createdAt: 200 }));
      await store.save(PROJECT, makeRecord('resp_t300', { createdAt: 300, previousResponseId: 'resp_t100' }));
      expect(await store.deleteOlderThan(200)).toBe(1);
      expect(await store.get(PROJECT, 'resp_t100')).toBeNull();
      expect(await store.get(PROJECT, 'resp_t200')).not.toBeNull();
      expect(await store.deleteOlderThan(200)).toBe(0);
      expect(await store.deleteOlderThan(200.5)).toBe(1);
      await expectStoreError(store.loadChain(PROJECT, 'resp_t300'), 'broken_chain');
      await expectStoreError(store.deleteOlderThan(Number.NaN), 'invalid_argument');
      const count = storageDefaults.retentionBatchSize * 2 + 3;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          store.save(PROJECT, makeRecord(`resp_old_${i}`, { createdAt: 10 })),
        ),
      );
      expect(await store.deleteOlderThan(11)).toBe(count);
      expect(await store.get(PROJECT, 'resp_t300')).not.toBeNull();
    });

    test('deleteOlderThan with maxRows deletes at most that many and leaves the rest for the next call', async () => {
      const store = await open();
      const count = storageDefaults.retentionBatchSize + 7;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          store.save(PROJECT, makeRecord(`resp_aged_${i}`, { createdAt: 10 })),
        ),
      );
      await store.save(PROJECT, makeRecord('resp_young', { createdAt: 50 }));
      expect(await store.deleteOlderThan(20, { maxRows: 3 })).toBe(3);
      expect(await store.deleteOlderThan(20, { maxRows: storageDefaults.retentionBatchSize + 1 })).toBe(
        storageDefaults.retentionBatchSize + 1,
      );
      expect(await store.deleteOlderThan(20, { maxRows: 100 })).toBe(
        count - storageDefaults.retentionBatchSize - 4,
      );
      expect(await store.deleteOlderThan(20, { maxRows: 100 })).toBe(0);
      expect(await store.get(PROJECT, 'resp_young')).not.toBeNull();
      await expectStoreError(store.deleteOlderThan(20, { maxRows: 0 }), 'invalid_argument');
      await expectStoreError(store.deleteOlderThan(20, { maxRows: 1.5 }), 'invalid_argument');
    });

    test('close releases the store; later calls fail with closed; closing twice is fine', async () => {
      const store = await open();
      await store.save(PROJECT, makeRecord('resp_close'));
      await store.close();
      await store.close();
      await expectStoreError(store.get(PROJECT, 'resp_close'), 'closed');
      await expectStoreError(store.save(PROJECT, makeRecord('resp_after')), 'closed');
      await expectStoreError(store.delete(PROJECT, 'resp_close'), 'closed');
      await expectStoreError(store.loadChain(PROJECT, 'resp_close'), 'closed');
      await expectStoreError(store.listInputItems(PROJECT, 'resp_close'), 'closed');
      await expectStoreError(store.deleteOlderThan(1), 'closed');
      await expectStoreError(store.findItems(PROJECT, ['msg_x']), 'closed');
    });

    test('another project’s records behave exactly like unknown ids (docs/configuration.md#projects-keys-and-limits)', async () => {
      const store = await open();
      const [a0, a1] = await saveChain(store, 'proj_a', 2);
      const other = 'proj_other';
      expect(await store.get(other, a1!)).toBeNull();
      expect(await store.listInputItems(other, a1!)).toBeNull();
      expect(await store.loadChain(other, a1!)).toBeNull();
      expect(await store.findItems(other, [`fc_${a0}`, `msg_${a1}_in`])).toEqual(new Map());
      expect(await store.delete(other, a0!)).toBe(false);
      expect((await store.loadChain(PROJECT, a1!))?.map((record) => record.id)).toEqual([a0, a1]);
      // Ids stay unique across projects, and a chain never crosses into another project.
      await expectStoreError(store.save(other, makeRecord(a0!)), 'conflict');
      await store.save(other, makeRecord('resp_other_child', { previousResponseId: a1! }));
      const crossing = await expectStoreError(store.loadChain(other, 'resp_other_child'), 'broken_chain');
      expect(crossing.responseId).toBe(a1);
      expect((await store.get(other, 'resp_other_child'))?.id).toBe('resp_other_child');
      expect(await store.get(PROJECT, 'resp_other_child')).toBeNull();
      // The owner still sees and deletes its own; retention spans every project.
      expect(await store.delete(PROJECT, a0!)).toBe(true);
      expect(await store.deleteOlderThan(Number.MAX_SAFE_INTEGER)).toBe(2);
    });

    test('rejects a save without a project', async () => {
      const store = await open();
      const error = await expectStoreError(store.save('', makeRecord('resp_no_project')), 'invalid_argument');
      expect(error.param).toBe('projectId');
    });

    findItemsCases(open);
  });
}
