import type { ResponsesInputItem } from '@toolbridge/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { storageDefaults } from '../storage/defaults.js';
import { makeRecord, PROJECT } from '../storage/response-store-fixtures.case.js';
import { SqliteResponseStore } from '../storage/sqlite-response-store.js';
import { resolveItemReferences } from './resolve-item-references.js';

const E18 = (id: string) =>
  `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`;

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('resolveItemReferences', () => {
  let store: SqliteResponseStore;
  let lookups: string[][];
  beforeEach(async () => {
    store = SqliteResponseStore.open(':memory:');
    await store.save(PROJECT, makeRecord('resp_stored'));
    lookups = [];
    const findItems = store.findItems.bind(store);
    store.findItems = (projectId, ids) => {
      lookups.push([...ids]);
      return findItems(projectId, ids);
    };
  });
  afterEach(async () => {
    await store.close();
  });

  test('input without references comes back as is, without a store query', async () => {
    const input: ResponsesInputItem[] = [{ role: 'user', content: 'hi' }];
    expect(await resolveItemReferences({ input, prior: [], store, projectId: PROJECT })).toEqual(input);
    expect(lookups).toEqual([]);
  });

  test('references resolve from the chain first, then from the store in one query; ids are dropped', async () => {
    const chained: ResponsesInputItem = {
      type: 'message',
      id: 'msg_chain',
      role: 'user',
      content: 'from chain',
    };
    const input: ResponsesInputItem[] = [
      { type: 'item_reference', id: 'msg_chain' },
      { id: 'fc_resp_stored' },
      { type: 'item_reference', id: 'msg_resp_stored_in' },
      { type: 'item_reference', id: 'fc_resp_stored' },
      { type: 'function_call_output', call_id: 'call_resp_stored', output: '18C' },
    ];
    const resolved = await resolveItemReferences({ input, prior: [chained], store, projectId: PROJECT });
    const stored = makeRecord('resp_stored');
    const { id: _call, ...call } = stored.response.output[0]!;
    const { id: _message, ...message } = stored.inputItems[0]!;
    expect(resolved).toEqual([
      { type: 'message', role: 'user', content: 'from chain' },
      call,
      message,
      call,
      input[4],
    ]);
    expect(lookups).toEqual([['fc_resp_stored', 'msg_resp_stored_in']]);
  });

  test('a chain item shadows a stored item with the same id', async () => {
    const shadow: ResponsesInputItem = {
      type: 'message',
      id: 'fc_resp_stored',
      role: 'user',
      content: 'chain',
    };
    const resolved = await resolveItemReferences({
      input: [{ type: 'item_reference', id: 'fc_resp_stored' }],
      prior: [shadow],
      store,
      projectId: PROJECT,
    });
    expect(resolved).toEqual([{ type: 'message', role: 'user', content: 'chain' }]);
    expect(lookups).toEqual([]);
  });

  test('ids found nowhere, or only in deleted responses, are 404 E18 on input', async () => {
    const unknown = await rejection(
      resolveItemReferences({
        input: [{ type: 'item_reference', id: 'msg_nowhere' }],
        prior: [],
        store,
        projectId: PROJECT,
      }),
    );
    expect({ status: unknown.status, message: unknown.message, param: unknown.param }).toEqual({
      status: 404,
      message: E18('msg_nowhere'),
      param: 'input',
    });
    expect(unknown.toBody().error.code).toBeNull();
    await store.delete(PROJECT, 'resp_stored');
    const deleted = await rejection(
      resolveItemReferences({
        input: [{ type: 'item_reference', id: 'fc_resp_stored' }],
        prior: [],
        store,
        projectId: PROJECT,
      }),
    );
    expect(deleted.message).toBe(E18('fc_resp_stored'));
  });

  test(`more than ${storageDefaults.maxFindItemsIds} ids outside the chain are a 400 before any query`, async () => {
    const input: ResponsesInputItem[] = Array.from(
      { length: storageDefaults.maxFindItemsIds + 1 },
      (_, index) => ({
        type: 'item_reference',
        id: `msg_${index}`,
      }),
    );
    const chained: ResponsesInputItem = { type: 'message', id: 'msg_0', role: 'user', content: 'x' };
    const atLimit = await rejection(
      resolveItemReferences({ input, prior: [chained], store, projectId: PROJECT }),
    );
    expect(atLimit.message).toBe(E18('msg_1'));
    expect(lookups).toHaveLength(1);
    input.push({ type: 'item_reference', id: 'msg_extra' });
    const tooMany = await rejection(resolveItemReferences({ input, prior: [], store, projectId: PROJECT }));
    expect({ status: tooMany.status, param: tooMany.param }).toEqual({ status: 400, param: 'input' });
    expect(tooMany.message).toContain(`at most ${storageDefaults.maxFindItemsIds} can be looked up`);
    expect(lookups).toHaveLength(1);
  });

  test('an aborted request does not query the store', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    const input: ResponsesInputItem[] = [{ type: 'item_reference', id: 'fc_resp_stored' }];
    await expect(
      resolveItemReferences({ input, prior: [], store, projectId: PROJECT, signal: controller.signal }),
    ).rejects.toThrow('client went away');
    expect(lookups).toEqual([]);
  });
});
