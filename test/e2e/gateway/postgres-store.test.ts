import { openResponseStore } from '@toolbridge/gateway';
import type OpenAI from 'openai';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { type PostgresCluster, startPostgresCluster } from '../../../test-support/postgres-cluster.js';

// PostgreSQL lets several gateway instances share state behind a load balancer (docs/configuration.md):
// two gateways on one real PostgreSQL database; a conversation started on one continues on the other.
const tools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: true,
  },
];

// One real cluster for the file; each upstream format gets its own empty schema in it.
let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

async function freshSchemaUrl(schema: string): Promise<string> {
  if (cluster === undefined) throw new Error('PostgreSQL did not start (see beforeAll)');
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

describe.each(['chat', 'responses'] as const)(
  'a PostgreSQL store shared by two gateways over a %s upstream',
  (upstreamApi) => {
    let first: TestGateway;
    let second: TestGateway;
    beforeAll(async () => {
      const url = await freshSchemaUrl(`e2e_${upstreamApi}`);
      // Migrate once up front, so the two gateways do not race to create the schema.
      const store = await openResponseStore(url);
      await store.close();
      first = await startTestGateway({ upstreamApi, store: url });
      second = await startTestGateway({ upstreamApi, store: url });
    }, 60_000);
    afterAll(async () => {
      await first?.close();
      await second?.close();
    });

    it('chains two turns across instances; GET, input_items and DELETE see the same state', async () => {
      const r1 = await first.client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris and Oslo?',
        tools,
      });
      const calls = r1.output.filter((item) => item.type === 'function_call');
      expect(calls).toHaveLength(2);
      const r2 = await second.client.responses.create({
        model: 'gpt-5.4',
        previous_response_id: r1.id,
        tools,
        input: calls.map((call, index) => ({
          type: 'function_call_output' as const,
          call_id: call.type === 'function_call' ? call.call_id : '',
          output: index === 0 ? '18C sunny' : '9C rain',
        })),
      });
      expect(r2.previous_response_id).toBe(r1.id);
      expect(r2.output_text).toContain('18C sunny');
      expect(r2.output_text).toContain('9C rain');
      // The second instance's upstream got the whole chain, loaded from PostgreSQL.
      expect(JSON.stringify(second.upstream.requests.at(-1)?.body)).toContain('Weather in Paris and Oslo?');

      expect(await first.client.responses.retrieve(r2.id)).toEqual(r2);
      const items = [];
      for await (const item of first.client.responses.inputItems.list(r2.id)) items.push(item);
      expect(items.map((item) => item.type)).toEqual(['function_call_output', 'function_call_output']);

      await second.client.responses.delete(r1.id);
      await expect(first.client.responses.retrieve(r1.id)).rejects.toMatchObject({ status: 404 });
    });
  },
);
