import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from './cli-process.case.js';

// Logs you can read while the gateway runs (docs/configuration.md#logs): a real `toolbridge serve`
// child process in front of the scripted upstream; its stdout is read line by line.
const SECRET_KEY = 'sk-test-4242-never-log-me';
const BODY_MARKER = 'zebra-in-the-body-7781';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    strict: true,
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

function chat(url: string, content: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-key-never-log' },
    body: JSON.stringify({ model: 'gpt-5.4', messages: [{ role: 'user', content }], ...extra }),
  });
}

let upstream: ScriptedUpstream;
beforeAll(async () => {
  upstream = await startScriptedUpstream({ record: false });
});
afterAll(async () => {
  await upstream.close();
});

function serveArgs(...extra: string[]): string[] {
  return [
    '--port',
    '0',
    '--upstream',
    upstream.url,
    '--upstream-api',
    'chat',
    '--store',
    ':memory:',
    ...extra,
  ];
}

describe('toolbridge serve logs', () => {
  let server: ServeProcess | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('an access line is on stdout within a second of a request at low traffic', async () => {
    server = await startServe(serveArgs());
    const response = await chat(server.url, 'Hi there');
    expect(response.status).toBe(200);
    await response.text();
    const answeredAt = Date.now();
    const line = await server.waitForLine(/"route":"chat\.completions"/, 1_000);
    expect(Date.now() - answeredAt).toBeLessThan(1_000);
    expect(JSON.parse(line)).toMatchObject({ level: 30, method: 'POST', status: 200, model: 'gpt-5.4' });
    await server.stop();
    server = undefined;
  });

  it('a failed request says how many retries it took and its error code', async () => {
    server = await startServe(serveArgs());
    const response = await chat(server.url, 'Hi #error=503');
    expect(response.status).toBe(502);
    const line = JSON.parse(await server.waitForLine(/"status":502/, 2_000)) as Record<string, unknown>;
    expect(line).toMatchObject({ retries: 2, error: 'upstream_error' });
    await server.stop();
    server = undefined;
  });

  it('debug lines explain routing, the repair and its re-ask; no key and no body content in any line', async () => {
    server = await startServe(serveArgs('--log-level', 'debug', '--upstream-key-env', 'UPSTREAM_SECRET'), {
      UPSTREAM_SECRET: SECRET_KEY,
    });
    const response = await chat(server.url, `Weather in Paris? ${BODY_MARKER} #invalid-once`, {
      tools: [weatherTool],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-toolbridge-adjusted')).toContain("repaired a call to 'get_weather'");
    const routed = JSON.parse(await server.waitForLine(/"msg":"routed"/)) as Record<string, unknown>;
    expect(routed).toMatchObject({
      level: 20,
      model: 'gpt-5.4',
      provider: 'default',
      upstreamModel: 'gpt-5.4',
      upstreamApi: 'chat',
      stream: false,
      tools: 1,
    });
    const reask = JSON.parse(await server.waitForLine(/"msg":"re-asking the upstream"/)) as Record<
      string,
      unknown
    >;
    expect(reask['why']).toMatch(/repair of a call to 'get_weather', attempt 1 of 2/);
    expect(reask['requestId']).toBe(routed['requestId']);
    await server.waitForLine(/"route":"chat\.completions"/);
    const retried = await chat(server.url, `Hi ${BODY_MARKER} #error=503`);
    expect(retried.status).toBe(502);
    const retry = JSON.parse(await server.waitForLine(/"msg":"retrying the upstream"/)) as Record<
      string,
      unknown
    >;
    expect(retry).toMatchObject({ provider: 'default', attempt: 1, reason: 'HTTP 503' });
    expect(retry['delayMs']).toEqual(expect.any(Number));
    await server.waitForLine(/"status":502/);
    const everything = server.lines.join('\n');
    for (const secret of [SECRET_KEY, 'sk-client-key-never-log', BODY_MARKER, 'Paris', 'Bearer'])
      expect(everything).not.toContain(secret);
    await server.stop();
    server = undefined;
  });

  it('--log-format pretty prints short lines for a terminal', async () => {
    server = await startServe(serveArgs('--log-format', 'pretty'));
    await (await chat(server.url, 'Hi')).text();
    const line = await server.waitForLine(/chat\.completions/, 1_000);
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO +\S+ POST chat\.completions 200 [\d.]+ms .*model=gpt-5\.4/,
    );
    await server.stop();
    server = undefined;
  });
});
