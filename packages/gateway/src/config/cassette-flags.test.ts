import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-config.js';

// `serve --record / --replay / --replay-timing / --redact` (docs/cassettes.md#flags).
describe('cassette flags', () => {
  it('records next to a normal upstream, with the redact list', async () => {
    const config = await loadGatewayConfig(
      {
        upstream: 'http://127.0.0.1:9/v1',
        upstreamApi: 'chat',
        record: 'tapes',
        redact: ['user', '/metadata'],
      },
      {},
    );
    expect(config.cassettes).toEqual({
      mode: 'record',
      dir: 'tapes',
      timing: 'fast',
      redact: ['user', '/metadata'],
    });
  });

  it('refuses combinations that make no sense, saying what to do', async () => {
    const upstream = { upstream: 'http://127.0.0.1:9/v1', upstreamApi: 'chat' };
    await expect(loadGatewayConfig({ ...upstream, record: 'a', replay: 'b' }, {})).rejects.toThrow(
      '--record and --replay exclude each other',
    );
    await expect(loadGatewayConfig({ ...upstream, replayTiming: 'real' }, {})).rejects.toThrow(
      '--replay-timing needs --replay DIR',
    );
    await expect(loadGatewayConfig({ ...upstream, replay: 'x', replayTiming: 'slow' }, {})).rejects.toThrow(
      '--replay-timing must be "real" or "fast"',
    );
    await expect(loadGatewayConfig({ ...upstream, redact: ['user'] }, {})).rejects.toThrow(
      '--redact applies when recording',
    );
  });

  it('replays without upstream flags from the providers the cassettes name, and refuses an empty directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolbridge-empty-'));
    try {
      await expect(loadGatewayConfig({ replay: dir }, {})).rejects.toThrow(
        `${dir} holds no cassettes. Record some first`,
      );
      await expect(loadGatewayConfig({ replay: join(dir, 'missing') }, {})).rejects.toThrow(
        'Cannot read the cassette directory',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
