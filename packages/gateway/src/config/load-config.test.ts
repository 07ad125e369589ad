import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadGatewayConfig } from './load-config.js';

async function configFile(content: object): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'toolbridge-config-')), 'toolbridge.config.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

const provider = { providers: { local: { baseUrl: 'http://127.0.0.1:9/v1', api: 'chat' } } };

describe('loadGatewayConfig: client keys', () => {
  it('trims the keys of a comma-separated list, so "keyA, keyB" accepts keyB', async () => {
    const config = await loadGatewayConfig(
      { config: await configFile({ ...provider, apiKeysEnv: 'TB_KEYS' }) },
      { TB_KEYS: ' keyA, keyB ,,keyC' },
    );
    expect(config.apiKeys).toEqual(['keyA', 'keyB', 'keyC']);
  });
});

describe('loadGatewayConfig: server limits and browser safety', () => {
  it('takes server limits from the file, flags over them, and leaves the rest to the defaults', async () => {
    const config = await loadGatewayConfig(
      {
        config: await configFile({ ...provider, server: { headersTimeoutMs: 5_000, maxConnections: 64 } }),
        maxConnections: 32,
        maxBufferedBodyBytes: 1_000_000,
      },
      {},
    );
    expect(config.server).toEqual({
      headersTimeoutMs: 5_000,
      maxConnections: 32,
      maxBufferedBodyBytes: 1_000_000,
    });
  });

  it('refuses a headers timeout longer than the request timeout that includes it', async () => {
    const loading = loadGatewayConfig(
      {
        upstream: 'http://127.0.0.1:9/v1',
        upstreamApi: 'chat',
        headersTimeoutMs: 60_000,
        requestTimeoutMs: 10_000,
      },
      {},
    );
    await expect(loading).rejects.toThrow(ConfigError);
    await expect(loading).rejects.toThrow(/headers timeout \(60000 ms\) must not be longer/);
  });

  it('reads allowedHosts and cors.origins, and refuses an origin with a path', async () => {
    const config = await loadGatewayConfig(
      {
        config: await configFile({
          ...provider,
          allowedHosts: ['Gateway.Internal'],
          cors: { origins: ['https://app.example.com'] },
        }),
      },
      {},
    );
    expect(config.allowedHosts).toEqual(['gateway.internal']);
    expect(config.cors).toEqual({ origins: ['https://app.example.com'] });
    const bad = loadGatewayConfig(
      { config: await configFile({ ...provider, cors: { origins: ['https://app.example.com/path'] } }) },
      {},
    );
    await expect(bad).rejects.toThrow(/scheme:\/\/host\[:port\]/);
    const none = await loadGatewayConfig({ upstream: 'http://127.0.0.1:9/v1', upstreamApi: 'chat' }, {});
    expect(none.allowedHosts).toBeUndefined();
    expect(none.cors).toBeUndefined();
    expect(none.server).toEqual({});
  });
});

describe('loadGatewayConfig: where a Chat upstream reads reasoning text back', () => {
  it('defaults to reasoning_content, to reasoning for kind vllm, and takes the file’s choice over both', async () => {
    const providers = {
      plain: { baseUrl: 'http://127.0.0.1:9/v1', api: 'chat' },
      vllm: { baseUrl: 'http://127.0.0.1:9/v1', api: 'chat', kind: 'vllm' },
      chosen: {
        baseUrl: 'http://127.0.0.1:9/v1',
        api: 'chat',
        kind: 'vllm',
        reasoningField: 'reasoning_content',
      },
    };
    const config = await loadGatewayConfig({ config: await configFile({ providers }) }, {});
    const field = (name: string) => config.providers.find((entry) => entry.name === name)?.reasoningField;
    expect([field('plain'), field('vllm'), field('chosen')]).toEqual([
      'reasoning_content',
      'reasoning',
      'reasoning_content',
    ]);
    const bad = loadGatewayConfig(
      { config: await configFile({ providers: { x: { ...providers.plain, reasoningField: 'thinking' } } }) },
      {},
    );
    await expect(bad).rejects.toThrow(ConfigError);
  });
});
