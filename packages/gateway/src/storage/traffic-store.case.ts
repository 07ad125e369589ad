/**
 * Conformance suite of the viewer's read side and of stored chat completions on every backend
 * (docs/observability.md#trace-viewer): the traffic list pages newest first through 1,000 turns of both
 * kinds without losing or repeating one, filters, and the trace metadata round-trips.
 */
import type { ChatCompletion } from '@toolbridge/core';
import { afterEach, describe, expect, test } from 'vitest';
import type { StoredChatCompletion } from './chat-completion-store.js';
import { DEFAULT_PROJECT_ID, type ResponseStore } from './response-store.js';
import { makeRecord } from './response-store-fixtures.case.js';
import type { StoredTrace } from './stored-trace.js';
import type { TrafficEntry } from './traffic-store.js';

const trace: StoredTrace = {
  provider: 'openai',
  upstreamModel: 'gpt-5.4-2026-03-05',
  latencyMs: 812.5,
  ttfbMs: 301.2,
  costUsd: 0.001234,
  adjustments: ["repaired a call to 'get_weather'"],
  repairs: [
    {
      toolName: 'get_weather',
      callId: 'call_bad',
      repairedCallId: 'call_good',
      originalArguments: '{"city":"Paris"\u0000',
      repairedArguments: '{"city":"Paris"}',
      reason: 'The arguments are not valid JSON.',
      outcome: 'repaired',
    },
  ],
  upstreamAttempts: 2,
};

/** A stored chat completion for the store tests (retention's too). */
export function chatRecord(id: string, createdAt: number, model = 'gpt-5.4-mini'): StoredChatCompletion {
  const completion: ChatCompletion = {
    id,
    object: 'chat.completion',
    created: createdAt,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hi', refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 10,
      completion_tokens: 2,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 4 },
    },
  };
  return {
    id,
    createdAt,
    model,
    messages: [{ role: 'user', content: 'Hello' }],
    completion,
    metadata: null,
    trace: { ...trace, provider: 'local', costUsd: null, repairs: [], adjustments: [] },
  };
}

/** Runs the suite against stores made by `open` (each test gets a fresh, empty one). */
export function describeTrafficStoreConformance(name: string, open: () => Promise<ResponseStore>): void {
  describe(`${name}: traffic and stored chat completions`, () => {
    const opened: ResponseStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    test('pages through 1,000 turns of both kinds newest first, each exactly once', async () => {
      const store = await fresh();
      const expected: Array<{ id: string; createdAt: number }> = [];
      const saves: Array<Promise<void>> = [];
      for (let index = 0; index < 1_000; index++) {
        // Ten turns share each second, so the id breaks ties.
        const createdAt = 1_800_000_000 + Math.floor(index / 10);
        const id =
          index % 2 === 0
            ? `resp_${String(index).padStart(4, '0')}`
            : `chatcmpl-${String(index).padStart(4, '0')}`;
        expected.push({ id, createdAt });
        saves.push(
          id.startsWith('resp_')
            ? store.save(DEFAULT_PROJECT_ID, { ...makeRecord(id, { createdAt }), trace })
            : store.chatCompletions.save(chatRecord(id, createdAt)),
        );
      }
      await Promise.all(saves);
      const seen: TrafficEntry[] = [];
      let before: { createdAt: number; id: string } | undefined;
      for (let pages = 0; pages < 30; pages++) {
        const page = await store.traffic.listTraffic({ limit: 50, ...(before ? { before } : {}) });
        seen.push(...page.data);
        const last = page.data.at(-1);
        if (!page.hasMore || last === undefined) break;
        before = { createdAt: last.createdAt, id: last.id };
      }
      const newestFirst = expected
        .sort((left, right) => right.createdAt - left.createdAt || (left.id < right.id ? 1 : -1))
        .map((entry) => entry.id);
      expect(seen.map((entry) => entry.id)).toEqual(newestFirst);
      const response = seen.find((entry) => entry.kind === 'response');
      expect(response).toMatchObject({
        model: 'gpt-5-2025-08-07',
        provider: 'openai',
        status: 'completed',
        costUsd: 0.001234,
        latencyMs: 812.5,
        adjustments: 1,
        repairs: 1,
      });
      expect(seen.find((entry) => entry.kind === 'chat.completion')).toMatchObject({
        model: 'gpt-5.4-mini',
        provider: 'local',
        status: 'stop',
        inputTokens: 10,
        outputTokens: 2,
        cachedTokens: 4,
        costUsd: null,
      });
    });

    test('filters by kind, model, provider and status', async () => {
      const store = await fresh();
      await store.save(DEFAULT_PROJECT_ID, { ...makeRecord('resp_a', { createdAt: 10 }), trace });
      await store.chatCompletions.save(chatRecord('chatcmpl-b', 11));
      await store.chatCompletions.save(chatRecord('chatcmpl-c', 12, 'gpt-5.5'));
      const ids = async (options: Parameters<ResponseStore['traffic']['listTraffic']>[0]) =>
        (await store.traffic.listTraffic(options)).data.map((entry) => entry.id);
      expect(await ids({})).toEqual(['chatcmpl-c', 'chatcmpl-b', 'resp_a']);
      expect(await ids({ kind: 'response' })).toEqual(['resp_a']);
      expect(await ids({ model: 'gpt-5.5' })).toEqual(['chatcmpl-c']);
      expect(await ids({ provider: 'openai' })).toEqual(['resp_a']);
      expect(await ids({ status: 'stop' })).toEqual(['chatcmpl-c', 'chatcmpl-b']);
    });

    test('keeps a response trace beside it (a \\u0000 in repaired arguments included), not in it', async () => {
      const store = await fresh();
      const record = makeRecord('resp_traced');
      await store.save(DEFAULT_PROJECT_ID, { ...record, trace });
      expect((await store.get(DEFAULT_PROJECT_ID, 'resp_traced'))?.response).toEqual(record.response);
      expect(
        (await store.traffic.responseTraces(['resp_traced', 'resp_missing'])).get('resp_traced'),
      ).toEqual(trace);
      expect((await store.traffic.responseTraces(['resp_missing'])).size).toBe(0);
    });

    test('a chat completion round-trips; metadata updates; delete removes it from the list', async () => {
      const store = await fresh();
      const record = { ...chatRecord('chatcmpl-x', 5), metadata: { team: 'a' } };
      await store.chatCompletions.save(record);
      await expect(store.chatCompletions.save(record)).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.chatCompletions.get('chatcmpl-x')).toEqual({ ...record, projectId: 'default' });
      expect(await store.chatCompletions.get('chatcmpl-x', 'another-project')).toBeNull();
      expect((await store.chatCompletions.updateMetadata('chatcmpl-x', { team: 'b' }))?.metadata).toEqual({
        team: 'b',
      });
      expect((await store.chatCompletions.list({ metadata: [['team', 'b']] })).data).toHaveLength(1);
      expect((await store.chatCompletions.list({ metadata: [['team', 'a']] })).data).toHaveLength(0);
      expect(await store.chatCompletions.delete('chatcmpl-x')).toBe(true);
      expect(await store.chatCompletions.delete('chatcmpl-x')).toBe(false);
      expect((await store.traffic.listTraffic()).data).toEqual([]);
      await expect(store.chatCompletions.list({ after: 'chatcmpl-x' })).rejects.toMatchObject({
        code: 'invalid_cursor',
      });
    });
  });
}
