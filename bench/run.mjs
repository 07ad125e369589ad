// `npm run bench [-- --quick]`: toolbridge against a bare Node relay and Portkey OSS on 127.0.0.1,
// with the scripted upstream in fixed-answer mode. See bench/README.md for the method.

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { combineWindows, measureWindow, warmUp } from './lib/closed-loop.mjs';
import { REPO_ROOT, toolVersions } from './lib/deps.mjs';
import { describeEnvironment } from './lib/environment.mjs';
import { createLoadGenerator } from './lib/load-generator.mjs';
import { parseOptions } from './lib/options.mjs';
import { CLOCK_TICKS, rssMb } from './lib/proc-stats.mjs';
import { installCleanup, pinProcess, stopAll } from './lib/processes.mjs';
import {
  CALIBRATION_FACTOR,
  calibrationOf,
  calibrationSummary,
  calibrationTable,
  closedLoopTable,
  correctnessFailures,
  evaluateTargets,
  sequentialTable,
  verdictTable,
  worstForeignBusy,
} from './lib/report.mjs';
import { routeFor, SCENARIOS } from './lib/scenarios.mjs';
import { runInterleaved } from './lib/sequential.mjs';
import { CORES, PINNED, startStack } from './lib/stack.mjs';
import { writeResult } from './lib/write-result.mjs';

const clock = performance.now();
const log = (message) =>
  process.stderr.write(`[${((performance.now() - clock) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

function checkBuilt() {
  const dist = join(REPO_ROOT, 'packages', 'gateway', 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b\` (npm run bench does).`);
}

/** The targets that serve `scenario`, with their routes (variants only where they are measured). */
function targetsFor(stack, scenario, { sequential = false } = {}) {
  return stack.targets
    .filter((target) => target.scenarios === undefined || target.scenarios.includes(scenario))
    .filter((target) => !sequential || target.sequential !== false)
    .map((target) => ({ target, route: routeFor(target, scenario, stack.upstream) }))
    .filter(({ route }) => route !== null);
}

/**
 * Closed-loop runs: every scenario on every target that can serve it, and on the upstream alone
 * ("direct": the generator and upstream's own rate, the calibration). Each target is warmed up once,
 * then measured `repeat` times with the targets' order rotating, so background noise on this shared
 * machine spreads over all of them; rows hold medians of the windows.
 */
async function closedLoopPhase({ stack, options, generator }) {
  const rows = [];
  const common = { generator, connections: options.connections, maxRequests: options.maxRequests };
  const allPids = stack.targets.flatMap((target) => target.pids);
  for (const scenario of options.scenarios.filter((key) => SCENARIOS[key].closedLoop !== false)) {
    const targets = targetsFor(stack, scenario);
    const windows = new Map(targets.map(({ target }) => [target.name, []]));
    log(
      `  closed loop ${scenario}: ${targets.map(({ target }) => target.name).join(', ')} — c=${options.connections}, ${options.repeat} × ${options.durationS} s`,
    );
    for (const { target, route } of targets) {
      await warmUp({ ...common, port: target.port, route, durationS: options.warmupS });
    }
    for (let repeat = 0; repeat < options.repeat; repeat++) {
      for (let index = 0; index < targets.length; index++) {
        const { target, route } = targets[(index + repeat) % targets.length];
        const window = await measureWindow({
          ...common,
          port: target.port,
          route,
          durationS: options.durationS,
          sampleEveryMs: options.sampleEveryMs,
          pids: { target: target.pids, upstream: stack.upstream.pid, others: allPids },
        });
        windows.get(target.name).push(window);
      }
    }
    const scenarioRows = targets.map(({ target }) => ({
      scenario,
      target: target.name,
      connections: options.connections,
      ...combineWindows(windows.get(target.name)),
    }));
    for (const row of scenarioRows) Object.assign(row, { calibration: calibrationOf(scenarioRows, row) });
    const invalid = scenarioRows.filter((row) => row.calibration.targetBound === false);
    if (invalid.length > 0)
      log(
        `    ${scenario}: generator-bound for ${invalid.map((row) => `${row.target} (${row.calibration.headroom.toFixed(2)}×)`).join(', ')} — their rates are not theirs (needs ${CALIBRATION_FACTOR}×)`,
      );
    rows.push(...scenarioRows);
  }
  return rows;
}

