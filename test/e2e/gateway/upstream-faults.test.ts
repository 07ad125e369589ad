import { createServer } from 'node:net';
import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import {
  type RelayFault,
  type RelayUpstream,
  startRelayUpstream,
} from '../../../test-support/gateway/start-relay-upstream.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// What the client gets when the upstream misbehaves (docs/protocol/errors.md, the stream endings in
// docs/protocol/chat-completions.md#streaming rule 9 and docs/protocol/responses.md#endings; conformance
// cases 31, 65, 72): HTTP errors mapped to OpenAI envelopes,
// mid-stream failures as error events that never hang, timeouts within their limits, retries only
// before the first byte, and a client that leaves aborting the upstream request.
const IDLE_MS = 300;
const FIRST_BYTE_MS = 400;
const SLACK_MS = 1_500;

type Api = 'chat' | 'responses';

/** One streamed request through the SDK: what arrived before the stream ended or failed, and when. */
async function streamThroughSdk(client: OpenAI, api: Api, prompt: string) {
  const started = performance.now();
  const items: unknown[] = [];
  let error: unknown = null;
  try {
    const stream =
      api === 'chat'
        ? await client.chat.completions.create({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: prompt }],
            stream: true,
          })
        : await client.responses.create({ model: 'gpt-5.4', input: prompt, stream: true });
    for await (const item of stream as AsyncIterable<unknown>) items.push(item);
  } catch (caught) {
    error = caught;
  }
  return { items, error, elapsedMs: performance.now() - started };
}

