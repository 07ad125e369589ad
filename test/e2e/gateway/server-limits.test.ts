import { createLogger } from '@toolbridge/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import {
  openRawConnection,
  parseRawAnswer,
  type RawConnection,
} from '../../../test-support/net/raw-connection.js';

// The HTTP server's own limits (docs/configuration.md#server-limits), driven over raw sockets: clients that
// stall mid-headers or mid-body, send broken HTTP, open too many connections or too many large bodies.
// Timeouts are shortened here; the defaults are the same code with larger numbers.
const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 700;
/** Well above timeout + Node's check interval (a quarter of the headers timeout here). */
const CLOSE_WITHIN_MS = 4_000;

const open: RawConnection[] = [];
async function raw(port: number, payload: string | Buffer = ''): Promise<RawConnection> {
  const connection = await openRawConnection(port, payload);
  open.push(connection);
  return connection;
}
afterEach(() => {
  for (const connection of open.splice(0)) connection.socket.destroy();
});

function expectEnvelope(text: string, status: number, code: string): Record<string, unknown> {
  const answer = parseRawAnswer(text);
  expect(answer.status).toBe(status);
  expect(answer.headers).toContain('content-type: application/json');
  expect(answer.headers).toContain('connection: close');
  const error = (answer.body as { error?: Record<string, unknown> }).error ?? {};
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(error['code']).toBe(code);
  return error;
}

describe('timeouts and early rejections', () => {
  const harness = useTestGateway({
    upstreamApi: 'chat',
    config: { server: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS } },
  });

  it('closes a connection that sends half its headers, with a 408 envelope', async () => {
    const connection = await raw(harness.gateway.port, 'POST /v1/chat/completions HTTP/1.1\r\nHost: 127');
    expect(await connection.closed(CLOSE_WITHIN_MS)).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    const error = expectEnvelope(connection.received(), 408, 'request_timeout');
    expect(error['message']).toMatch(/headers did not arrive within 300 ms/);
  });

  it('closes a connection that never sends a byte', async () => {
    const connection = await raw(harness.gateway.port);
    await connection.closed(CLOSE_WITHIN_MS);
  });

  it.each([
    ['a Content-Length body', 'Content-Length: 5000\r\n\r\n{"model":'],
    ['a chunked body', 'Transfer-Encoding: chunked\r\n\r\n9\r\n{"model":\r\n'],
  ])('closes a connection whose %s stalls, with a 408 envelope', async (_name, rest) => {
    const connection = await raw(
      harness.gateway.port,
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${rest}`,
    );
    expect(await connection.closed(CLOSE_WITHIN_MS)).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    const error = expectEnvelope(connection.received(), 408, 'request_timeout');
    expect(error['message']).toMatch(/body did not arrive in full within 700 ms/);
  });

  it("answers Node's 431 for oversized headers in the envelope", async () => {
    const connection = await raw(
      harness.gateway.port,
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    await connection.closed(CLOSE_WITHIN_MS);
    expectEnvelope(connection.received(), 431, 'request_header_fields_too_large');
  });

  it("answers Node's 400 for malformed framing in the envelope", async () => {
    const connection = await raw(harness.gateway.port, 'GET /health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n');
    await connection.closed(CLOSE_WITHIN_MS);
    const error = expectEnvelope(connection.received(), 400, 'invalid_http_request');
    expect(error['type']).toBe('invalid_request_error');
  });
});

describe('bytes buffered across request bodies', () => {
  const harness = useTestGateway({
    upstreamApi: 'chat',
    config: { maxBodyBytes: 1_000_000, server: { maxBufferedBodyBytes: 1_000_000 } },
  });

  it('answers 503 server_busy once stalled bodies hold the budget, and frees it when they go', async () => {
    const head = (length: number) =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const stalled = await Promise.all(
      [1, 2, 3].map(() =>
        raw(harness.gateway.port, Buffer.concat([Buffer.from(head(900_000)), Buffer.alloc(400_000, 32)])),
      ),
    );
    await expect
      .poll(() => stalled.filter((connection) => parseRawAnswer(connection.received()).status === 503).length)
      .toBeGreaterThan(0);
    const refused = stalled.find((connection) => parseRawAnswer(connection.received()).status === 503);
    expectEnvelope(refused?.received() ?? '', 503, 'server_busy');
    for (const connection of stalled) connection.socket.destroy();
    // The budget is given back: a normal request goes through.
    await expect
      .poll(async () => {
        const response = await harness.client.chat.completions
          .create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }] })
          .then(
            () => 'ok',
            (error: Error) => error.message,
          );
        return response;
      })
      .toBe('ok');
  });
});

describe('open connections', () => {
  it('answers the connection over --max-connections with a 503 envelope and closes it', async () => {
    const gateway = await startTestGateway({
      upstreamApi: 'chat',
      config: { server: { maxConnections: 3 } },
    });
    try {
      const held = await Promise.all([1, 2, 3].map(() => raw(gateway.gateway.port)));
      const extra = await raw(gateway.gateway.port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await extra.closed(CLOSE_WITHIN_MS);
      const error = expectEnvelope(extra.received(), 503, 'server_busy');
      expect(error['message']).toMatch(/3 open connections/);
      expect(parseRawAnswer(extra.received()).headers).toContain('retry-after: 1');
      held[0]?.socket.destroy();
      await held[0]?.closed(CLOSE_WITHIN_MS);
      await expect.poll(async () => (await fetch(`${gateway.gateway.url}/health`)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});

describe('a client that leaves mid-body', () => {
  const lines: Array<Record<string, unknown>> = [];
  const harness = useTestGateway({
    upstreamApi: 'chat',
    logger: createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    }),
  });

  it('is logged as a client abort, not as an internal error with a stack', async () => {
    const connection = await raw(
      harness.gateway.port,
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"model":',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    connection.socket.destroy();
    await expect.poll(() => lines.find((line) => line['route'] === 'chat.completions')).toBeDefined();
    const access = lines.find((line) => line['route'] === 'chat.completions');
    expect(access).toMatchObject({ error: 'client_closed_request', aborted: true });
    expect(lines.filter((line) => line['level'] === 50)).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('stack');
  });
});
