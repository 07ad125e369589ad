import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadGatewayConfig } from './load-config.js';

// The observability keys of the config file (docs/configuration.md#admin-key, #metrics, #prices).
const dir = mkdtempSync(join(tmpdir(), 'toolbridge-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function configFile(extra: Record<string, unknown>): string {
  files += 1;
  const path = join(dir, `config-${files}.json`);
  const providers = { up: { baseUrl: 'http://127.0.0.1:9/v1', api: 'chat' } };
  writeFileSync(path, JSON.stringify({ providers, ...extra }));
  return path;
}

describe('observability keys of the config file', () => {
  it('reads the admin key from adminKeyEnv; metrics default to on and can be turned off', async () => {
    const config = await loadGatewayConfig(
      { config: configFile({ adminKeyEnv: 'ADMIN', metrics: false }) },
      { ADMIN: ' one ' },
    );
    expect(config.adminKey).toBe('one');
    expect(config.metrics).toBe(false);
    const plain = await loadGatewayConfig({ config: configFile({}) }, {});
    expect(plain.metrics).toBe(true);
    expect(plain.adminKey).toBeNull();
  });

  it('refuses an adminKeyEnv that names an empty variable, saying what to set', async () => {
    const pending = loadGatewayConfig({ config: configFile({ adminKeyEnv: 'ADMIN' }) }, {});
    await expect(pending).rejects.toBeInstanceOf(ConfigError);
    await expect(pending).rejects.toThrow('"adminKeyEnv" names ADMIN, which is empty');
  });

  it('extends and overrides the default prices per model', async () => {
    const config = await loadGatewayConfig(
      {
        config: configFile({
          prices: { 'gpt-5.4': { input: 1, output: 2 }, qwen: { input: 0.2, output: 0.6 } },
        }),
      },
      {},
    );
    expect(config.prices['gpt-5.4']).toEqual({ input: 1, output: 2 });
    expect(config.prices['qwen']).toEqual({ input: 0.2, output: 0.6 });
    expect(config.prices['gpt-5.5']).toEqual({ input: 5, output: 30 });
  });
});
