import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig, type RunningGateway, startGateway } from '@toolbridge/gateway';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCassetteSession, withoutVolatile } from '../../../test-support/gateway/cassette-session.js';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// Cassettes (docs/cassettes.md): record a session through the gateway with the official SDK once,
// replay it with the upstream gone, and get the same client-visible results, ids and times aside.
const UPSTREAM_KEY = 'sk-upstream-secret-0123456789';

async function replaying(dir: string, timing?: 'real' | 'fast'): Promise<RunningGateway> {
  const config = await loadGatewayConfig(
    {
      replay: dir,
      store: ':memory:',
      port: 0,
      logLevel: 'silent',
      ...(timing ? { replayTiming: timing } : {}),
    },
    {},
  );
  return startGateway({ config });
}

async function cassetteTexts(dir: string): Promise<Array<{ name: string; text: string }>> {
  const names = (await readdir(dir)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}

describe.each(['chat', 'responses'] as const)('cassettes over a %s upstream', (upstreamApi) => {
  let dir = '';
  let recorded: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `toolbridge-cassettes-${upstreamApi}-`));
    const harness = await startTestGateway({
      upstreamApi,
      upstream: { apiKey: UPSTREAM_KEY },
      provider: { apiKey: UPSTREAM_KEY, apiKeyEnv: 'UPSTREAM_KEY' },
      config: { cassettes: { mode: 'record', dir, timing: 'fast', redact: [] } },
    });
    recorded = await runCassetteSession(harness.baseURL);
    await harness.close();
    // Every step of the recorded session answered: the replay must reproduce answers, not errors.
    for (const index of [0, 1, 3]) expect(recorded[index]).toMatch(/^200 /);
    expect(recorded[2]).toContain('"type":"response.completed"');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one readable JSON file per upstream exchange, with the stream frames and their timing', async () => {
    const files = await cassetteTexts(dir);
    // chat, chat stream, responses stream, its follow-up, runTools' two turns.
    expect(files.map((file) => file.name)).toHaveLength(6);
    const path = upstreamApi === 'chat' ? 'chat-completions' : 'responses';
    for (const file of files) expect(file.name).toMatch(new RegExp(`^\\d{4}-${path}-[0-9a-f]{16}\\.json$`));
    const streamed = JSON.parse(files[1]?.text ?? '{}');
    expect(streamed).toMatchObject({
      toolbridgeCassette: 1,
      provider: { name: 'scripted', api: upstreamApi },
      request: { method: 'POST', stream: true },
      response: { status: 200, headers: { 'content-type': expect.stringContaining('text/event-stream') } },
    });
    expect(streamed.response.frames.length).toBeGreaterThan(3);
    expect(streamed.response.frames[0]).toMatchObject({ atMs: expect.any(Number), data: expect.any(Object) });
    expect(files[0]?.text).toContain('\n  "request": {\n');
  });

  it('keeps no key and no authorization header in any cassette', async () => {
    for (const file of await cassetteTexts(dir)) {
      expect(file.text.toLowerCase(), file.name).not.toContain('authorization');
      expect(file.text, file.name).not.toContain(UPSTREAM_KEY);
      expect(file.text, file.name).not.toContain('sk-client-key');
      expect(file.text.toLowerCase(), file.name).not.toContain('bearer');
    }
  });

  it('replays the session with the upstream stopped: the same results, ids and times aside', async () => {
    const replay = await replaying(dir);
    try {
      const replayed = await runCassetteSession(`${replay.url}/v1`);
      expect(withoutVolatile(replayed)).toEqual(withoutVolatile(recorded));
      expect(recorded[4]).toContain('18C sunny in Paris');
    } finally {
      await replay.close({ graceMs: 100 });
    }
  });

  it('replays at the recorded pace with --replay-timing real', async () => {
    const replay = await replaying(dir, 'real');
    try {
      const replayed = await runCassetteSession(`${replay.url}/v1`);
      expect(withoutVolatile(replayed)).toEqual(withoutVolatile(recorded));
    } finally {
      await replay.close({ graceMs: 100 });
    }
  });

  it('answers a request no cassette holds with a 400 naming the closest cassette and the field', async () => {
    const replay = await replaying(dir);
    try {
      const client = new OpenAI({ baseURL: `${replay.url}/v1`, apiKey: 'k', maxRetries: 0 });
      const files = (await readdir(dir)).sort();
      const field = upstreamApi === 'chat' ? '/messages/0/content' : '/input/0/content';
      await expectOpenAIError(
        client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Lima?' }],
          tools: [
            {
              type: 'function',
              function: {
                name: 'get_weather',
                parameters: {
                  type: 'object',
                  properties: { city: { type: 'string' } },
                  required: ['city'],
                  additionalProperties: false,
                },
                strict: true,
              },
            },
          ],
        }),
        {
          status: 400,
          type: 'invalid_request_error',
          code: 'cassette_not_found',
          param: null,
          message: new RegExp(
            `^No cassette in .+ matches this upstream request \\(POST /${upstreamApi === 'chat' ? 'chat/completions' : 'responses'}\\)\\. The closest is ${files[0]}, which differs where ${field.replaceAll('/', '\\/')}[^ ]* has a different value\\.`,
          ),
        },
      );
    } finally {
      await replay.close({ graceMs: 100 });
    }
  });
});

describe('--redact', () => {
  it('removes the named fields (names and pointers) from requests and responses, and replays requests that differ only there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolbridge-redact-'));
    const redact = ['temperature', 'system_fingerprint', '/usage/prompt_tokens_details'];
    try {
      const harness = await startTestGateway({
        upstreamApi: 'chat',
        config: { cassettes: { mode: 'record', dir, timing: 'fast', redact } },
      });
      const ask = (baseURL: string, temperature: number) =>
        new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 }).chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Say hello.' }],
          temperature,
        });
      const live = await ask(harness.baseURL, 0.25);
      const sentUpstream = harness.upstream.requests[0]?.body as Record<string, unknown>;
      await harness.close();
      expect(sentUpstream['temperature']).toBe(0.25);
      expect(live.system_fingerprint).toMatch(/^fp_/);
      expect(live.usage?.prompt_tokens_details).toBeDefined();
      const [file] = await cassetteTexts(dir);
      const cassette = JSON.parse(file?.text ?? '{}');
      expect(cassette.redacted).toEqual(redact);
      expect(cassette.request.body).not.toHaveProperty('temperature');
      expect(cassette.request.body.messages).toEqual([{ role: 'user', content: 'Say hello.' }]);
      expect(cassette.response.body).not.toHaveProperty('system_fingerprint');
      expect(cassette.response.body.usage).not.toHaveProperty('prompt_tokens_details');
      expect(cassette.response.body.usage).toHaveProperty('completion_tokens_details');

      const replay = await replaying(dir);
      try {
        const replayed = await ask(`${replay.url}/v1`, 0.9);
        expect(replayed.choices[0]?.message.content).toBe(live.choices[0]?.message.content);
        expect(replayed.system_fingerprint ?? null).toBeNull();
      } finally {
        await replay.close({ graceMs: 100 });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