/** Sequential interleaved latency per scenario (S3: toolbridge alone, both turns timed). */
async function sequentialPhase({ stack, options }) {
  const results = {};
  for (const scenario of options.scenarios.filter((key) => SCENARIOS[key].sequential !== false)) {
    const paced = scenario === 'S2p';
    const responses = scenario === 'S3';
    const targets = targetsFor(stack, scenario, { sequential: true }).map(({ target, route }) => ({
      name: target.name,
      port: target.port,
      route,
      pids: target.pids ?? (target.pid === undefined ? [] : [target.pid]),
    }));
    log(`  sequential ${scenario} (${targets.map((target) => target.name).join(', ')})`);
    results[scenario] = await runInterleaved({
      targets,
      rounds: paced ? options.pacedRounds : responses ? options.responsesRounds : options.rounds,
      perRound: paced ? options.pacedPerRound : responses ? options.responsesPerRound : options.perRound,
      warmup: paced ? 1 : options.sequentialWarmup,
      maxSeconds: options.sequentialMaxS,
      pids: [stack.upstream.pid, ...stack.targets.flatMap((target) => target.pids)],
    });
  }
  return results;
}

function fileSize(path) {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** The modes that replace the closed-loop run: option flag, module, entry point. */
const MODES = [
  ['profile', './profile.mjs', 'runProfile'],
  ['gc', './gc.mjs', 'runGcTrace'],
  ['ladder', './ladder.mjs', 'runLadder'],
  ['chain', './chain.mjs', 'runChainLoad'],
  ['access', './access.mjs', 'runAccessCost'],
];

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const mode = MODES.find(([flag]) => options[flag]);
  if (mode !== undefined) {
    const [, file, entry] = mode;
    return (await import(file))[entry](options);
  }
  installCleanup();
  checkBuilt();
  const startedAt = new Date();
  const pinnedSelf = PINNED && pinProcess(process.pid, CORES.load);
  const environment = describeEnvironment({
    pinned: PINNED && pinnedSelf,
    clockTicks: CLOCK_TICKS,
    baseline: options.baseline ?? null,
  });
  const versions = toolVersions();
  log(
    `toolbridge bench ${options.quick ? '(quick) ' : ''}— node ${environment.node}, ${environment.cpuModel}, nproc ${environment.nproc}, ` +
      `${environment.pinned ? 'targets on core 1, upstream + load generator on core 0' : 'NOT pinned'}, commit ${environment.commit?.slice(0, 10)}${environment.dirty ? ' (dirty tree)' : ''}` +
      (environment.baseline ? `, baseline ${environment.baseline.commit?.slice(0, 10)}` : ''),
  );
  if (versions.portkey && versions.honoNodeServer !== '1.13.8') {
    log(
      `  warning: Portkey loads @hono/node-server ${versions.honoNodeServer}; streaming needs the 1.13.8 override`,
    );
  }
  const workDir = mkdtempSync(join(tmpdir(), 'toolbridge-bench-'));
  const generator = createLoadGenerator({ options, core: CORES.load, workDir });
  log(`  load generator: ${generator.describe}`);
  const stack = await startStack({
    targets: options.targets,
    workDir,
    logLevel: options.logLevel,
    metrics: options.metrics,
    baseline: options.baseline ?? null,
  });
  let exitCode = 0;
  try {
    for (const note of stack.skipped) log(`  skipped: ${note}`);
    const idleRssMb = Object.fromEntries(stack.targets.map((target) => [target.name, rssMb(target.pid)]));
    const closedLoop = await closedLoopPhase({ stack, options, generator });
    const sequential = await sequentialPhase({ stack, options });
    const toolbridge = stack.targets.find((target) => target.name === 'toolbridge');
    const verdicts = evaluateTargets({ closedLoop, sequential });
    const calibration = calibrationSummary(closedLoop);
    const failures = correctnessFailures({ closedLoop, sequential });
    const finishedAt = new Date();

    const out = process.stdout;
    out.write(
      `\nClosed loop (${generator.describe}; c=${options.connections}, median of ${options.repeat} × ${options.durationS} s windows after ${options.warmupS} s warm-up)\n`,
    );
    out.write(`${closedLoopTable(closedLoop)}\n`);
    out.write(
      `  gen×: the upstream alone (direct, same generator) reached this × the target's rate; below ${CALIBRATION_FACTOR}× (!) the\n` +
        "  load core may have set the rate, so that rate is not the target's (read CPU µs/req). ×bare: ratio to the bare\n" +
        "  relay in the same scenario (S3: to its S1 rate). CPU µs/req: the target's CPU per request served. gen µs,\n" +
        "  ups µs: the generator's and the upstream's CPU per request. core1/core0: how busy the target core and the\n" +
        '  load core (upstream + generator) were. other: CPU of processes not ours (worst window, in cores) — above\n' +
        '  ~10% another job disturbed the figures. verified: sampled responses whose tool call matched.\n',
    );
    out.write(`\nCalibration (direct ÷ target rate ≥ ${CALIBRATION_FACTOR}× in every row of a scenario)\n`);
    out.write(`${calibrationTable(calibration)}\n`);
    out.write(
      `\nSequential, one connection, ${options.rounds} interleaved rounds × ${options.perRound} (S2p ${options.pacedRounds}×${options.pacedPerRound}, S3 ${options.responsesRounds}×${options.responsesPerRound} pairs)\n`,
    );
    out.write(`${sequentialTable(sequential)}\n`);
    out.write(
      '  p50: median of round medians; added: median over rounds of (target − bare) round medians, [q1, q3].\n',
    );
    out.write(
      "  CPU µs/req: the target's own CPU per request at one connection (more than under load: a wake-up per\n  request), which is what its added latency is made of.\n",
    );
    out.write(
      `  S3 p50 = turn 1 (store write), turn2 = follow-up with previous_response_id (store read + write).\n`,
    );
    out.write(`\nGoals\n${verdictTable(verdicts)}\n`);
    out.write(
      `\ntoolbridge log level: ${options.logLevel} (pino, async, to a file: ${fileSize(toolbridge?.logPath) ?? '?'} bytes written)` +
        `; idle RSS MB: ${Object.entries(idleRssMb)
          .map(([name, value]) => `${name} ${value.toFixed(0)}`)
          .join(', ')}\n`,
    );
    const noise = worstForeignBusy({ closedLoop, sequential });
    if (noise > 0.1) {
      out.write(
        `\nNOISE: other processes used up to ${(100 * noise).toFixed(0)}% of a core during the run ` +
          `(load average now ${loadavg()
            .map((value) => value.toFixed(2))
            .join(' ')}); absolute figures and ratios are disturbed — rerun on a quiet machine.\n`,
      );
    }
    if (failures.length > 0) {
      out.write(
        `\nCORRECTNESS FAILED (${failures.length}):\n${failures.map((failure) => `  - ${failure}`).join('\n')}\n`,
      );
      exitCode = 1;
    } else {
      out.write('\nCorrectness: every sampled and sequential response carried the expected tool call.\n');
    }

    const result = {
      schema: 1,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      wallSeconds: (finishedAt - startedAt) / 1000,
      environment: { ...environment, loadAverageAtEnd: loadavg() },
      noise: { worstForeignBusyCores: noise },
      versions: {
        ...versions,
        generator: { name: generator.name, version: generator.version, describe: generator.describe },
      },
      options: { ...options, write: undefined, keepWorkDir: undefined },
      calibration,
      toolbridge: {
        logLevel: options.logLevel,
        logDestination: 'file (pino async destination, redirected stdout)',
        logBytes: fileSize(toolbridge?.logPath),
        store: 'SQLite file (WAL) in a temporary directory',
      },
      scenarios: Object.fromEntries(options.scenarios.map((key) => [key, SCENARIOS[key].title])),
      idleRssMb,
      closedLoop,
      sequential,
      goals: verdicts,
      correctness: { ok: failures.length === 0, failures },
    };
    if (options.write) {
      const file = writeResult(result, { suffix: options.quick ? '-quick' : '', at: startedAt });
      out.write(`\nresult: ${file}\n`);
    }
  } finally {
    log('stopping processes');
    await stack.stop();
    log('stopped');
    if (options.keepWorkDir) log(`work dir kept: ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  process.exitCode = exitCode;
}

main().catch(async (error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  await stopAll();
  process.exitCode = 2;
});
