// Starts the processes of a run: the scripted upstream (core 0), then the targets under test
// (core 1): the bare proxy, toolbridge (built output), Portkey OSS. Returns their ports and pids.
import { randomBytes } from 'node:crypto';
import { openSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { portkeyInstall, REPO_ROOT } from './deps.mjs';
import { firstJsonLine, freePort, hasTaskset, spawnNode, stopChild, waitForPort } from './processes.mjs';
import { toolbridgeConfig } from './scenarios.mjs';

const BENCH_DIR = join(REPO_ROOT, 'bench');

/** Cores: the target under test alone on core 1; upstream and load generator share core 0. */
export const CORES = availableParallelism() >= 2 ? { load: 0, target: 1 } : { load: 0, target: 0 };
export const PINNED = hasTaskset && availableParallelism() >= 2;

export async function startUpstream() {
  const entry = spawnNode({
    name: 'upstream',
    core: CORES.load,
    args: [join(BENCH_DIR, 'upstream-main.mjs')],
    cwd: REPO_ROOT,
  });
  const ready = await firstJsonLine(entry, entry.child.stdout);
  return { name: 'direct', entry, pid: entry.pid, port: ready.instant, pacedPort: ready.paced };
}

export async function startBareProxy(upstream, { cpuProfDir } = {}) {
  const nodeFlags = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const entry = spawnNode({
    name: 'bare',
    core: CORES.target,
    args: [
      ...nodeFlags,
      join(BENCH_DIR, 'bare-proxy-main.mjs'),
      `http://127.0.0.1:${upstream.port}`,
      `http://127.0.0.1:${upstream.pacedPort}`,
    ],
    cwd: REPO_ROOT,
  });
  const ready = await firstJsonLine(entry, entry.child.stdout);
  return { name: 'bare', entry, pid: entry.pid, port: ready.port };
}

/** The S3 floor (`floor-s3-main.mjs`): S3's work written out by hand, the ceiling of goal T4. */
export async function startFloor(upstream, { workDir, cpuProfDir }) {
  const entry = spawnNode({
    name: 'floor',
    core: CORES.target,
    args: [
      ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
      join(BENCH_DIR, 'floor-s3-main.mjs'),
      `http://127.0.0.1:${upstream.port}`,
      join(workDir, 'floor.db'),
    ],
    cwd: REPO_ROOT,
  });
  const ready = await firstJsonLine(entry, entry.child.stdout);
  return { name: 'floor', entry, pid: entry.pid, port: ready.port };
}

/**
 * The Chat floor (`floor-chat-main.mjs`): the bare relay plus reading what it relays (parse, pairing,
 * arguments, an access-log line), the least a gateway that parses every body and keeps toolbridge's
 * promises pays under the Chat scenarios. Its log goes to `<workDir>/chat-floor.log`.
 */
export async function startChatFloor(upstream, { workDir, cpuProfDir }) {
  const entry = spawnNode({
    name: 'chat-floor',
    core: CORES.target,
    args: [
      ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
      join(BENCH_DIR, 'floor-chat-main.mjs'),
      `http://127.0.0.1:${upstream.port}`,
      `http://127.0.0.1:${upstream.pacedPort}`,
    ],
    cwd: REPO_ROOT,
    stdout: openSync(join(workDir, 'chat-floor.log'), 'a'),
  });
  const ready = await firstJsonLine(entry, entry.child.stderr);
  return { name: 'chat-floor', entry, pid: entry.pid, port: ready.port };
}

/**
 * toolbridge from packages/gateway/dist; access log (pino) and anything else on stdout to
 * `<workDir>/<label>.log`. `workers`: run it as `serve --workers N` (a cluster: `pids` lists the
 * primary and its workers, whose CPU is the target's).
 */
export async function startToolbridge(
  upstream,
  {
    workDir,
    logLevel,
    cpuProfDir,
    label = 'toolbridge',
    nodeFlags: extraFlags = [],
    metrics = true,
    workers = null,
    checkout = REPO_ROOT,
    keys = false,
  },
) {
  const configPath = join(workDir, `${label}.config.json`);
  const storePath = join(workDir, `${label}.db`);
  const config = toolbridgeConfig({ upstream, storePath, logLevel, metrics });
  const access = keys
    ? await benchKey(
        checkout,
        storePath,
        config.routes.map((route) => route.model),
      )
    : null;
  writeFileSync(
    configPath,
    JSON.stringify(access === null ? config : { ...config, ...access.config }, null, 2),
  );
  const logPath = join(workDir, `${label}.log`);
  const nodeFlags = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), ...extraFlags];
  const entry = spawnNode({
    name: label,
    core: CORES.target,
    args: [
      ...nodeFlags,
      join(checkout, 'bench', 'gateway-main.mjs'),
      configPath,
      ...(workers === null ? [] : [String(workers)]),
    ],
    cwd: checkout,
    env: access?.env ?? {},
    stdout: openSync(logPath, 'a'),
  });
  const ready = await firstJsonLine(entry, entry.child.stderr);
  return {
    name: label,
    serves: 'toolbridge',
    ...(access === null ? {} : { headers: { authorization: `Bearer ${access.key}` } }),
    entry,
    pid: entry.pid,
    pids: ready.pids ?? [entry.pid],
    port: ready.port,
    logPath,
    storePath,
    logLevel,
  };
}

const ADMIN_KEY_ENV = 'TOOLBRIDGE_BENCH_ADMIN_KEY';

