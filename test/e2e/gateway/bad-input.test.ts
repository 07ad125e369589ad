import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// Hostile and broken requests (docs/protocol/errors.md; conformance cases 9–14, 27, 47, 71, 72):
// every one is a 4xx in the OpenAI envelope with the right `param`, never a 5xx, never reaches the upstream,
// carries `x-request-id`, and leaves the server serving the next request.
const MAX_BODY = 2 * 1024 * 1024;
const tool = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: {} } },
});
const flatTool = (name: string) => ({
  type: 'function',
  name,
  parameters: { type: 'object', properties: {} },
});
/** A non-strict schema nested `levels` objects deep, as raw JSON text (too deep for JSON.stringify to build). */
const deepSchema = (levels: number) =>
  `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
const chat = (extra: Record<string, unknown>) =>
  JSON.stringify({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi' }], ...extra });
const responses = (extra: Record<string, unknown>) =>
  JSON.stringify({ model: 'gpt-5.4', input: 'Hi', ...extra });

interface Expected {
  status: number;
  param?: string | null;
  code?: string | null;
  message?: string | RegExp;
}

interface Case {
  name: string;
  method?: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  expected: Expected;
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    path: '/v1/chat/completions',
    body: '{"model": "gpt-5.4", "messages": [',
    expected: {
      status: 400,
      param: null,
      code: null,
      message: /We could not parse the JSON body of your request/,
    },
  },
  {
    name: 'an empty body',
    path: '/v1/responses',
    body: '',
    expected: { status: 400, param: null, message: /empty/ },
  },
  { name: 'a JSON array body', path: '/v1/chat/completions', body: '[]', expected: { status: 400 } },
  { name: 'a JSON string body', path: '/v1/responses', body: '"hello"', expected: { status: 400 } },
  { name: 'a JSON null body', path: '/v1/responses', body: 'null', expected: { status: 400 } },
  { name: 'a number body', path: '/v1/chat/completions', body: '42', expected: { status: 400 } },
  {
    name: 'JSON nested 500 000 deep',
    path: '/v1/chat/completions',
    body: `{"model":"gpt-5.4","messages":${'['.repeat(500_000)}${']'.repeat(500_000)}}`,
    expected: { status: 400 },
  },
  {
    name: 'a tool schema nested 3 000 levels deep (Chat)',
    path: '/v1/chat/completions',
    body: `{"model":"gpt-5.4","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(3_000)}}}]}`,
    expected: { status: 400, param: null, message: /nested more than 128 levels deep/ },
  },
  {
    name: 'a tool schema nested 3 000 levels deep (Responses)',
    path: '/v1/responses',
    body: `{"model":"gpt-5.4","input":"Hi","tools":[{"type":"function","name":"f","parameters":${deepSchema(3_000)}}]}`,
    expected: { status: 400, param: null, message: /nested more than 128 levels deep/ },
  },
  {
    name: 'messages of the wrong type',
    path: '/v1/chat/completions',
    body: JSON.stringify({ model: 'gpt-5.4', messages: 'Hi' }),
    expected: { status: 400, param: 'messages', code: 'invalid_type' },
  },
  {
    name: 'tools of the wrong type',
    path: '/v1/responses',
    body: responses({ tools: 'get_weather' }),
    expected: {
      status: 400,
      param: 'tools',
      code: 'invalid_type',
      message: "Invalid type for 'tools': expected an array of objects, but got a string instead.",
    },
  },
  {
    name: 'a missing model',
    path: '/v1/chat/completions',
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
    expected: { status: 400 },
  },
  {
    name: 'an unknown top-level field',
    path: '/v1/chat/completions',
    body: chat({ zzz: 1 }),
    expected: { status: 400, param: 'zzz', code: 'unknown_parameter', message: "Unknown parameter: 'zzz'." },
  },
  {
    name: 'an unknown top-level field on Responses',
    path: '/v1/responses',
    body: responses({ zzz: 1 }),
    expected: { status: 400, param: 'zzz', code: 'unknown_parameter' },
  },
  {
    name: '129 tools (case 11)',
    path: '/v1/chat/completions',
    body: chat({ tools: Array.from({ length: 129 }, (_, index) => tool(`tool_${index}`)) }),
    expected: {
      status: 400,
      param: 'tools',
      code: 'array_above_max_length',
      message:
        "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
    },
  },
  {
    name: '20 000 tools on Responses',
    path: '/v1/responses',
    body: responses({ tools: Array.from({ length: 20_000 }, (_, index) => flatTool(`tool_${index}`)) }),
    expected: { status: 400, param: 'tools', code: 'array_above_max_length' },
  },
  {
    name: 'a tool name with a dot (case 9)',
    path: '/v1/chat/completions',
    body: chat({ tools: [tool('get.weather')] }),
    expected: {
      status: 400,
      param: 'tools[0].function.name',
      code: 'invalid_value',
      message:
        "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
    },
  },
  {
    name: 'a tool name longer than the limit (case 10)',
    path: '/v1/responses',
    body: responses({ tools: [flatTool('x'.repeat(129))] }),
    expected: { status: 400, param: 'tools[0].name', code: 'string_above_max_length' },
  },
  {
    name: 'tool_choice without tools (case 12)',
    path: '/v1/chat/completions',
    body: chat({ tool_choice: 'auto' }),
    expected: {
      status: 400,
      param: 'tool_choice',
      message: "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
    },
  },
  {
    name: 'tool_choice "bogus" (case 13)',
    path: '/v1/chat/completions',
    body: chat({ tools: [tool('a')], tool_choice: 'bogus' }),
    expected: {
      status: 400,
      param: 'tool_choice',
      code: 'invalid_value',
      message: "Invalid value: 'bogus'. Supported values are: 'none', 'auto', and 'required'.",
    },
  },
  {
    name: 'tool_choice function without a name (case 14)',
    path: '/v1/chat/completions',
    body: chat({ tools: [tool('a')], tool_choice: { type: 'function', function: {} } }),
    expected: {
      status: 400,
      param: 'tool_choice.function.name',
      code: 'missing_required_parameter',
      message: "Missing required parameter: 'tool_choice.function.name'.",
    },
  },
  {
    name: 'stream_options without stream (case 27)',
    path: '/v1/chat/completions',
    body: chat({ stream_options: { include_usage: true } }),
    expected: {
      status: 400,
      param: 'stream_options',
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    },
  },
  {
    name: 'max_output_tokens below 16 (case 47)',
    path: '/v1/responses',
    body: responses({ max_output_tokens: 5 }),
    expected: { status: 400, param: 'max_output_tokens', code: 'integer_below_min_value' },
  },
  {
    name: 'a strict schema without additionalProperties (case 32)',
    path: '/v1/chat/completions',
    body: chat({
      tools: [
        {
          type: 'function',
          function: { name: 'f', strict: true, parameters: { type: 'object', properties: {} } },
        },
      ],
    }),
    expected: {
      status: 400,
      param: 'tools[0].function.parameters',
      code: 'invalid_function_parameters',
      message:
        "Invalid schema for function 'f': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    },
  },
  {
    name: 'a forced tool that is not in tools (case 15)',
    path: '/v1/responses',
    body: responses({ tools: [flatTool('a')], tool_choice: { type: 'function', name: 'nope' } }),
    expected: { status: 400, param: 'tool_choice' },
  },
  {
    name: 'n greater than 1',
    path: '/v1/chat/completions',
    body: chat({ n: 2 }),
    expected: { status: 400, param: 'n' },
  },
  {
    // GET /v1/chat/completions lists stored completions (docs/protocol/chat-completions.md#stored-completions).
    name: 'PUT on /v1/chat/completions',
    method: 'PUT',
    path: '/v1/chat/completions',
    expected: { status: 405 },
  },
  {
    name: 'PUT on /v1/responses',
    method: 'PUT',
    path: '/v1/responses',
    body: responses({}),
    expected: { status: 405 },
  },
  {
    name: 'POST on a stored response',
    path: '/v1/responses/resp_123',
    body: responses({}),
    expected: { status: 405 },
  },
  {
    name: 'a malformed percent-escape in a response id',
    method: 'GET',
    path: '/v1/responses/%E0%A4%A',
    expected: { status: 400, param: 'response_id', code: 'invalid_value', message: /percent-encoded/ },
  },
  {
    name: 'a malformed percent-escape in an input_items id',
    method: 'GET',
    path: '/v1/responses/resp_%E0%A4%A/input_items',
    expected: { status: 400, param: 'response_id', code: 'invalid_value' },
  },
  {
    name: 'a lone % in a response id to DELETE',
    method: 'DELETE',
    path: '/v1/responses/resp_%',
    expected: { status: 400, param: 'response_id', code: 'invalid_value' },
  },
  {
    name: 'an encoded surrogate half in a response id',
    method: 'GET',
    path: '/v1/responses/resp_%ED%A0%80',
    expected: { status: 400, param: 'response_id', code: 'invalid_value' },
  },
  {
    name: 'a NUL in a response id',
    method: 'GET',
    path: '/v1/responses/resp_%00',
    expected: { status: 400, param: 'response_id', code: 'invalid_value', message: /additional characters/ },
  },
  {
    name: 'a malformed percent-escape in the limit query',
    method: 'GET',
    path: '/v1/responses/resp_123/input_items?limit=%E0%A4%A',
    expected: { status: 400, param: 'limit', code: 'invalid_value' },
  },
  {
    name: 'malformed percent-escapes in order and after',
    method: 'GET',
    path: '/v1/responses/resp_123/input_items?order=%ZZ&after=%E0',
    expected: { status: 400, param: 'order', code: 'invalid_value' },
  },
  {
    name: 'malformed percent-escapes in a retrieve query',
    method: 'GET',
    path: '/v1/responses/resp_123?stream=%E0%A4%A&starting_after=%&include[]=%ff',
    expected: { status: 404, param: null },
  },
  { name: 'an unknown route', method: 'GET', path: '/v1/nope', expected: { status: 404, param: null } },
  {
    name: 'an unknown route with a broken escape',
    method: 'GET',
    path: '/v1/%E0%A4%A',
    expected: { status: 404 },
  },
  { name: 'an unknown POST route', path: '/v2/chat/completions', body: chat({}), expected: { status: 404 } },
  {
    name: 'an unknown model is 404 model_not_found',
    path: '/v1/chat/completions',
    body: JSON.stringify({ model: 'nope/nope', messages: [{ role: 'user', content: 'Hi' }] }),
    expected: { status: 404, param: 'model', code: 'model_not_found' },
  },
];

