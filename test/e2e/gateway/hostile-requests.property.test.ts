import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { type PostgresCluster, startPostgresCluster } from '../../../test-support/postgres-cluster.js';

// "A client's mistake is a 4xx, never a 5xx" (docs/protocol/errors.md#gateway-errors), checked with
// random input against a real gateway on both stores: random methods, paths (percent-escapes valid
// and broken, NUL, latin-1 bytes) and queries on every route, and random JSON bodies on both POST
// routes. Every answer is below 500; every non-2xx is the OpenAI envelope with a request id.

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends exactly the bytes given (fetch would normalise the URL first). */
function sendRaw(base: string, method: string, path: string, body?: string): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function expectClientSafe(reply: RawReply, method: string, label: string): void {
  expect(reply.status, `${label} → ${reply.status} ${reply.body.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status < 300 || method === 'HEAD') return;
  expect(reply.headers['content-type'], label).toMatch(/^application\/json/);
  expect(reply.headers['x-request-id'], label).toBeTruthy();
  const parsed = JSON.parse(reply.body) as { error?: Record<string, unknown> };
  expect(Object.keys(parsed), label).toEqual(['error']);
  expect(Object.keys(parsed.error ?? {}).sort(), label).toEqual(['code', 'message', 'param', 'type']);
  expect(parsed.error?.['type'], label).toBe('invalid_request_error');
}

/** Characters a client can put in a request target: printable ASCII and latin-1, plus escapes. */
const percentEscape = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`),
  fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '%Z', '%%', '%F0%9F%98'),
);
const plain = fc
  .integer({ min: 0x21, max: 0xff })
  .filter((code) => code < 0x7f || code > 0xa0)
  .map((code) => String.fromCharCode(code))
  .filter((char) => char !== '?' && char !== '#');
const segment = fc
  .array(fc.oneof(plain, percentEscape, fc.constantFrom('resp_', 'resp', '_', '-')), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

const queryKey = fc.oneof(
  fc.constantFrom('stream', 'starting_after', 'limit', 'order', 'after', 'include[]', 'include_obfuscation'),
  segment,
);
const queryValue = fc.oneof(
  fc.constantFrom('true', 'false', '1', '-1', '100', '101', '0', 'asc', 'desc', '1e400', 'NaN', ''),
  segment,
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&'));

const methods = fc.constantFrom('GET', 'HEAD', 'DELETE', 'POST', 'PUT', 'PATCH', 'OPTIONS');

describe.each(['sqlite', 'postgres'] as const)('hostile requests against a gateway on %s', (backend) => {
  let cluster: PostgresCluster | undefined;
  let harness: TestGateway;
  let storedId = '';

  beforeAll(async () => {
    if (backend === 'postgres') cluster = await startPostgresCluster();
    harness = await startTestGateway({ upstreamApi: 'chat', store: cluster?.url ?? ':memory:' });
    const created = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Hi' });
    storedId = created.id;
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await cluster?.stop();
  });

  it('random methods, paths and queries on the retrieval routes are never a 5xx', async () => {
    const path = fc.oneof(
      fc
        .tuple(segment, fc.constantFrom('', '/input_items', '/', '/input_items/x'))
        .map(([id, tail]) => `/v1/responses/${id}${tail}`),
      fc.constantFrom('', '/input_items').map((tail) => `/v1/responses/${storedId}${tail}`),
      fc
        .tuple(fc.constantFrom('/v1/', '/', '/health/', '/v1/models/', '/v1/chat/'), segment)
        .map(([prefix, rest]) => `${prefix}${rest}`),
    );
    await fc.assert(
      fc.asyncProperty(methods, path, fc.option(query, { nil: undefined }), async (method, base, search) => {
        const target = search === undefined ? base : `${base}?${search}`;
        const reply = await sendRaw(harness.gateway.url, method, target);
        expectClientSafe(reply, method, `${method} ${target}`);
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON bodies on both POST routes are never a 5xx', async () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const message = fc.record(
      { role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'developer', 'x'), content: anyJson },
      { requiredKeys: [] },
    );
    const tool = fc.record(
      {
        type: fc.constantFrom('function', 'x'),
        name: fc.string(),
        function: fc.record(
          { name: fc.string(), parameters: anyJson, strict: fc.boolean() },
          { requiredKeys: [] },
        ),
        parameters: anyJson,
        strict: anyJson,
      },
      { requiredKeys: [] },
    );
    const body = fc.record(
      {
        model: fc.oneof(fc.constant('gpt-5.4'), anyJson),
        messages: fc.oneof(fc.array(message, { maxLength: 3 }), anyJson),
        input: fc.oneof(fc.string(), fc.array(message, { maxLength: 3 }), anyJson),
        tools: fc.oneof(fc.array(tool, { maxLength: 3 }), anyJson),
        tool_choice: fc.oneof(fc.constantFrom('auto', 'none', 'required'), anyJson),
        previous_response_id: fc.oneof(fc.constant(storedId), segment, anyJson),
        stream: fc.oneof(fc.boolean(), anyJson),
        max_output_tokens: anyJson,
        parallel_tool_calls: anyJson,
      },
      { requiredKeys: [] },
    );
    const raw = fc.oneof(
      body.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 64 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/chat/completions', '/v1/responses'), raw, async (path, text) => {
        // Upstream directives start with '#'; a random '#error=500' would be a real upstream 5xx.
        fc.pre(!text.includes('#'));
        const reply = await sendRaw(harness.gateway.url, 'POST', path, text);
        expectClientSafe(reply, 'POST', `POST ${path} ${text.slice(0, 200)}`);
      }),
      { numRuns: 300 },
    );
  });
});
