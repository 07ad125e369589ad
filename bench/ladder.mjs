// `npm run bench -- --ladder`: the open-loop latency ladder (bench/README.md, Latency ladder). Each target
// that serves a scenario is offered fixed arrival rates, rising (--rates), until a step has
// more than 0.1 % errors or a p99 above 250 ms; its "knee" is the last rate that passed. Latency
// counts from each request's due time (bench/lib/open-loop.mjs), so queueing inside a saturated
// target shows as latency instead of a politely slower load generator.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmUp } from './lib/closed-loop.mjs';
import { describeEnvironment } from './lib/environment.mjs';
import { createLoadGenerator } from './lib/load-generator.mjs';
import { openLoopStep } from './lib/open-loop.mjs';
import { CLOCK_TICKS } from './lib/proc-stats.mjs';
import { installCleanup, pinProcess } from './lib/processes.mjs';
import { routeFor } from './lib/scenarios.mjs';
import { CORES, PINNED, startStack } from './lib/stack.mjs';
import { fixed, renderTable } from './lib/table.mjs';
import { writeResult } from './lib/write-result.mjs';

/** A step passes with at most this share of errors and at most this p99. */
export const LADDER_LIMITS = { errorShare: 0.001, p99Ms: 250 };
const LADDERABLE = ['S1', 'S2', 'S3', 'S4', 'S4t'];

/** True when `step` stays within LADDER_LIMITS (and answered anything at all). */
export function stepPasses(step) {
  return (
    step.ok > 0 &&
    step.errors <= LADDER_LIMITS.errorShare * step.sent &&
    step.p99Ms !== null &&
    step.p99Ms <= LADDER_LIMITS.p99Ms
  );
}

/** The last passing rate of a ladder, climbed in order and stopped at the first failure; null if none. */
export function kneeOf(steps) {
  let knee = null;
  for (const step of steps) {
    if (!stepPasses(step)) break;
    knee = step.rate;
  }
  return knee;
}

export async function runLadder(options) {
  installCleanup();
  const pinned = PINNED && pinProcess(process.pid, CORES.load);
  const environment = describeEnvironment({
    pinned,
    clockTicks: CLOCK_TICKS,
    baseline: options.baseline ?? null,
  });
  const scenarios = options.scenariosGiven
    ? LADDERABLE.filter((key) => options.scenarios.includes(key))
    : ['S1', 'S3'];
  const workDir = mkdtempSync(join(tmpdir(), 'toolbridge-ladder-'));
  const generator = createLoadGenerator({ options, core: CORES.load, workDir });
  const stack = await startStack({
    targets: options.targets,
    workDir,
    logLevel: options.logLevel,
    metrics: options.metrics,
    baseline: options.baseline ?? null,
  });
  const results = {};
  try {
    for (const note of stack.skipped) process.stderr.write(`  skipped: ${note}\n`);
    for (const scenario of scenarios) {
      results[scenario] = {};
      // The ladder compares the main targets: not the upstream alone, nor toolbridge's S1 variants.
      const laddered = stack.targets.filter(
        (candidate) => candidate.name !== 'direct' && candidate.scenarios === undefined,
      );
      for (const target of laddered) {
        const route = routeFor(target, scenario, stack.upstream);
        if (route === null) continue;
        // Warm like the closed loop does (JIT, pools, store pages): a cold target would fall behind
        // in its first second and carry that queue through the whole first step.
        await warmUp({
          generator,
          port: target.port,
          route,
          connections: options.connections,
          durationS: options.warmupS,
          maxRequests: options.maxRequests,
        });
        const steps = [];
        for (const rate of options.ladderRates) {
          process.stderr.write(`ladder ${scenario} ${target.name}: ${rate} req/s\n`);
          const runStep = () =>
            openLoopStep({
              port: target.port,
              route,
              rate,
              warmupS: options.ladderWarmupS,
              durationS: options.ladderStepS,
              pids: { target: target.pid, upstream: stack.upstream.pid },
            });
          let step = await runStep();
          // One hiccup of this shared machine should not end a ladder: a failed step is run once more
          // and the second attempt decides (the first is kept in the result).
          if (!stepPasses(step)) step = { ...(await runStep()), firstAttempt: step };
          steps.push(step);
          if (!stepPasses(step)) break;
        }
        results[scenario][target.name] = { knee: kneeOf(steps), steps };
      }
    }
  } finally {
    await stack.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${ladderTable(results)}\n`);
  process.stdout.write(
    `  offered: requests due per second (S3: pairs at half the rate); latency from each request's due time.\n` +
      `  knee: last rate with ≤ ${100 * LADDER_LIMITS.errorShare}% errors and p99 ≤ ${LADDER_LIMITS.p99Ms} ms; ` +
      `a step past either is run once more, and the ladder stops if it fails again.\n` +
      `  core0 (upstream + this load generator) near 100% means the generator, not the target, ran out.\n`,
  );
  const compared = cpuAtEqualRates(results);
  if (compared.length > 0) {
    process.stdout.write(
      `\nCPU per request at the same offered rate, ÷ the bare relay's (steps both passed)\n${renderTable(
        ['scen', 'target', 'offered', 'CPU µs/req', 'bare µs/req', '× bare'],
        compared.map((row) => [
          row.scenario,
          row.target,
          row.rate,
          fixed(row.cpuUs, 0),
          fixed(row.bareCpuUs, 0),
          `${fixed(row.ratio, 2)}×`,
        ]),
      )}\n`,
    );
  }
  const failures = verificationFailures(results);
  if (failures.length > 0) {
    process.stdout.write(`\nCORRECTNESS FAILED:\n${failures.map((line) => `  - ${line}`).join('\n')}\n`);
    process.exitCode = 1;
  }
  if (options.write) {
    const recorded = { ...options, write: undefined, keepWorkDir: undefined };
    const file = writeResult(
      {
        schema: 1,
        environment,
        options: recorded,
        limits: LADDER_LIMITS,
        results,
        cpuAtEqualRates: compared,
      },
      { suffix: options.quick ? '-ladder-quick' : '-ladder' },
    );
    process.stdout.write(`\nresult: ${file}\n`);
  }
}