/** A raw streamed request: the SSE payloads as parsed JSON (and `[DONE]` as a string). */
async function streamRaw(baseURL: string, api: Api, prompt: string) {
  const started = performance.now();
  const response = await fetch(`${baseURL}/${api === 'chat' ? 'chat/completions' : 'responses'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      api === 'chat'
        ? { model: 'gpt-5.4', messages: [{ role: 'user', content: prompt }], stream: true }
        : { model: 'gpt-5.4', input: prompt, stream: true },
    ),
  });
  const text = await response.text();
  const payloads = text
    .split('\n\n')
    .filter((frame) => frame.includes('data: '))
    .map((frame) => frame.slice(frame.indexOf('data: ') + 6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>)));
  return { response, payloads, elapsedMs: performance.now() - started };
}

/** The error a stream ended with: Chat `data: {"error":…}`, Responses `error` then `response.failed`. */
function expectStreamError(api: Api, payloads: Array<string | Record<string, unknown>>, code: string): void {
  if (api === 'chat') {
    expect(payloads.at(-1)).not.toBe('[DONE]');
    expect(payloads.at(-1)).toMatchObject({ error: { code, type: 'server_error' } });
    return;
  }
  const types = payloads.map((payload) => (typeof payload === 'string' ? payload : payload['type']));
  expect(types.slice(-2)).toEqual(['error', 'response.failed']);
  expect(payloads.at(-2)).toMatchObject({ error: { code } });
  expect(payloads.at(-1)).toMatchObject({ response: { status: 'failed', error: { code } } });
}

/** The text a successful stream carried: Chat content deltas, or the Responses text deltas. */
function streamedText(api: Api, items: unknown[]): string {
  return items
    .map((item) => {
      if (api === 'chat') return (item as OpenAI.ChatCompletionChunk).choices[0]?.delta.content ?? '';
      const event = item as OpenAI.Responses.ResponseStreamEvent;
      return event.type === 'response.output_text.delta' ? event.delta : '';
    })
    .join('');
}

function create(client: OpenAI, api: Api, prompt: string): Promise<unknown> {
  return api === 'chat'
    ? client.chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: prompt }] })
    : client.responses.create({ model: 'gpt-5.4', input: prompt });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe.each(['chat', 'responses'] as const)('upstream faults over a %s upstream', (upstreamApi) => {
  describe('HTTP errors, resets, broken and stalled streams', () => {
    let harness: TestGateway;
    let before = 0;
    beforeAll(async () => {
      harness = await startTestGateway({
        upstreamApi,
        provider: { timeouts: { connectMs: 500, firstByteMs: FIRST_BYTE_MS, idleMs: IDLE_MS } },
      });
    });
    afterAll(async () => {
      await harness.close();
    });
    beforeEach(() => {
      before = harness.upstream.requests.length;
    });
    const upstreamCalls = () => harness.upstream.requests.length - before;

    it.each(['chat', 'responses'] as const)(
      'upstream 500 → 502 upstream_error on the %s endpoint, JSON or stream',
      async (api) => {
        const failure = await expectOpenAIError(create(harness.client, api, 'Hi #error=500'), {
          status: 502,
          message: /^Upstream 'scripted' failed with HTTP 500: The server had an error/,
          type: 'server_error',
          param: null,
          code: 'upstream_error',
        });
        // An upstream 5xx is transient: the SDK retries it as it would have against the upstream itself
        // (docs/protocol/errors.md#status-codes-and-retries), after the gateway's own retries.
        expect(failure.headers?.get('x-should-retry')).toBe('true');
        const { response, payloads } = await streamRaw(harness.baseURL, api, 'Hi #error=500');
        expect(response.status).toBe(502);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(payloads).toEqual([]);
        expect(upstreamCalls()).toBe(2);
      },
    );

    it('upstream 429 → 429 rate_limit_exceeded with retry-after kept', async () => {
      const failure = await expectOpenAIError(create(harness.client, upstreamApi, 'Hi #error=429'), {
        status: 429,
        message: 'Rate limit reached for requests (scripted upstream #error=429).',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      });
      expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
      expect(failure.headers?.get('retry-after')).toBe('1');
    });

    it.each(['chat', 'responses'] as const)(
      'a reset mid-stream ends the %s stream with an error, no hang',
      async (api) => {
        const { payloads, elapsedMs } = await streamRaw(harness.baseURL, api, 'Weather? #reset #fragments=6');
        expect(payloads.length).toBeGreaterThan(1);
        expectStreamError(api, payloads, 'upstream_unreachable');
        expect(elapsedMs).toBeLessThan(SLACK_MS);
        const viaSdk = await streamThroughSdk(harness.client, api, 'Weather? #reset #fragments=6');
        expect(viaSdk.error).toBeInstanceOf(OpenAI.APIError);
        expect(viaSdk.items.length).toBeGreaterThan(0);
      },
    );

    it('a reset before the JSON body is complete → 502', async () => {
      await expectOpenAIError(create(harness.client, upstreamApi, 'Hi #reset'), {
        status: 502,
        message: /unreachable|closed|terminated|socket/i,
        type: 'server_error',
        param: null,
        code: 'upstream_unreachable',
      });
    });

    it.each(['chat', 'responses'] as const)(
      'a malformed chunk ends the %s stream with upstream_invalid_response',
      async (api) => {
        const { payloads } = await streamRaw(
          harness.baseURL,
          api,
          'Say something long enough #malformed-chunk',
        );
        expectStreamError(api, payloads, 'upstream_invalid_response');
        const viaSdk = await streamThroughSdk(harness.client, api, 'Say something #malformed-chunk');
        expect(viaSdk.error).toBeInstanceOf(OpenAI.APIError);
      },
    );

    it('a malformed JSON body → 502 upstream_invalid_response', async () => {
      await expectOpenAIError(create(harness.client, upstreamApi, 'Hi #malformed-chunk'), {
        status: 502,
        message: /cannot read: the body is not JSON/,
        type: 'server_error',
        param: null,
        code: 'upstream_invalid_response',
      });
    });

    it.concurrent.each(['chat', 'responses'] as const)(
      'a stream that stalls past idleMs ends the %s stream within the timeout',
      async (api) => {
        const { payloads, elapsedMs } = await streamRaw(harness.baseURL, api, 'Say something #stall');
        expectStreamError(api, payloads, 'upstream_timeout');
        expect(elapsedMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
        expect(elapsedMs).toBeLessThan(IDLE_MS + SLACK_MS);
      },
    );

    it.concurrent('a JSON body that stalls → 504 upstream_timeout, retryable', async () => {
      const started = performance.now();
      const failure = await expectOpenAIError(create(harness.client, upstreamApi, 'Hi #stall'), {
        status: 504,
        message: `Upstream 'scripted' stalled: no data for ${IDLE_MS} ms.`,
        type: 'server_error',
        param: null,
        code: 'upstream_timeout',
      });
      expect(performance.now() - started).toBeLessThan(IDLE_MS + SLACK_MS);
      expect(failure.headers?.get('x-should-retry')).toBe('true');
    });

    it.concurrent('no response headers within firstByteMs → 504, JSON or stream', async () => {
      const started = performance.now();
      const [json, streamed] = await Promise.all([
        fetch(`${harness.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: 'Hi #first-byte-delay=3000' }],
          }),
        }),
        streamRaw(harness.baseURL, upstreamApi, 'Hi #first-byte-delay=3000'),
      ]);
      expect(json.status).toBe(504);
      expect(await json.json()).toMatchObject({ error: { code: 'upstream_timeout', type: 'server_error' } });
      expect(streamed.response.status).toBe(504);
      expect(streamed.payloads).toEqual([]);
      expect(performance.now() - started).toBeLessThan(FIRST_BYTE_MS + SLACK_MS);
    });

    it.each(['chat', 'responses'] as const)(
      'an upstream mid-stream error reaches the %s client as an error event (cases 31, 65)',
      async (api) => {
        const { payloads } = await streamRaw(
          harness.baseURL,
          api,
          'Say something long #error-midstream #fragments=6',
        );
        const last = api === 'chat' ? payloads.at(-1) : payloads.at(-2);
        expect(JSON.stringify(last)).toContain('scripted upstream #error-midstream');
        if (api === 'responses') expect(payloads.at(-1)).toMatchObject({ type: 'response.failed' });
        else expect(payloads.at(-1)).not.toBe('[DONE]');
        const viaSdk = await streamThroughSdk(harness.client, api, 'Say something long #error-midstream');
        expect(viaSdk.error).toBeInstanceOf(OpenAI.APIError);
        expect((viaSdk.error as Error).message).toContain('#error-midstream');
      },
    );
  });

  describe('an unreachable upstream', () => {
    let harness: TestGateway;
    beforeAll(async () => {
      harness = await startTestGateway({
        upstreamApi,
        provider: {
          baseUrl: `http://127.0.0.1:${await freePort()}/v1`,
          timeouts: { connectMs: 500, firstByteMs: FIRST_BYTE_MS, idleMs: IDLE_MS },
        },
      });
    });
    afterAll(async () => {
      await harness.close();
    });

    it('→ 502 upstream_unreachable, JSON or stream, before any SSE byte', async () => {
      await expectOpenAIError(create(harness.client, upstreamApi, 'Hi'), {
        status: 502,
        message: /^Upstream 'scripted' \(http:\/\/127\.0\.0\.1:\d+\/v1\) is unreachable/,
        type: 'server_error',
        param: null,
        code: 'upstream_unreachable',
      });
      const { response, payloads } = await streamRaw(harness.baseURL, upstreamApi, 'Hi');
      expect(response.status).toBe(502);
      expect(payloads).toEqual([]);
    });
  });

  describe('retries before the first byte', () => {
    let scripted: ScriptedUpstream;
    let relay: RelayUpstream;
    let harness: TestGateway;
    let faults: RelayFault[] = [];
    beforeAll(async () => {
      scripted = await startScriptedUpstream();
      relay = await startRelayUpstream({ target: scripted.url, fault: () => faults.shift() ?? null });
      harness = await startTestGateway({ upstreamApi, provider: { baseUrl: relay.url, retries: 2 } });
    });
    afterAll(async () => {
      await harness.close();
      await relay.close();
      await scripted.close();
    });

    it.each([
      ['a 500', { status: 500 }],
      ['a 503', { status: 503 }],
      ['a reset', { reset: true }],
    ] as const)('retries %s on the first attempt and succeeds (JSON)', async (_name, fault) => {
      faults = [fault];
      const attempts = relay.attempts;
      const answered = scripted.requests.length;
      const result = await create(harness.client, upstreamApi, 'Say hello');
      expect(JSON.stringify(result)).toContain('Echo: Say hello');
      expect(relay.attempts - attempts).toBe(2);
      expect(scripted.requests.length - answered).toBe(1);
    });

    it('retries a stream that fails before its first event, then streams', async () => {
      faults = [{ emptyStream: true }, { status: 502 }];
      const attempts = relay.attempts;
      const { items, error } = await streamThroughSdk(harness.client, upstreamApi, 'Say hello');
      expect(error).toBeNull();
      expect(streamedText(upstreamApi, items)).toBe('Echo: Say hello');
      expect(relay.attempts - attempts).toBe(3);
    });

    it('gives up after provider retries: 1 + 2 attempts, then 502', async () => {
      faults = [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }];
      const attempts = relay.attempts;
      await expectOpenAIError(create(harness.client, upstreamApi, 'Say hello'), {
        status: 502,
        message: /HTTP 500: relay fault 500/,
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      });
      expect(relay.attempts - attempts).toBe(3);
      faults = [];
    });

    it('never retries a 429 insufficient_quota (waiting does not refill a quota): passed on at once', async () => {
      const attempts = relay.attempts;
      const failure = await expectOpenAIError(create(harness.client, upstreamApi, 'Say hello #quota'), {
        status: 429,
        message: /You exceeded your current quota/,
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      });
      expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
      expect(relay.attempts - attempts).toBe(1);
    });

    it('retries a 429 rate limit (it clears with time)', async () => {
      faults = [{ status: 429 }];
      const attempts = relay.attempts;
      const result = await create(harness.client, upstreamApi, 'Say hello');
      expect(JSON.stringify(result)).toContain('Echo: Say hello');
      expect(relay.attempts - attempts).toBe(2);
    });

    it('never retries a 400 (the request itself is at fault)', async () => {
      faults = [{ status: 400 }];
      const attempts = relay.attempts;
      await expectOpenAIError(create(harness.client, upstreamApi, 'Say hello'), {
        status: 400,
        message: "Upstream 'scripted' rejected the request: relay fault 400",
        type: 'server_error',
        param: null,
        code: null,
      });
      expect(relay.attempts - attempts).toBe(1);
    });
  });

  describe('a client that disconnects mid-stream', () => {
    let scripted: ScriptedUpstream;
    let relay: RelayUpstream;
    let harness: TestGateway;
    beforeAll(async () => {
      scripted = await startScriptedUpstream();
      relay = await startRelayUpstream({ target: scripted.url });
      harness = await startTestGateway({ upstreamApi, provider: { baseUrl: relay.url } });
    });
    afterAll(async () => {
      await harness.close();
      await relay.close();
      await scripted.close();
    });

    it('a client that gives up on a JSON request aborts the upstream request too', async () => {
      const controller = new AbortController();
      const closedBefore = relay.closedEarly;
      setTimeout(() => controller.abort(), 150);
      await expect(
        harness.client.chat.completions.create(
          { model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi #first-byte-delay=3000' }] },
          { signal: controller.signal },
        ),
      ).rejects.toThrow(OpenAI.APIUserAbortError);
      await relay.waitForEarlyClose(closedBefore + 1, 1_000);
    });

    it.each(['chat', 'responses'] as const)('aborts the upstream request (%s endpoint)', async (api) => {
      const controller = new AbortController();
      const stream =
        api === 'chat'
          ? await harness.client.chat.completions.create(
              {
                model: 'gpt-5.4',
                messages: [{ role: 'user', content: 'Say something long #fragments=40 #delay=100' }],
                stream: true,
              },
              { signal: controller.signal },
            )
          : await harness.client.responses.create(
              { model: 'gpt-5.4', input: 'Say something long #fragments=40 #delay=100', stream: true },
              { signal: controller.signal },
            );
      let received = 0;
      const closedBefore = relay.closedEarly;
      const started = performance.now();
      // The SDK ends the iteration quietly once its signal aborts.
      for await (const _event of stream as AsyncIterable<unknown>) {
        received += 1;
        if (received === 3) controller.abort();
      }
      expect(received).toBeLessThan(10);
      expect(performance.now() - started).toBeLessThan(1_000);
      // The upstream answer would take ~4 s; the gateway must drop it as soon as the client left.
      await relay.waitForEarlyClose(closedBefore + 1, 1_000);
      for (let waited = 0; harness.gateway.gateway.inFlight > 0 && waited < 1_000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(harness.gateway.gateway.inFlight).toBe(0);
    });
  });
});
