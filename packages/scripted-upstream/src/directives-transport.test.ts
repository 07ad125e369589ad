import OpenAI, { APIError, APIUserAbortError, InternalServerError, RateLimitError } from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let upstream: ScriptedUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new OpenAI({ baseURL: upstream.url, apiKey: 'test-key', maxRetries: 0, logLevel: 'off' });
});
afterAll(() => upstream.close());

function body(content: string) {
  return { model: 'm', messages: [{ role: 'user' as const, content }], tools: [weatherTool] };
}

function chat(content: string) {
  return client.chat.completions.create(body(content));
}

function chatStream(content: string) {
  return client.chat.completions.create({ ...body(content), stream: true });
}

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _item of iterable) count += 1;
  return count;
}

async function rawChat(content: string): Promise<string[]> {
  const response = await fetch(`${upstream.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content }],
      tools: [weatherTool],
    }),
  });
  return (await response.text()).split('\n\n').filter((frame) => frame !== '');
}

describe('#error=NNN', () => {
  it('answers 500, 503 and 429 in the OpenAI envelope; 429 carries retry-after', async () => {
    const server = await chat('Weather? #error=500').catch((caught: unknown) => caught);
    expect(server).toBeInstanceOf(InternalServerError);
    expect(server).toMatchObject({ status: 500, type: 'server_error' });
    const overloaded = await client.responses
      .create({ model: 'm', input: 'hi #error=503' })
      .catch((caught: unknown) => caught);
    expect(overloaded).toMatchObject({ status: 503 });
    const limited = await chat('Weather? #error=429').catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded' });
    expect((limited as RateLimitError).headers?.get('retry-after')).toBe('1');
  });

  it('is honoured from the x-scripted-directives header and lets the SDK retry', async () => {
    const retrying = new OpenAI({ baseURL: upstream.url, apiKey: 'k', maxRetries: 1, logLevel: 'off' });
    const before = upstream.requests.length;
    const error = await retrying.chat.completions
      .create(
        { model: 'm', messages: [{ role: 'user', content: 'plain prompt' }] },
        { headers: { 'x-scripted-directives': '#error=500' } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 500 });
    expect(upstream.requests.length - before).toBe(2);
  });
});

describe('#error-midstream', () => {
  it('sends a Chat error chunk that the SDK raises as APIError; JSON requests get a 500', async () => {
    const frames = await rawChat('Weather in Paris? #error-midstream');
    expect(frames.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(frames.at(-2)?.replace(/^data: /, '') ?? '')).toMatchObject({
      error: { type: 'server_error' },
    });
    const stream = await chatStream('Weather in Paris? #error-midstream');
    const error = await drain(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toContain('#error-midstream');
    await expect(chat('Weather in Paris? #error-midstream')).rejects.toMatchObject({ status: 500 });
  });
});

describe('timing directives', () => {
  it('#delay=MS spaces the chunks out', async () => {
    const started = Date.now();
    const stream = await chatStream('Weather in Paris? #delay=30 #fragments=3');
    const stamps: number[] = [];
    for await (const _chunk of stream) stamps.push(Date.now());
    // role + naming delta + 3 fragments + finish = 6 frames, [DONE] is the 7th: 6 pauses.
    expect(stamps).toHaveLength(6);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 30 - 10);
  });

  it('#first-byte-delay=MS holds the answer back', async () => {
    const started = Date.now();
    await chat('Weather in Paris? #first-byte-delay=150');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('connection faults', () => {
  it('#stall stops a stream half-way and keeps the socket open until the client gives up', async () => {
    const stream = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'Weather in Paris? #stall' }],
      tools: [weatherTool],
    });
    let chunks = 0;
    stream.on('chunk', () => {
      chunks += 1;
    });
    const timer = setTimeout(() => stream.abort(), 300);
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(APIUserAbortError);
    clearTimeout(timer);
    expect(chunks).toBeGreaterThan(0);
    expect(chunks).toBeLessThan(11);
  });

  it('#stall on a JSON answer never completes the body', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    const request = client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'Weather? #stall' }] },
      { signal: controller.signal },
    );
    await expect(request).rejects.toThrow();
    clearTimeout(timer);
  });

  it('#reset destroys the socket mid-stream and mid-body', async () => {
    const stream = await chatStream('Weather in Paris? #reset');
    await expect(drain(stream)).rejects.toThrow();
    await expect(chat('Weather in Paris? #reset')).rejects.toThrow();
    const responses = await client.responses.create({ model: 'm', input: 'Hello #reset', stream: true });
    await expect(drain(responses)).rejects.toThrow();
  });

  it('#malformed-chunk breaks one Chat data line and the JSON body', async () => {
    const frames = await rawChat('Weather in Paris? #malformed-chunk');
    expect(frames.filter((frame) => frame.startsWith('data: {') && !frame.endsWith('}'))).toHaveLength(1);
    const stream = await chatStream('Weather in Paris? #malformed-chunk');
    await expect(drain(stream)).rejects.toThrow(SyntaxError);
    await expect(chat('Weather in Paris? #malformed-chunk')).rejects.toThrow();
  });
});

describe('directive sources', () => {
  it('applies server-wide directives and lets a message add its own', async () => {
    const scripted = await startScriptedUpstream({ directives: '#no-usage #text' });
    try {
      const local = new OpenAI({ baseURL: scripted.url, apiKey: 'k', maxRetries: 0 });
      const answer = await local.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi #length' }],
        tools: [weatherTool],
      });
      expect(answer.usage).toBeUndefined();
      expect(answer.choices[0]?.message.content).toBe('Echo');
      expect(answer.choices[0]?.finish_reason).toBe('length');
    } finally {
      await scripted.close();
    }
  });
});
