import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The store is written through before the terminal event
// (docs/adr/0003-stateless-upstreams-and-write-through-state.md): a response the client was told about
// survives the process being killed. The gateway runs as a real separate process (the built package,
// `tsc -b`), is SIGKILLed right after the 200 / `response.completed`, and a new process on the same
// SQLite file serves it.
const run = promisify(execFile);
const workspaceRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const packageRoot = join(workspaceRoot, 'packages/gateway');
const distEntry = pathToFileURL(join(packageRoot, 'dist/index.js')).href;

// The child: start the built gateway from a JSON config in the environment, print its URL.
const CHILD = `
import { capabilityPresets, startGateway } from ${JSON.stringify(distEntry)};
const { upstreamUrl, store } = JSON.parse(process.env.TOOLBRIDGE_E2E ?? '{}');
const running = await startGateway({
  config: {
    host: '127.0.0.1', port: 0, maxBodyBytes: 1048576, store, routes: [], defaultProvider: 'scripted',
    apiKeys: [], projects: [], adminKey: null, enforcement: { repairRetries: 2, parallelToolCalls: 'keep-first' }, maxToolNameLength: 128, prices: {},
    logLevel: 'silent',
    providers: [{
      name: 'scripted', baseUrl: upstreamUrl, api: 'chat', kind: 'openai', capabilities: capabilityPresets.openai,
      apiKeyEnv: null, apiKey: null, headers: {}, models: ['gpt-5.4'], maxTokensField: 'max_completion_tokens',
      timeouts: { connectMs: 2000, firstByteMs: 5000, idleMs: 5000 }, retries: 0,
    }],
  },
});
process.stdout.write(JSON.stringify({ url: running.url }) + '\\n');
`;

interface GatewayProcess {
  child: ChildProcess;
  client: OpenAI;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
}

async function startGatewayProcess(upstreamUrl: string, store: string): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: { ...process.env, TOOLBRIDGE_E2E: JSON.stringify({ upstreamUrl, store }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => done((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) =>
      fail(new Error(`gateway process exited (${code}) before listening: ${stderr}`)),
    );
  });
  return {
    child,
    client: new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 10_000 }),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('durability of acknowledged responses (SQLite file, separate process)', () => {
  let upstream: ScriptedUpstream;
  let directory: string;
  const running: GatewayProcess[] = [];
  beforeAll(async () => {
    // Fresh build of the package (incremental: a no-op when dist is current).
    await run(
      process.execPath,
      [join(workspaceRoot, 'node_modules/typescript/bin/tsc'), '-b', 'packages/gateway'],
      {
        cwd: workspaceRoot,
      },
    );
    upstream = await startScriptedUpstream();
    directory = await mkdtemp(join(tmpdir(), 'toolbridge-durability-'));
  }, 60_000);
  afterAll(async () => {
    for (const gateway of running) await gateway.kill();
    await upstream?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  async function start(store: string): Promise<GatewayProcess> {
    const gateway = await startGatewayProcess(upstream.url, store);
    running.push(gateway);
    return gateway;
  }

  it('a response acknowledged (JSON 200 or response.completed) survives SIGKILL and restart', async () => {
    const store = join(directory, 'toolbridge.db');
    const first = await start(store);
    const tools: OpenAI.Responses.FunctionTool[] = [
      {
        type: 'function',
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
        strict: true,
      },
    ];
    const acknowledged = await Promise.all(
      ['Paris', 'Oslo', 'Tokyo', 'Berlin', 'Rome'].map((city) =>
        first.client.responses.create({ model: 'gpt-5.4', input: `Weather in ${city}?`, tools }),
      ),
    );
    // Streamed: kill the moment the terminal event arrives, before the connection even closes.
    let streamedId = '';
    const stream = await first.client.responses.create({
      model: 'gpt-5.4',
      input: 'Say hello',
      stream: true,
    });
    for await (const event of stream) {
      if (event.type === 'response.completed') {
        streamedId = event.response.id;
        await first.kill();
        break;
      }
    }
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await start(store);
    for (const response of acknowledged) {
      expect(await second.client.responses.retrieve(response.id)).toEqual(response);
    }
    const streamed = await second.client.responses.retrieve(streamedId);
    expect(streamed.status).toBe('completed');
    expect(streamed.output_text).toContain('Say hello');

    // The chain continues on the new process.
    const [paris] = acknowledged;
    const call = paris?.output.find((item) => item.type === 'function_call');
    if (paris === undefined || call?.type !== 'function_call') throw new Error('expected a call');
    const next = await second.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: paris.id,
      tools,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C sunny' }],
    });
    expect(next.output_text).toContain('18C sunny');
    expect(JSON.stringify(upstream.requests.at(-1)?.body)).toContain('Weather in Paris?');
  });
});