/**
 * Each target's CPU per request over the bare relay's at every offered rate where both passed: the
 * closed loop compares targets at different rates, and a relay that the generator held back spends
 * more CPU per request than one running flat out, so this is the like-for-like figure.
 */
export function cpuAtEqualRates(results) {
  const rows = [];
  for (const [scenario, byTarget] of Object.entries(results)) {
    const bare = byTarget.bare;
    if (!bare) continue;
    for (const [target, { steps }] of Object.entries(byTarget)) {
      if (target === 'bare') continue;
      for (const step of steps.filter(stepPasses)) {
        const reference = bare.steps.find(
          (candidate) => candidate.rate === step.rate && stepPasses(candidate),
        );
        const cpuUs = step.targetCpuUsPerRequest;
        const bareCpuUs = reference?.targetCpuUsPerRequest;
        if (cpuUs == null || bareCpuUs == null) continue;
        rows.push({ scenario, target, rate: step.rate, cpuUs, bareCpuUs, ratio: cpuUs / bareCpuUs });
      }
    }
  }
  return rows;
}

/** Verified samples that did not carry the expected call, or targets never verified. */
export function verificationFailures(results) {
  const failures = [];
  for (const [scenario, byTarget] of Object.entries(results)) {
    for (const [target, { steps }] of Object.entries(byTarget)) {
      const verified = steps.reduce((sum, step) => sum + step.verified.ok, 0);
      const failed = steps.reduce((sum, step) => sum + step.verified.failed, 0);
      if (target !== 'portkey' && failed > 0)
        failures.push(`${scenario}/${target}: ${failed} verified answers wrong`);
      if (verified === 0) failures.push(`${scenario}/${target}: no answer was verified`);
    }
  }
  return failures;
}

function ladderTable(results) {
  const rows = [];
  for (const [scenario, byTarget] of Object.entries(results)) {
    for (const [target, { knee, steps }] of Object.entries(byTarget)) {
      for (const step of steps) {
        rows.push([
          scenario,
          target,
          step.rate,
          fixed(step.achievedRps, 0),
          fixed(step.p50Ms, 1),
          fixed(step.p90Ms, 1),
          fixed(step.p99Ms, 1),
          fixed(step.maxMs, 0),
          step.errors,
          `${fixed(100 * (step.targetBusy ?? Number.NaN), 0)}%`,
          fixed(step.targetCpuUsPerRequest ?? Number.NaN, 0),
          `${fixed(100 * ((step.upstreamBusy ?? 0) + (step.loaderBusy ?? 0)), 0)}%`,
          `${step.verified.ok}/${step.verified.ok + step.verified.failed}`,
          (stepPasses(step) ? (step.rate === knee ? 'knee' : 'pass') : 'FAIL') +
            (step.firstAttempt ? ' (2nd try)' : ''),
        ]);
      }
    }
  }
  return renderTable(
    [
      'scen',
      'target',
      'offered',
      'achieved',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'err',
      'core1',
      'CPU µs/req',
      'core0',
      'verified',
      'step',
    ],
    rows,
  );
}
