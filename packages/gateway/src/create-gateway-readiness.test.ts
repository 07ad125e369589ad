import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultPrices } from '@toolbridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConfig } from './config/gateway-config.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { createLogger } from './logging/create-logger.js';
import { capabilityPresets } from './providers/provider-capabilities.js';
import type { ResponseStore } from './storage/response-store.js';
import { SqliteResponseStore } from './storage/sqlite-response-store.js';

// GET /ready (docs/observability.md#readiness): 503 with what is not ready until the store is open and
// migrated, and again once shutdown begins; GET /health stays 200 throughout.

const config: GatewayConfig = {
  host: '127.0.0.1',
  port: 0,
  maxBodyBytes: 1024 * 1024,
  store: ':memory:',
  providers: [
    {
      name: 'nowhere',
      baseUrl: 'http://127.0.0.1:9/v1',
      api: 'chat',
      kind: 'openai',
      capabilities: capabilityPresets.openai,
      apiKeyEnv: null,
      apiKey: null,
      headers: {},
      models: [],
      maxTokensField: 'max_completion_tokens',
      timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 },
      retries: 0,
    },
  ],
  routes: [],
  defaultProvider: 'nowhere',
  apiKeys: [],
  projects: [],
  adminKey: null,
  enforcement: { repairRetries: 0, parallelToolCalls: 'keep-first' },
  maxToolNameLength: 128,
  logLevel: 'silent',
  prices: defaultPrices,
};

let server: Server | undefined;
let gateway: Gateway | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  await gateway?.close();
});

async function serve(store: ResponseStore | Promise<ResponseStore>): Promise<string> {
  gateway = createGateway({ config, store, logger: createLogger({ level: 'silent' }) });
  server = createServer(gateway.handle);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('readiness', () => {
  it('is 503 until the store opens, then 200; 503 again once shutdown begins; /health stays 200', async () => {
    let open: (store: ResponseStore) => void = () => undefined;
    const url = await serve(new Promise<ResponseStore>((resolve) => (open = resolve)));
    const opening = await fetch(`${url}/ready`);
    expect(opening.status).toBe(503);
    expect(await opening.json()).toEqual({
      status: 'not_ready',
      checks: { store: 'opening', shutdown: 'no' },
      reasons: ['The store is still opening (connecting and migrating).'],
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const early = await fetch(`${url}/v1/models`);
    expect(early.status).toBe(503);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain('GET /ready');

    open(SqliteResponseStore.open(':memory:'));
    await gateway?.storeReady;
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', reasons: [] });
    expect((await fetch(`${url}/v1/models`)).status).toBe(200);

    gateway?.beginShutdown();
    const closing = await fetch(`${url}/ready`);
    expect(closing.status).toBe(503);
    expect(await closing.json()).toMatchObject({ checks: { shutdown: 'in_progress' } });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('says why when the store failed to open', async () => {
    const failing = Promise.reject(new Error('connection refused'));
    const url = await serve(failing);
    await expect(gateway?.storeReady).rejects.toThrow('connection refused');
    const answer = await fetch(`${url}/ready`);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({
      checks: { store: 'failed' },
      reasons: ['The store could not be opened: connection refused'],
    });
  });
});
