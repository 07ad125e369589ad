import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { type Endpoint, recordingClient } from '../../../test-support/gateway/openai-turns.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// Upstream faults and bad input over the scripted Anthropic upstream (docs/protocol/anthropic.md §11,
// cases … A-55): Anthropic errors become OpenAI envelopes with the right status,
// retried before the first byte; an error event after HTTP 200 is a client-visible stream error;
// what Anthropic would refuse is repaired or answered 400 naming the client's field.
type Payload = string | Record<string, unknown>;
const model = 'claude-sonnet-5';
const story = 'Tell me about the weather in Paris today, in detail please.';

/** A raw streamed request: the SSE payloads as parsed JSON (and `[DONE]` as a string). */
async function streamRaw(baseURL: string, endpoint: Endpoint, prompt: string) {
  const response = await fetch(`${baseURL}/${endpoint === 'chat' ? 'chat/completions' : 'responses'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      endpoint === 'chat'
        ? { model, messages: [{ role: 'user', content: prompt }], stream: true }
        : { model, input: prompt, stream: true },
    ),
  });
  const text = await response.text();
  const payloads: Payload[] = text
    .split('\n\n')
    .filter((frame) => frame.includes('data: '))
    .map((frame) => frame.slice(frame.indexOf('data: ') + 6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>)));
  return { response, payloads };
}

describe('Anthropic faults, no retries', () => {
  const harness = useTestGateway({ upstreamApi: 'anthropic' });

  it('A-40 chat: an error event after HTTP 200 ends the stream with an overloaded error, no [DONE]', async () => {
    const { response, payloads } = await streamRaw(harness.baseURL, 'chat', `${story} #error-midstream`);
    expect(response.status).toBe(200);
    const content = payloads.flatMap((payload) =>
      typeof payload === 'object' && Array.isArray(payload['choices'])
        ? (payload['choices'] as Array<{ delta: { content?: string }; finish_reason: string | null }>)
        : [],
    );
    expect(content.some((choice) => (choice.delta.content ?? '') !== '')).toBe(true);
    expect(content.every((choice) => choice.finish_reason === null)).toBe(true);
    expect(payloads).not.toContain('[DONE]');
    expect(payloads.at(-1)).toEqual({
      error: {
        message: 'The upstream failed mid-stream (overloaded_error): Overloaded',
        type: 'server_error',
        code: 'overloaded',
        param: null,
      },
    });
    const stream = await harness.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: `${story} #error-midstream` }],
      stream: true,
    });
    const failure = await (async () => {
      for await (const _ of stream);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain('Overloaded');
  });

  it('A-40 responses: error then response.failed; the stored response is failed, never completed', async () => {
    const { payloads } = await streamRaw(harness.baseURL, 'responses', `${story} #error-midstream`);
    const types = payloads.map((payload) => (typeof payload === 'string' ? payload : payload['type']));
    expect(types).toContain('response.output_text.delta');
    expect(types.slice(-2)).toEqual(['error', 'response.failed']);
    expect(types).not.toContain('response.completed');
    expect(payloads.at(-1)).toMatchObject({ response: { status: 'failed', error: { code: 'overloaded' } } });
    const id = (payloads[0] as { response: { id: string } }).response.id;
    const stored = await harness.client.responses.retrieve(id);
    expect(stored.status).toBe('failed');
    const failure = await harness.client.responses
      .stream({ model, input: `${story} #error-midstream` })
      .finalResponse()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
  });

  it('A-41: an error before any output is an HTTP 503 overloaded, nothing streamed', async () => {
    const pending = harness.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hello #error-at-start' }],
      stream: true,
    });
    await expectOpenAIError(pending, {
      status: 503,
      message: 'The upstream failed mid-stream (overloaded_error): Overloaded',
      type: 'server_error',
      param: null,
      code: 'overloaded',
    });
  });

  it('A-54: a 529 is a 503 overloaded envelope', async () => {
    const pending = harness.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hi #error=529' }],
    });
    await expectOpenAIError(pending, {
      status: 503,
      message: "Upstream 'scripted' is overloaded (HTTP 529): Overloaded Retry later.",
      type: 'server_error',
      param: null,
      code: 'overloaded',
    });
  });

  it('A-53: a 429 keeps its retry-after and says rate_limit_exceeded', async () => {
    const pending = harness.client.responses.create({ model, input: 'Hi #error=429' });
    const error = await expectOpenAIError(pending, {
      status: 429,
      message: 'Number of request tokens has exceeded your per-minute rate limit (#error=429).',
      type: 'rate_limit_error',
      param: null,
      code: 'rate_limit_exceeded',
    });
    expect(error.headers?.get('retry-after')).toBe('1');
  });

  it('A-55: an Anthropic 400 is a 400 with context; 401 is the gateway’s credential error; 500 a 502', async () => {
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hi #error=400' }],
      }),
      {
        status: 400,
        message: "Upstream 'scripted' rejected the request: Scripted invalid request (#error=400).",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    );
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hi #error=401' }],
      }),
      {
        status: 502,
        // The upstream's own words are never relayed for a credential failure (they can quote the key).
        message: /^Upstream 'scripted' refused the gateway's credentials \(HTTP 401\)\. /,
        type: 'server_error',
        param: null,
        code: 'upstream_authentication_failed',
      },
    );
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hi #error=500' }],
      }),
      {
        status: 502,
        message: "Upstream 'scripted' failed with HTTP 500: Internal server error (#error=500).",
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      },
    );
    const tooLarge = harness.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hi #error=413' }],
    });
    await expect(tooLarge).rejects.toMatchObject({ status: 413, code: 'request_too_large' });
  });

  it('history Anthropic would refuse is repaired: runs of one role, empty text, "" arguments, foreign ids', async () => {
    const { client, lastHeaders } = recordingClient(harness.baseURL);
    const answer = await client.chat.completions.create({
      model,
      tools: [chatWeatherTool()],
      messages: [
        { role: 'user', content: 'Hello.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call|weird:1', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call|weird:1', content: '18C' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('get_weather: 18C');
    const sent = harness.requestsSinceMark().at(-1)?.body as {
      messages: Array<{ role: string; content: unknown[] }>;
    };
    expect(sent.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]?.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^call_weird_1_[0-9a-f]{8}$/),
        name: 'get_weather',
        input: {},
      },
    ]);
    expect(lastHeaders()?.get('x-toolbridge-adjusted')).toContain('1 tool call id(s) rewritten');
  });

  it('what Anthropic cannot express is a 400 naming the client’s field, with no upstream call', async () => {
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hi' }],
        response_format: { type: 'json_object' },
      }),
      {
        status: 400,
        message:
          /^This request cannot be sent to the Anthropic upstream 'scripted': response_format \{"type": "json_object"\}/,
        type: 'invalid_request_error',
        param: 'response_format',
        code: null,
      },
    );
    await expectOpenAIError(
      harness.client.responses.create({
        model,
        input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-abc', detail: 'auto' }] }],
      }),
      {
        status: 400,
        message: /An image given by file id \(image_url \/ input_image with "file_id"\) cannot be sent/,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    );
    expect(harness.requestsSinceMark()).toHaveLength(0);
  });
});

describe('Anthropic faults with retries before the first byte', () => {
  const harness = useTestGateway({ upstreamApi: 'anthropic', provider: { retries: 2 } });

  it('a 529 is retried, then answered 503', async () => {
    const pending = harness.client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Hi #error=529' }],
    });
    await expect(pending).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    expect(harness.requestsSinceMark()).toHaveLength(3);
  });

  it('an error event before any output is retried like an HTTP error', async () => {
    const pending = harness.client.responses.create({ model, input: 'Hi #error-at-start', stream: true });
    await expect(pending).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    expect(harness.requestsSinceMark()).toHaveLength(3);
  });

  it('an error event after output is not retried', async () => {
    const { payloads } = await streamRaw(harness.baseURL, 'chat', `${story} #error-midstream`);
    expect(payloads.at(-1)).toMatchObject({ error: { code: 'overloaded' } });
    expect(harness.requestsSinceMark()).toHaveLength(1);
  });
});
