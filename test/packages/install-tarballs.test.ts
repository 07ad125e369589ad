// Every workspace package must work as a stranger gets it: packed to a tarball, installed into an
// empty folder with only its declared dependencies, then used. `npm test` builds dist/ first.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TEST_ONLY = /(\.test\.|\.case\.|\.bench\.|__fixtures__|test-support|\.tsbuildinfo|(^|\/)src\/)/;

interface PackedPackage {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

/** What each package must export at run time (a smoke test of its public API, not the whole list). */
const PUBLIC_API: Record<string, string[]> = {
  '@toolbridge/core': ['validateChatRequest', 'chatRequestToCanonical', 'normalizeStrictSchema', 'decodeSse'],
  '@toolbridge/client': ['runTools', 'defineTool', 'createChatTransport', 'createResponsesTransport'],
  '@toolbridge/gateway': ['startGateway', 'loadGatewayConfig', 'createGateway', 'openResponseStore'],
  '@toolbridge/scripted-upstream': ['startScriptedUpstream', 'fixedTranscript'],
  'toolbridge/testing': ['startReplayGateway', 'startRecordingGateway'],
};

let work = '';
let app = '';
let packed: PackedPackage[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'toolbridge-pack-'));
  const tarballs = join(work, 'tarballs');
  app = join(work, 'app');
  await mkdir(tarballs);
  await mkdir(app);
  const { stdout } = await run(
    'npm',
    ['pack', '--workspaces', '--json', '--pack-destination', tarballs, '--loglevel', 'error'],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  packed = JSON.parse(stdout) as PackedPackage[];
  const prebuilds = await localSqlitePrebuild(work);
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'stranger-app', private: true, type: 'module' }),
  );
  // All tarballs in one install: the packages' own `^0.1.0` ranges are then met by these tarballs,
  // never by whatever the registry holds under the same names.
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel',
      'error',
      ...packed.map((entry) => join(tarballs, entry.filename)),
    ],
    {
      cwd: app,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
    },
  );
}, 600_000);

/**
 * better-sqlite3's installer looks for a prebuilt binary before compiling one (a minute of CPU).
 * The workspace already built the same version for this machine: offered as a local prebuild, the
 * install skips the compile. Another version (the range resolved differently) compiles as usual.
 */
