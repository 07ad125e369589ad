/**
 * `findItems` cases of the ResponseStore conformance suite (`item_reference`,
 * docs/protocol/responses.md#input-items, E18; ADR 0005): registered by `describeResponseStoreConformance`,
 * so every backend runs them.
 */
import { expect, test } from 'vitest';
import { storageDefaults } from './defaults.js';
import type { ResponseStore, ResponsesInputItem } from './response-store.js';
import { expectStoreError, makeInputItems, makeRecord, PROJECT } from './response-store-fixtures.case.js';

/** Registers the cases; `open` returns a fresh store that the caller's suite closes. */
export function findItemsCases(open: () => Promise<ResponseStore>): void {
  test('findItems returns input and output items of stored responses by id, and skips unknown ids', async () => {
    const store = await open();
    const first = makeRecord('resp_items_a');
    const second = makeRecord('resp_items_b', { previousResponseId: 'resp_items_a' });
    await store.save(PROJECT, first);
    await store.save(PROJECT, second);
    const found = await store.findItems(PROJECT, [
      'fc_resp_items_a',
      'msg_resp_items_a_in',
      'fco_resp_items_b_in',
      'fc_resp_items_b',
      'msg_unknown',
      'fc_resp_items_a',
    ]);
    expect([...found.keys()].sort()).toEqual([
      'fc_resp_items_a',
      'fc_resp_items_b',
      'fco_resp_items_b_in',
      'msg_resp_items_a_in',
    ]);
    expect(found.get('fc_resp_items_a')).toEqual(first.response.output[0]);
    expect(found.get('fc_resp_items_b')).toEqual(second.response.output[0]);
    expect(found.get('msg_resp_items_a_in')).toEqual(first.inputItems[0]);
    expect(found.get('fco_resp_items_b_in')).toEqual(second.inputItems[2]);
    expect(found.has('msg_unknown')).toBe(false);
    expect(await store.findItems(PROJECT, [])).toEqual(new Map());
    expect(await store.findItems(PROJECT, ['msg_unknown', 'fc_nothing'])).toEqual(new Map());
  });

  test('findItems sees a save as soon as it resolved, and every one of many concurrent saves', async () => {
    const store = await open();
    const records = Array.from({ length: 40 }, (_, index) => makeRecord(`resp_items_par_${index}`));
    await Promise.all(records.map((record) => store.save(PROJECT, record)));
    const ids = records.flatMap((record) => [`fc_${record.id}`, ...record.inputItems.map((item) => item.id)]);
    const found = await store.findItems(PROJECT, ids as string[]);
    expect(found.size).toBe(records.length * 4);
    expect(found.get('fc_resp_items_par_39')).toEqual(records[39]?.response.output[0]);
    await store.save(PROJECT, makeRecord('resp_items_late'));
    expect((await store.findItems(PROJECT, ['fc_resp_items_late'])).size).toBe(1);
  });

  test('items of deleted responses are gone; other responses keep theirs', async () => {
    const store = await open();
    await store.save(PROJECT, makeRecord('resp_items_keep'));
    await store.save(PROJECT, makeRecord('resp_items_drop'));
    expect(await store.delete(PROJECT, 'resp_items_drop')).toBe(true);
    const found = await store.findItems(PROJECT, [
      'fc_resp_items_drop',
      'msg_resp_items_drop_in',
      'fc_resp_items_keep',
      'msg_resp_items_keep_in',
    ]);
    expect([...found.keys()].sort()).toEqual(['fc_resp_items_keep', 'msg_resp_items_keep_in']);
  });

  test('retention removes the items of the responses it deletes', async () => {
    const store = await open();
    await store.save(PROJECT, makeRecord('resp_items_old', { createdAt: 100 }));
    await store.save(PROJECT, makeRecord('resp_items_new', { createdAt: 300 }));
    const count = storageDefaults.retentionBatchSize + 2;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        store.save(PROJECT, makeRecord(`resp_items_bulk_${i}`, { createdAt: 50 })),
      ),
    );
    expect(await store.deleteOlderThan(200)).toBe(count + 1);
    const ids = ['fc_resp_items_old', 'fco_resp_items_old_in', 'fc_resp_items_bulk_0', 'fc_resp_items_new'];
    expect([...(await store.findItems(PROJECT, ids)).keys()]).toEqual(['fc_resp_items_new']);
  });

  test('an id stored by several responses (an echoed item) gives the oldest copy, then the next', async () => {
    const store = await open();
    const original = makeRecord('resp_items_orig', { createdAt: 100 });
    const echoed: ResponsesInputItem = { ...original.response.output[0]!, arguments: '{"echoed":true}' };
    const echo = makeRecord('resp_items_echo', { createdAt: 200, inputItems: [echoed] });
    await store.save(PROJECT, echo);
    await store.save(PROJECT, original);
    expect((await store.findItems(PROJECT, ['fc_resp_items_orig'])).get('fc_resp_items_orig')).toEqual(
      original.response.output[0],
    );
    await store.delete(PROJECT, 'resp_items_orig');
    expect((await store.findItems(PROJECT, ['fc_resp_items_orig'])).get('fc_resp_items_orig')).toEqual(
      echoed,
    );
  });

  test('a save that conflicts indexes nothing of its own', async () => {
    const store = await open();
    await store.save(PROJECT, makeRecord('resp_items_dup'));
    const loser = makeRecord('resp_items_dup', { inputItems: makeInputItems('loser') });
    await expectStoreError(store.save(PROJECT, loser), 'conflict');
    expect(await store.findItems(PROJECT, ['msg_loser_in', 'fc_loser_in'])).toEqual(new Map());
    expect((await store.findItems(PROJECT, ['msg_resp_items_dup_in'])).size).toBe(1);
  });

  test('items come back exactly: unicode, escapes, numbers, and a 1 MiB output', async () => {
    const store = await open();
    const odd = {
      type: 'message',
      id: 'msg_odd',
      role: 'user',
      status: 'completed',
      content: [
        {
          type: 'input_text',
          text: '日本語 👩‍👩‍👧‍👦 مرحبا e\u0301 nul\u0000 \u2028\u2029 lone\ud83d \udc00x "q" \\b',
        },
      ],
      numbers: [0.1, 1e-7, 2 ** 53 - 1, -42, 1.5e300],
    } as unknown as ResponsesInputItem;
    const big: ResponsesInputItem = {
      type: 'function_call_output',
      id: 'fco_big_item',
      call_id: 'call_big_item',
      output: 'x'.repeat(1024 * 1024),
      status: 'completed',
    };
    await store.save(PROJECT, makeRecord('resp_items_odd', { inputItems: [big, odd] }));
    const found = await store.findItems(PROJECT, ['msg_odd', 'fco_big_item']);
    expect(JSON.stringify(found.get('msg_odd'))).toBe(JSON.stringify(odd));
    expect(found.get('fco_big_item')).toEqual(big);
  });

  test('ids the index cannot hold are never found; non-string ids are invalid_argument', async () => {
    const store = await open();
    const long = `msg_${'l'.repeat(storageDefaults.maxIdLength)}`;
    const odd = ['msg_nul\u0000', 'msg_lone\ud83d', long];
    await store.save(
      PROJECT,
      makeRecord('resp_items_ids', {
        inputItems: odd.map((id) => ({ type: 'message', id, role: 'user', content: 'hi' })),
      }),
    );
    expect(await store.findItems(PROJECT, ['', ...odd])).toEqual(new Map());
    expect((await store.get(PROJECT, 'resp_items_ids'))?.inputItems.map((item) => item.id)).toEqual(odd);
    const error = await expectStoreError(
      store.findItems(PROJECT, ['msg_ok', 7 as unknown as string]),
      'invalid_argument',
    );
    expect(error.param).toBe('ids[1]');
    const tooMany = Array.from({ length: storageDefaults.maxFindItemsIds + 1 }, (_, index) => `msg_${index}`);
    expect((await expectStoreError(store.findItems(PROJECT, tooMany), 'invalid_argument')).param).toBe('ids');
    const atLimit = [...tooMany.slice(1), 'msg_1'];
    expect(await store.findItems(PROJECT, atLimit)).toEqual(new Map());
  });

  test('findItems on a closed store fails with closed', async () => {
    const store = await open();
    await store.close();
    await expectStoreError(store.findItems(PROJECT, ['msg_x']), 'closed');
  });
}