async function send(baseUrl: string, testCase: Case): Promise<Response> {
  const method = testCase.method ?? 'POST';
  return fetch(`${baseUrl}${testCase.path}`, {
    method,
    headers: { 'content-type': 'application/json', ...testCase.headers },
    ...(testCase.body !== undefined ? { body: testCase.body } : {}),
  });
}

/** Sends a body with chunked encoding (no content-length), so only the streaming size check can stop it. */
function sendChunked(
  url: string,
  chunks: number,
  chunkBytes: number,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    const piece = Buffer.alloc(chunkBytes, 'a');
    request.write('{"model":"gpt-5.4","input":"');
    let sent = 0;
    const pump = (): void => {
      while (sent < chunks) {
        sent += 1;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end('"}');
    };
    pump();
  });
}

describe.each(['chat', 'responses'] as const)('bad input over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({
    upstreamApi,
    config: { maxBodyBytes: MAX_BODY, defaultProvider: null },
  });

  async function expectStillServing(): Promise<void> {
    const completion = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Still there?' }],
    });
    expect(completion.choices[0]?.message.content).toContain('Still there?');
  }

  it.each(cases)('$name → $expected.status in the OpenAI envelope', async (testCase) => {
    const upstreamBefore = harness.upstream.requests.length;
    const response = await send(harness.gateway.url, testCase);
    const text = await response.text();
    expect(response.status, text).toBe(testCase.expected.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error['type']).toBe('invalid_request_error');
    expect(body.error['message']).toEqual(expect.any(String));
    const { param, code, message } = testCase.expected;
    if (param !== undefined) expect(body.error['param']).toBe(param);
    if (code !== undefined) expect(body.error['code']).toBe(code);
    if (typeof message === 'string') expect(body.error['message']).toBe(message);
    else if (message !== undefined) expect(body.error['message']).toMatch(message);
    if (testCase.expected.status === 405) expect(response.headers.get('allow')).toBeTruthy();
    expect(harness.upstream.requests.length).toBe(upstreamBefore);
    await expectStillServing();
  });

  it('a raw non-ASCII byte in the path (refused by the HTTP parser) → 400 in the OpenAI envelope', async () => {
    const url = new URL(harness.gateway.url);
    const reply = await new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const request = httpRequest(
          { host: url.hostname, port: url.port, method: 'GET', path: '/v1/responses/resp_\u00e9' },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => {
              body += chunk.toString();
            });
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
            );
          },
        );
        request.on('error', reject);
        request.end();
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.headers['x-request-id']).toMatch(/^req_/);
    expect(JSON.parse(reply.body)).toEqual({
      error: {
        message: expect.stringMatching(/Percent-encode the URL/),
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_http_request',
      },
    });
    await expectStillServing();
  });

  it('128 tools are accepted (case 11)', async () => {
    const response = await send(harness.gateway.url, {
      name: '128',
      path: '/v1/chat/completions',
      body: chat({ tools: Array.from({ length: 128 }, (_, index) => tool(`tool_${index}`)) }),
      expected: { status: 200 },
    });
    expect(response.status).toBe(200);
  });

  it('a tool schema 40 levels deep is still accepted', async () => {
    const response = await fetch(`${harness.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"model":"gpt-5.4","input":"Hi","tools":[{"type":"function","name":"f","strict":false,"parameters":${deepSchema(40)}}]}`,
    });
    expect(response.status).toBe(200);
  });

  it('a body over the limit → 413, with or without content-length, and the next request is served', async () => {
    const upstreamBefore = harness.upstream.requests.length;
    const declared = await fetch(`${harness.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: responses({ input: 'x'.repeat(MAX_BODY) }),
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('x-request-id')).toBeTruthy();
    expect(await declared.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'request_too_large', param: null },
    });
    const chunked = await sendChunked(`${harness.baseURL}/responses`, 600, 4 * 1024);
    expect(chunked.status).toBe(413);
    expect(chunked.headers['x-request-id']).toBeTruthy();
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: 'request_too_large' } });
    expect(harness.upstream.requests.length).toBe(upstreamBefore);
    await expectStillServing();
  });

  it('x-request-id is on every answer and a sane client id is echoed', async () => {
    const health = await fetch(`${harness.gateway.url}/health`);
    expect(health.headers.get('x-request-id')).toMatch(/^req_/);
    const { response } = await harness.client.chat.completions
      .create(
        { model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { 'x-request-id': 'client-42' } },
      )
      .withResponse();
    expect(response.headers.get('x-request-id')).toBe('client-42');
    const models = await fetch(`${harness.baseURL}/models`);
    expect(models.headers.get('x-request-id')).toMatch(/^req_/);
    for (const given of ['has space', 'x'.repeat(200), '<script>']) {
      const hostile = await fetch(`${harness.baseURL}/models`, { headers: { 'x-request-id': given } });
      expect(hostile.headers.get('x-request-id')).toMatch(/^req_/);
    }
  });
});

describe('client authentication', () => {
  const harness = useTestGateway({ upstreamApi: 'chat', config: { apiKeys: ['sk-test'] } });

  it.each([
    ['a wrong key', { authorization: 'Bearer sk-wrong' }, 'Incorrect API key provided.'],
    ['no key', {}, /didn't provide an API key/],
  ] as const)('%s → 401 invalid_api_key, nothing sent upstream', async (_name, headers, message) => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: chat({}),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
    if (typeof message === 'string') expect(body.error['message']).toBe(message);
    else expect(body.error['message']).toMatch(message);
    expect(harness.upstream.requests).toHaveLength(0);
    // The SDK (which sends the configured key) still gets through.
    const completion = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Hi');
    harness.upstream.requests.length = 0;
  });
});