/**
 * A gateway that requires keys, and one virtual key in its store with every limit set and none ever
 * reached: rpm and tpm counted per request in the store, a monthly budget settled from each answer's
 * priced usage. What a team's gateway does per request that an open one does not.
 */
async function benchKey(checkout, storePath, models) {
  // The checkout's own gateway makes the key, so its store has the schema that gateway knows.
  const gateway = join(checkout, 'packages', 'gateway', 'dist', 'index.js');
  const { createVirtualKey, openAccessStore } = await import(pathToFileURL(gateway).href);
  const store = await openAccessStore(storePath);
  try {
    const { key } = await createVirtualKey(store, {
      project: 'bench',
      name: 'bench',
      rpm: 1_000_000_000,
      tpm: 1_000_000_000_000,
      budget: { usd: 1_000_000, period: 'month' },
    });
    const price = { input: 0.75, output: 4.5 };
    return {
      key,
      env: { [ADMIN_KEY_ENV]: randomBytes(24).toString('base64url') },
      config: {
        adminKeyEnv: ADMIN_KEY_ENV,
        prices: Object.fromEntries(models.map((model) => [model, price])),
      },
    };
  } finally {
    await store.close();
  }
}

/**
 * toolbridge variants measured beside the main one (all on the target core): metrics off and the
 * cluster mode with one and with two workers under S1; the access log off (level `warn`, so no line
 * per request) under S1 and S4t, to price the log on a small and on a large request.
 */
const VARIANTS = [
  {
    label: 'toolbridge-metrics-off',
    option: 'metrics-off',
    metrics: false,
    workers: null,
    scenarios: ['S1'],
  },
  { label: 'toolbridge-w1', option: 'workers', metrics: true, workers: 1, scenarios: ['S1'] },
  { label: 'toolbridge-w2', option: 'workers', metrics: true, workers: 2, scenarios: ['S1'] },
  {
    label: 'toolbridge-keys',
    option: 'keys',
    metrics: true,
    workers: null,
    keys: true,
    scenarios: ['S1', 'S4t'],
    // A key's store work does not batch at one connection: its added latency is its own row.
    sequential: true,
  },
  {
    label: 'toolbridge-log-off',
    option: 'log-off',
    metrics: true,
    workers: null,
    logLevel: 'warn',
    scenarios: ['S1', 'S4t'],
  },
];

/** Portkey OSS as it runs in production (NODE_ENV=production, --headless); null if not installed. */
export async function startPortkey({ workDir }) {
  const install = portkeyInstall();
  if (install === null) return null;
  const port = await freePort();
  const logPath = join(workDir, 'portkey.log');
  const entry = spawnNode({
    name: 'portkey',
    core: CORES.target,
    args: [install.entry, `--port=${port}`, '--headless'],
    env: { NODE_ENV: 'production' },
    cwd: workDir,
    stdout: openSync(logPath, 'a'),
  });
  await waitForPort(entry, port);
  return { name: 'portkey', entry, pid: entry.pid, port, logPath, install };
}

/** Starts everything asked for; upstream and Portkey first (in parallel), then the ones that need the upstream. */
export async function startStack({ targets, workDir, logLevel, metrics = true, baseline = null }) {
  const wantsPortkey = targets.includes('portkey');
  const [upstream, portkey] = await Promise.all([
    startUpstream(),
    wantsPortkey ? startPortkey({ workDir }) : Promise.resolve(null),
  ]);
  const variants = VARIANTS.filter((variant) => targets.includes(variant.option));
  const [bare, toolbridge, floor, chatFloor, before, ...started] = await Promise.all([
    startBareProxy(upstream),
    targets.includes('toolbridge') ? startToolbridge(upstream, { workDir, logLevel, metrics }) : null,
    targets.includes('floor') ? startFloor(upstream, { workDir }) : null,
    targets.includes('floor') ? startChatFloor(upstream, { workDir }) : null,
    baseline === null
      ? null
      : startToolbridge(upstream, {
          workDir,
          logLevel,
          metrics,
          label: 'toolbridge-baseline',
          checkout: baseline,
        }),
    ...variants.map((variant) =>
      startToolbridge(upstream, {
        workDir,
        logLevel: variant.logLevel ?? logLevel,
        label: variant.label,
        metrics: variant.metrics,
        workers: variant.workers,
        keys: variant.keys ?? false,
      }).then((target) => ({
        ...target,
        scenarios: variant.scenarios,
        sequential: variant.sequential ?? false,
      })),
    ),
    // With --baseline, the keys variant of the other checkout too: a change to the key path is then
    // measured before and after in the same run.
    ...(baseline === null
      ? []
      : variants
          .filter((variant) => variant.keys)
          .map((variant) =>
            startToolbridge(upstream, {
              workDir,
              logLevel,
              label: 'toolbridge-baseline-keys',
              checkout: baseline,
              keys: true,
            }).then((target) => ({
              ...target,
              scenarios: variant.scenarios,
              sequential: variant.sequential ?? false,
            })),
          )),
  ]);
  const all = [upstream, bare, toolbridge, before, floor, chatFloor, portkey, ...started].filter(Boolean);
  for (const target of all) target.pids ??= [target.pid];
  return {
    upstream,
    targets: all,
    skipped: wantsPortkey && portkey === null ? ['portkey (not installed; see bench/README.md)'] : [],
    async stop() {
      await Promise.all(
        [...started, toolbridge, before, floor, chatFloor, portkey, bare, upstream]
          .filter(Boolean)
          .map((target) => stopChild(target.entry)),
      );
    },
  };
}
