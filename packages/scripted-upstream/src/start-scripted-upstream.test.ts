import { request as httpRequest } from 'node:http';
import OpenAI, { AuthenticationError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const started: ScriptedUpstream[] = [];

async function start(options: Parameters<typeof startScriptedUpstream>[0] = {}): Promise<ScriptedUpstream> {
  const upstream = await startScriptedUpstream(options);
  started.push(upstream);
  return upstream;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((upstream) => upstream.close()));
});

describe('startScriptedUpstream', () => {
  it('listens on a free loopback port and lists models', async () => {
    const upstream = await start({ models: ['alpha', 'beta'] });
    expect(upstream.url).toBe(`http://127.0.0.1:${upstream.port}/v1`);
    expect(upstream.port).toBeGreaterThan(0);
    const client = new OpenAI({ baseURL: upstream.url, apiKey: 'k', maxRetries: 0 });
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['alpha', 'beta']);
    expect((await client.models.retrieve('beta')).owned_by).toBe('scripted-upstream');
    await expect(client.models.retrieve('gamma')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('checks the bearer key when one is configured', async () => {
    const upstream = await start({ apiKey: 'sk-right' });
    const wrong = new OpenAI({ baseURL: upstream.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await wrong.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    const right = new OpenAI({ baseURL: upstream.url, apiKey: 'sk-right', maxRetries: 0 });
    const answer = await right.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0]?.message.content).toBe('Echo: hi');
  });

  it('records method, path, headers and parsed body', async () => {
    const upstream = await start();
    const client = new OpenAI({ baseURL: upstream.url, apiKey: 'k', maxRetries: 0 });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer k' },
      body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    });
  });

  it('answers unknown routes, bad JSON and oversized bodies with OpenAI envelopes', async () => {
    const upstream = await start({ maxBodyBytes: 1024 });
    const unknown = await fetch(`${upstream.url}/embeddings`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/embeddings)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const bad = await fetch(`${upstream.url}/chat/completions`, { method: 'POST', body: '{"model":' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/json');
    const big = await fetch(`${upstream.url}/chat/completions`, { method: 'POST', body: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
  });

  it('close() destroys a stalled stream and resolves promptly', async () => {
    const upstream = await start();
    const body = JSON.stringify({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'hello #stall' }],
    });
    const ended = new Promise<string>((resolve) => {
      const outgoing = httpRequest(
        `${upstream.url}/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (incoming) => {
          incoming.once('data', () => {
            void upstream.close();
          });
          incoming.on('error', () => resolve('error'));
          incoming.on('close', () => resolve('closed'));
        },
      );
      outgoing.on('error', () => resolve('error'));
      outgoing.end(body);
    });
    const startedAt = Date.now();
    await expect(ended).resolves.toMatch(/closed|error/);
    await upstream.close();
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it('maps a wildcard host to a loopback URL', async () => {
    const upstream = await start({ host: '0.0.0.0' });
    expect(upstream.url).toBe(`http://127.0.0.1:${upstream.port}/v1`);
    expect(upstream.fixedUrl('chat-json')).toBe(`http://127.0.0.1:${upstream.port}/fixed/chat-json/v1`);
  });
});
