import { createLogger } from '@toolbridge/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// Prometheus metrics at GET /metrics and the facts behind them (docs/observability.md#metrics): requests,
// tokens and cost by bounded labels, unknown models as `other` with cost unknown (never 0), repairs,
// retries by reason, TTFB, in-flight and store latency; the access log carries the same cost. Then who
// may read /metrics and /ui (docs/observability.md#access).

/** The value of one series in the exposition text, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('metrics and the access log', () => {
  let harness: TestGateway;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    harness = await startTestGateway({ upstreamApi: 'chat', logger, provider: { retries: 1 } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const metrics = async () => (await fetch(`${harness.gateway.url}/metrics`)).text();
  const logOf = async (requestId: string) => {
    await expect.poll(() => lines.some((line) => line['requestId'] === requestId)).toBe(true);
    return lines.find((line) => line['requestId'] === requestId) as Record<string, unknown>;
  };

  it('counts a priced request: status, tokens, cost in USD, durations, and the same cost in the log', async () => {
    const { data, response } = await harness.client.chat.completions
      .create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    const labels = { route: 'chat.completions', provider: 'scripted', model: 'gpt-5.4' };
    const line = await logOf(response.headers.get('x-request-id') ?? '');
    const usage = data.usage;
    const expectedCost = ((usage?.prompt_tokens ?? 0) * 2.5 + (usage?.completion_tokens ?? 0) * 15) / 1e6;
    expect(line['costUsd']).toBeCloseTo(expectedCost, 12);
    expect(line['inputTokens']).toBe(usage?.prompt_tokens);
    const text = await metrics();
    expect(sample(text, 'toolbridge_requests_total', { ...labels, status: '200' })).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'toolbridge_tokens_total', { provider: 'scripted', model: 'gpt-5.4', type: 'input' }),
    ).toBeGreaterThanOrEqual(usage?.prompt_tokens ?? 1);
    expect(
      sample(text, 'toolbridge_cost_usd_total', { provider: 'scripted', model: 'gpt-5.4' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'toolbridge_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(1);
    // prom-client's process metrics are there, except the per-collection GC histogram (default-metrics.ts).
    expect(sample(text, 'toolbridge_process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(text, 'toolbridge_nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
    expect(text).toContain('toolbridge_nodejs_eventloop_lag_seconds');
    expect(text).not.toContain('gc_duration_seconds');
    expect(
      sample(text, 'toolbridge_upstream_ttfb_seconds_count', { provider: 'scripted', model: 'gpt-5.4' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'toolbridge_in_flight_requests')).toBe(1); // this scrape itself
  });

  it('puts unknown models under `other`: tokens counted, cost unknown (null in the log, never 0)', async () => {
    let requestId = '';
    for (const model of ['mystery-1', 'mystery-2', 'mystery-3']) {
      const { response } = await harness.client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
        .withResponse();
      requestId = response.headers.get('x-request-id') ?? '';
    }
    const line = await logOf(requestId);
    expect(line['costUsd']).toBeNull();
    expect(line['inputTokens']).toBeGreaterThan(0);
    const text = await metrics();
    expect(text).not.toContain('mystery');
    const other = { route: 'chat.completions', provider: 'scripted', model: 'other' };
    expect(sample(text, 'toolbridge_requests_total', { ...other, status: '200' })).toBe(3);
    expect(sample(text, 'toolbridge_unpriced_requests_total', { provider: 'scripted', model: 'other' })).toBe(
      3,
    );
    expect(
      sample(text, 'toolbridge_tokens_total', { provider: 'scripted', model: 'other', type: 'input' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'toolbridge_cost_usd_total', { provider: 'scripted', model: 'other' }),
    ).toBeUndefined();
  });

  it('counts repairs, adjustments by kind, retries by reason, and store latency', async () => {
    await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: '北京天气怎么样? #invalid-once' }],
      tools: [chatWeatherTool(true)],
      store: true,
    });
    const failed = await harness.client.chat.completions
      .create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Fail #error=503' }] })
      .then(
        () => 200,
        (error: unknown) => (error as { status: number }).status,
      );
    expect(failed).toBe(502);
    const text = await metrics();
    const model = { provider: 'scripted', model: 'gpt-5.4' };
    expect(sample(text, 'toolbridge_repairs_total', { ...model, outcome: 'repaired' })).toBe(1);
    expect(
      sample(text, 'toolbridge_adjustments_total', { route: 'chat.completions', kind: 'repaired_call' }),
    ).toBe(1);
    expect(
      sample(text, 'toolbridge_upstream_retries_total', { provider: 'scripted', reason: 'server_error' }),
    ).toBe(1);
    expect(
      sample(text, 'toolbridge_requests_total', { route: 'chat.completions', ...model, status: '502' }),
    ).toBe(1);
    expect(
      sample(text, 'toolbridge_store_operation_duration_seconds_count', {
        operation: 'chatCompletions.save',
        outcome: 'ok',
      }),
    ).toBe(1);
  });
});

describe('who may read /metrics and /ui', () => {
  const keyed = { apiKeys: ['client-key'], adminKey: 'admin-key' };
  let withAdmin: TestGateway;
  let clientKeysOnly: TestGateway;
  let open: TestGateway;
  let metricsOff: TestGateway;
  beforeAll(async () => {
    [withAdmin, clientKeysOnly, open, metricsOff] = await Promise.all([
      startTestGateway({ upstreamApi: 'chat', config: keyed }),
      startTestGateway({ upstreamApi: 'chat', config: { apiKeys: ['client-key'] } }),
      startTestGateway({ upstreamApi: 'chat' }),
      startTestGateway({ upstreamApi: 'chat', config: { metrics: false } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withAdmin, clientKeysOnly, open, metricsOff].map((gateway) => gateway?.close()));
  });

  const get = (gateway: TestGateway, path: string, authorization?: string) =>
    fetch(`${gateway.gateway.url}${path}`, authorization === undefined ? {} : { headers: { authorization } });

  it('with an admin key: only the admin key opens them (Bearer, or the Basic password a browser sends)', async () => {
    for (const path of ['/metrics', '/ui', '/ui/api/traffic']) {
      const missing = await get(withAdmin, path);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toContain('Basic');
      expect((await get(withAdmin, path, 'Bearer client-key')).status).toBe(401);
      expect((await get(withAdmin, path, 'Bearer admin-key')).status).toBe(200);
      const basic = `Basic ${Buffer.from('anyone:admin-key').toString('base64')}`;
      expect((await get(withAdmin, path, basic)).status).toBe(200);
    }
    expect((await get(withAdmin, '/ready')).status).toBe(200);
    expect((await get(withAdmin, '/health')).status).toBe(200);
    // The admin key is not a client key.
    expect((await get(withAdmin, '/v1/models', 'Bearer admin-key')).status).toBe(401);
    expect((await get(withAdmin, '/v1/models', 'Bearer client-key')).status).toBe(200);
  });

  it('with client keys and no admin key they stay closed, and say how to open them', async () => {
    const closed = await get(clientKeysOnly, '/metrics', 'Bearer client-key');
    expect(closed.status).toBe(401);
    expect(((await closed.json()) as { error: { message: string } }).error.message).toContain(
      '"adminKeyEnv"',
    );
  });

  it('without keys they are open (the gateway listens on loopback by default); metrics: false turns /metrics off', async () => {
    expect((await get(open, '/metrics')).status).toBe(200);
    expect((await get(open, '/ui')).headers.get('content-security-policy')).toContain("default-src 'self'");
    const off = await get(metricsOff, '/metrics');
    expect(off.status).toBe(404);
    const body = (await off.json()) as { error: { message: string } };
    expect(body.error.message).toContain('"metrics": false');
  });
});
