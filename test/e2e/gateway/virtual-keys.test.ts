import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCost } from '@toolbridge/core';
import { type AccessStore, createVirtualKey, openAccessStore, VIRTUAL_KEY_PREFIX } from '@toolbridge/gateway';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, awaitRoomInMinute } from '../../../test-support/gateway/admin-api.js';
import { expectOpenAIError, literal } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// Virtual keys, their limits and budgets (docs/configuration.md#projects-keys-and-limits), through the
// official SDK; keys are made with the admin API (docs/configuration.md#the-admin-api).
const ADMIN_KEY = 'admin-0123456789abcdef';
const root = mkdtempSync(join(tmpdir(), 'toolbridge-vkeys-'));
const storePath = join(root, 'gateway.db');

let harness: TestGateway;
let sideStore: AccessStore;
const admin = () => adminApi(harness.gateway.url, ADMIN_KEY);
const client = (key: string) => new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  harness = await startTestGateway({
    upstreamApi: 'responses',
    store: storePath,
    config: { adminKey: ADMIN_KEY },
  });
  // A second connection to the same file, as `toolbridge keys` would open it.
  sideStore = await openAccessStore(storePath);
});
afterAll(async () => {
  await harness.close();
  await sideStore.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the admin API', () => {
  it('creates a key shown once, lists it without the secret, and refuses other keys', async () => {
    const created = await admin().request('POST', '/admin/keys', { project: 'team-a', name: 'ci', rpm: 100 });
    expect(created.status).toBe(201);
    const key = String(created.body['key']);
    expect(key.startsWith(VIRTUAL_KEY_PREFIX)).toBe(true);
    expect(created.body).toMatchObject({
      object: 'toolbridge.key',
      project: 'team-a',
      status: 'active',
      rpm: 100,
    });
    const listed = await admin().request('GET', '/admin/keys?project=team-a');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect((listed.body['data'] as Array<{ id: string }>).map((entry) => entry.id)).toContain(
      created.body['id'],
    );
    for (const wrong of ['', key, 'admin-wrong']) {
      const refused = await adminApi(harness.gateway.url, wrong).request('GET', '/admin/keys');
      expect(refused.status).toBe(401);
    }
    const invalid = await admin().request('POST', '/admin/keys', { project: 'no spaces allowed' });
    expect(invalid).toMatchObject({ status: 400, body: { error: { param: 'project' } } });
    const unknown = await admin().request('GET', '/admin/keys/key_nope');
    expect(unknown.status).toBe(404);
  });

  it('a key without limits works, and its spend (usage × price) shows in the admin API', async () => {
    const { key, id } = await admin().createKey({ project: 'team-a' });
    const response = await client(key).responses.create({ model: 'gpt-5.4', input: 'Hello there' });
    const usage = response.usage;
    if (!usage) throw new Error('expected usage');
    const cost = computeCost(
      {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cachedTokens: usage.input_tokens_details.cached_tokens,
        totalTokens: usage.total_tokens,
        reasoningTokens: 0,
      },
      'gpt-5.4',
    );
    const shown = await admin().request('GET', `/admin/keys/${id}`);
    expect(shown.body['spend']).toEqual({
      usd: Math.round((cost?.total ?? 0) * 1e9) / 1e9,
      period: 'total',
      period_start: 0,
    });
  });

  it('a revoked key stops working at once (SQLite)', async () => {
    const { key, id } = await admin().createKey({ project: 'team-a' });
    await client(key).models.list();
    const revoked = await admin().request('DELETE', `/admin/keys/${id}`);
    expect(revoked.body).toMatchObject({ id, revoked: true, status: 'revoked' });
    await expectOpenAIError(client(key).models.list(), {
      status: 401,
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  });
});

describe('virtual key policies', () => {
  it('an expired key is a 401 that says so', async () => {
    // Made as `toolbridge keys create --expires` makes it: straight into the store the gateway reads.
    const made = await createVirtualKey(sideStore, {
      project: 'team-a',
      expiresAt: Math.floor(Date.now() / 1000) + 2,
    });
    const expiresAt = made.record.expiresAt ?? 0;
    expect((await client(made.key).models.list()).data.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    await expectOpenAIError(client(made.key).models.list(), {
      status: 401,
      message: /^Incorrect API key provided: this key \(sk-tb-….{4}\) expired at /,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  });

  it('a key limited to some models gets OpenAI’s 403 for others, and lists only its own', async () => {
    const { key } = await admin().createKey({ project: 'team-m', models: ['gpt-5.4-mini'] });
    const limited = client(key);
    const error = await expectOpenAIError(limited.responses.create({ model: 'gpt-5.4', input: 'hi' }), {
      status: 403,
      message: new RegExp(`^${literal('Project `team-m` does not have access to model `gpt-5.4`')}`),
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_found',
    });
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expectOpenAIError(
      limited.chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }] }),
      {
        status: 403,
        message: /does not have access/,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    );
    expect((await limited.responses.create({ model: 'gpt-5.4-mini', input: 'hi' })).status).toBe('completed');
    expect((await limited.models.list()).data.map((model) => model.id)).toEqual(['gpt-5.4-mini']);
  });

  it('rpm: OpenAI’s x-ratelimit headers on every answer, then 429 rate_limit_exceeded', async () => {
    await awaitRoomInMinute();
    const { key } = await admin().createKey({ project: 'team-r', rpm: 2 });
    const limited = client(key);
    for (const remaining of ['1', '0']) {
      const { response } = await limited.responses.create({ model: 'gpt-5.4', input: 'hi' }).withResponse();
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('2');
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe(remaining);
      expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?m?s$/);
      expect(response.headers.get('x-ratelimit-limit-tokens')).toBeNull();
    }
    const error = await expectOpenAIError(limited.responses.create({ model: 'gpt-5.4', input: 'hi' }), {
      status: 429,
      message:
        /^Rate limit reached for gpt-5\.4 in project team-r on requests per min \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in /,
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    });
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('tpm: tokens of JSON and streamed answers count; a full minute is 429 with type tokens', async () => {
    await awaitRoomInMinute();
    const { key } = await admin().createKey({ project: 'team-t', tpm: 150 });
    const limited = client(key);
    const long = 'weather '.repeat(25);
    const first = await limited.responses.create({ model: 'gpt-5.4', input: long });
    const used = first.usage?.total_tokens ?? 0;
    expect(used).toBeGreaterThan(50);
    expect(used).toBeLessThan(150);
    const { data: stream, response } = await limited.responses
      .create({ model: 'gpt-5.4', input: long, stream: true })
      .withResponse();
    expect(response.headers.get('x-ratelimit-remaining-tokens')).toBe(String(150 - used));
    for await (const _event of stream) {
      // drain: the streamed answer's tokens are booked before the stream ends
    }
    await expectOpenAIError(limited.responses.create({ model: 'gpt-5.4', input: 'hi' }), {
      status: 429,
      message: /on tokens per min \(TPM\): Limit 150, Used \d+\./,
      type: 'tokens',
      param: null,
      code: 'rate_limit_exceeded',
    });
  });

  it('budget: a spent budget is 429 insufficient_quota, as OpenAI answers a spent quota', async () => {
    const { key, id } = await admin().createKey({ project: 'team-q', budget: '0.0001/day' });
    const limited = client(key);
    await limited.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Write a long answer about the weather in many cities of Europe' }],
    });
    const error = await expectOpenAIError(limited.responses.create({ model: 'gpt-5.4', input: 'hi' }), {
      status: 429,
      message:
        /^You exceeded your current quota, please check your plan and billing details\. This key's budget of \$0\.0001 \(day\) is spent/,
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    });
    expect(error.headers?.get('x-should-retry')).toBe('false');
    const shown = await admin().request('GET', `/admin/keys/${id}`);
    expect((shown.body['spend'] as { usd: number }).usd).toBeGreaterThanOrEqual(0.0001);
    expect(shown.body['budget']).toEqual({ usd: 0.0001, period: 'day' });
  });

  it('budget and rpm together: the spent budget refuses first, and the refused request is not counted', async () => {
    await awaitRoomInMinute();
    const { key, id } = await admin().createKey({ project: 'team-qr', budget: '0.0001/day', rpm: 5 });
    const limited = client(key);
    const { response } = await limited.chat.completions
      .create({
        model: 'gpt-5.4',
        messages: [
          { role: 'user', content: 'Write a long answer about the weather in many cities of Europe' },
        ],
      })
      .withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('4');
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await expectOpenAIError(limited.responses.create({ model: 'gpt-5.4', input: 'hi' }), {
        status: 429,
        message: /^You exceeded your current quota, please check your plan and billing details\./,
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      });
      expect(error.headers?.get('x-ratelimit-remaining-requests')).toBeNull();
    }
    // Only the answered request is in the key's minute: one more take (the store's own) makes two.
    const windowStart = Math.floor(Date.now() / 60_000) * 60;
    expect(await sideStore.takeRequest({ keyId: id, windowStart, rpm: 100, tpm: null })).toEqual({
      admitted: true,
      requests: 2,
      tokens: expect.any(Number),
    });
  });
});
