import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// OpenTelemetry traces (docs/observability.md#traces): with OTEL_EXPORTER_OTLP_ENDPOINT set, spans follow
// the GenAI conventions and reach an OTLP/HTTP receiver (here a loopback one); without it, the SDK and the
// exporter are never imported.

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: OtlpValue }> };
    scopeSpans: Array<{ spans: OtlpSpan[] }>;
  }>;
}

function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  if (value === undefined) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

const SERVER = 2;
const CLIENT = 3;

describe('OTLP traces', () => {
  let receiver: Server;
  const exports: OtlpExport[] = [];
  let endpoint = '';
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('exports a server span per request with gen_ai.* attributes, and a child span per attempt and per repair', async () => {
    const harness = await startTestGateway({
      upstreamApi: 'chat',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'toolbridge-under-test' },
    });
    const completion = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: '北京天气怎么样? #invalid-once' }],
      tools: [chatWeatherTool(true)],
    });
    await harness.close(); // flushes the batch exporter
    const resource = exports[0]?.resourceSpans[0]?.resource.attributes.find(
      (entry) => entry.key === 'service.name',
    );
    expect(resource?.value.stringValue).toBe('toolbridge-under-test');
    const spans = exports.flatMap((batch) =>
      batch.resourceSpans.flatMap((resourceSpans) =>
        resourceSpans.scopeSpans.flatMap((scope) => scope.spans),
      ),
    );
    const root = spans.find((span) => span.kind === SERVER && span.name === 'chat gpt-5.4');
    if (root === undefined)
      throw new Error(`no request span in ${JSON.stringify(spans.map((span) => span.name))}`);
    expect(attribute(root, 'gen_ai.operation.name')).toBe('chat');
    expect(attribute(root, 'gen_ai.request.model')).toBe('gpt-5.4');
    expect(attribute(root, 'gen_ai.provider.name')).toBe('scripted');
    expect(attribute(root, 'gen_ai.usage.input_tokens')).toBe(completion.usage?.prompt_tokens);
    expect(attribute(root, 'gen_ai.usage.output_tokens')).toBe(completion.usage?.completion_tokens);
    expect(attribute(root, 'http.response.status_code')).toBe(200);
    expect(attribute(root, 'toolbridge.cost_usd')).toBeGreaterThan(0);
    const children = spans.filter((span) => span.parentSpanId === root.spanId);
    expect(children.every((span) => span.traceId === root.traceId)).toBe(true);
    const attempts = children.filter((span) => span.kind === CLIENT);
    expect(attempts.map((span) => attribute(span, 'toolbridge.reask'))).toEqual([false, true]);
    for (const attempt of attempts) {
      expect(attempt.name).toBe('chat gpt-5.4');
      expect(attribute(attempt, 'gen_ai.operation.name')).toBe('chat');
      expect(attribute(attempt, 'http.response.status_code')).toBe(200);
    }
    const repair = children.find((span) => span.name === 'repair get_weather');
    expect(repair && attribute(repair, 'gen_ai.tool.name')).toBe('get_weather');
    expect(repair && attribute(repair, 'toolbridge.repair.outcome')).toBe('repaired');
  });
});

// A child process records every ES module it resolves (a `module.register` resolve hook), starts the
// built gateway with or without the variable, and prints the OpenTelemetry modules it saw.
const probe = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
const hooks = 'let port; export function initialize(data) { port = data.port; }' +
  ' export async function resolve(specifier, context, next) { const result = await next(specifier, context);' +
  ' port.postMessage(result.url); return result; }';
register('data:text/javascript,' + encodeURIComponent(hooks), { data: { port: port2 }, transferList: [port2] });
const { startGateway, capabilityPresets, openResponseStore } = await import('@toolbridge/gateway');
const provider = { name: 'p', baseUrl: 'http://127.0.0.1:9/v1', api: 'chat', kind: 'openai',
  capabilities: capabilityPresets.openai, apiKeyEnv: null, apiKey: null, headers: {}, models: [],
  maxTokensField: 'max_completion_tokens', timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 }, retries: 0 };
const config = { host: '127.0.0.1', port: 0, maxBodyBytes: 1024, store: ':memory:', providers: [provider], routes: [],
  defaultProvider: 'p', apiKeys: [], projects: [], adminKey: null, enforcement: { repairRetries: 0, parallelToolCalls: 'keep-first' },
  maxToolNameLength: 128, logLevel: 'silent', prices: {} };
const env = process.argv[1] === 'on' ? { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' } : {};
const gateway = await startGateway({ config, store: await openResponseStore(':memory:'), env });
await gateway.close({ graceMs: 0 });
await new Promise((resolve) => setTimeout(resolve, 50));
port1.close();
console.log(JSON.stringify(seen.filter((url) => /opentelemetry|tracing-observer/.test(url))));
`;

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const run = async (mode: 'on' | 'off'): Promise<string[]> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', probe, mode],
      {
        cwd: process.cwd(),
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
  };

  it('never imports the tracer, the OpenTelemetry SDK or the exporter (and does with it)', async () => {
    const off = await run('off');
    expect(
      off.filter((url) => /\/tracing-observer\.js|exporter-trace-otlp|sdk-trace-base/.test(url)),
    ).toEqual([]);
    const on = await run('on');
    expect(on.some((url) => url.endsWith('/observe/tracing-observer.js'))).toBe(true);
    expect(on.some((url) => url.includes('exporter-trace-otlp-http'))).toBe(true);
  }, 60_000);
});