async function localSqlitePrebuild(work: string): Promise<string> {
  const sqlite = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(await readFile(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  const prebuilds = join(work, 'prebuilds');
  await mkdir(prebuilds);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['-czf', join(prebuilds, name), 'build/Release/better_sqlite3.node'], { cwd: sqlite });
  return prebuilds;
}

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('published packages', () => {
  it('packs every workspace package', () => {
    expect(packed.map((entry) => entry.name).sort()).toEqual([
      '@toolbridge/client',
      '@toolbridge/core',
      '@toolbridge/gateway',
      '@toolbridge/scripted-upstream',
      'toolbridge',
    ]);
  });

  it('ships dist, README, LICENSE and CHANGELOG, and no test code or sources', () => {
    for (const entry of packed) {
      const paths = entry.files.map((file) => file.path);
      expect(paths, entry.name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md']));
      expect(paths.filter((path) => path.startsWith('dist/')).length, entry.name).toBeGreaterThan(0);
      expect(
        paths.filter((path) => TEST_ONLY.test(path)),
        entry.name,
      ).toEqual([]);
    }
  });

  it('carries the repository LICENSE and CHANGELOG unchanged', async () => {
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    const changelog = await readFile(join(ROOT, 'CHANGELOG.md'), 'utf8');
    for (const entry of packed) {
      const dir = join(app, 'node_modules', entry.name);
      expect(await readFile(join(dir, 'LICENSE'), 'utf8'), entry.name).toBe(license);
      expect(await readFile(join(dir, 'CHANGELOG.md'), 'utf8'), entry.name).toBe(changelog);
    }
  });

  it('imports each public API with only the declared dependencies installed', async () => {
    const script = `
      const expected = ${JSON.stringify(PUBLIC_API)};
      const missing = [];
      for (const [name, exports] of Object.entries(expected)) {
        const module = await import(name);
        for (const key of exports) if (typeof module[key] !== 'function') missing.push(name + '.' + key);
      }
      console.log(JSON.stringify(missing));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: app });
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('serves the trace viewer from the installed gateway (its browser code ships in dist)', async () => {
    const script = `
      import { capabilityPresets, openResponseStore, startGateway } from '@toolbridge/gateway';
      const provider = { name: 'p', baseUrl: 'http://127.0.0.1:9/v1', api: 'chat', kind: 'openai',
        capabilities: capabilityPresets.openai, apiKeyEnv: null, apiKey: null, headers: {}, models: [],
        maxTokensField: 'max_completion_tokens', timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 },
        retries: 0 };
      const config = { host: '127.0.0.1', port: 0, maxBodyBytes: 1024, store: ':memory:', providers: [provider],
        routes: [], defaultProvider: 'p', apiKeys: [], projects: [], adminKey: null, enforcement: { repairRetries: 0, parallelToolCalls: 'keep-first' },
        maxToolNameLength: 128, logLevel: 'silent', prices: {} };
      const gateway = await startGateway({ config, store: await openResponseStore(':memory:'), env: {} });
      const page = await fetch(gateway.url + '/ui');
      const app = await fetch(gateway.url + '/ui/assets/app.js');
      const metrics = await fetch(gateway.url + '/metrics');
      console.log(JSON.stringify({ page: page.status, built: !(await page.text()).includes('not built'),
        app: app.status, type: app.headers.get('content-type'), metrics: metrics.status }));
      await gateway.close({ graceMs: 0 });`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: app });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({
      page: 200,
      built: true,
      app: 200,
      type: 'text/javascript; charset=utf-8',
      metrics: 200,
    });
  });

  it('type-checks against the shipped declarations (exports carry types, no paths into other packages)', async () => {
    await writeFile(
      join(app, 'use.ts'),
      [
        "import { runTools, type RunResult } from '@toolbridge/client';",
        "import { validateChatRequest } from '@toolbridge/core';",
        "import { startGateway, type GatewayConfig } from '@toolbridge/gateway';",
        "import { startScriptedUpstream } from '@toolbridge/scripted-upstream';",
        "import { startReplayGateway, type CassetteGateway } from 'toolbridge/testing';",
        'export type Used = [RunResult, GatewayConfig, typeof runTools, typeof validateChatRequest, typeof startGateway, typeof startScriptedUpstream, typeof startReplayGateway, CassetteGateway];',
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(
      'node',
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules', '@types'),
        'use.ts',
      ],
      { cwd: app },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  }, 180_000);

  it('runs the installed `toolbridge demo` and reports the packaged version', async () => {
    const bin = join(app, 'node_modules', '.bin', 'toolbridge');
    const demo = await run(bin, ['demo'], { cwd: app, timeout: 120_000 });
    expect(demo.stdout).toContain('demo finished: every run answered.');
    const version = await run(bin, ['--version'], { cwd: app });
    const manifest = JSON.parse(await readFile(join(ROOT, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.stdout.trim()).toBe(`toolbridge ${manifest.version}`);
  }, 180_000);

  it('ships the conformance corpus, and the installed `toolbridge conformance` scores an endpoint with it', async () => {
    const cli = packed.find((entry) => entry.name === 'toolbridge');
    const paths = (cli?.files ?? []).map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['corpus/00-features.json', 'dist/testing/index.js']));
    const script = `
      import { execFile } from 'node:child_process';
      import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
      const upstream = await startScriptedUpstream();
      const result = await new Promise((resolve) =>
        execFile('node_modules/.bin/toolbridge', ['conformance', '--base-url', upstream.url, '--only', '1,24,44,60', '--json', '-'],
          (error, stdout) => resolve({ code: error ? error.code : 0, stdout })));
      await upstream.close();
      console.log(JSON.stringify({ code: result.code, summary: JSON.parse(result.stdout).summary }));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], {
      cwd: app,
      timeout: 120_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      code: 0,
      summary: { total: 4, passed: 4, failed: 0, unsupported: 0, noCall: 0, score: 1 },
    });
  }, 180_000);

  it('records a session with `toolbridge/testing` and replays it offline (cassettes)', async () => {
    const script = `
      import { mkdtemp } from 'node:fs/promises';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import OpenAI from 'openai';
      import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
      import { startRecordingGateway, startReplayGateway } from 'toolbridge/testing';
      const dir = await mkdtemp(join(tmpdir(), 'stranger-cassettes-'));
      const ask = (baseURL) => new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 }).chat.completions
        .create({ model: 'gpt-5.4-mini', messages: [{ role: 'user', content: 'Weather in Paris?' }],
          tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] })
        .then((completion) => completion.choices[0].message.tool_calls[0].function.arguments);
      const upstream = await startScriptedUpstream();
      const recording = await startRecordingGateway({ dir, upstream: upstream.url, upstreamApi: 'chat' });
      const live = await ask(recording.baseURL);
      await recording.close();
      await upstream.close();
      const replay = await startReplayGateway({ dir });
      const replayed = await ask(replay.baseURL);
      await replay.close();
      console.log(JSON.stringify({ live, replayed }));`;
    const { stdout } = await run('node', ['--input-type=module', '-e', script], {
      cwd: app,
      timeout: 120_000,
    });
    expect(JSON.parse(stdout)).toEqual({ live: '{"city":"Paris"}', replayed: '{"city":"Paris"}' });
  }, 180_000);
});
