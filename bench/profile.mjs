// `npm run bench -- --profile`: toolbridge under S1 and S3 (or --scenarios=S1,S2,S3,S4) with
// `node --cpu-prof`, one gateway process
// per scenario, then a summary of where its CPU time went. The .cpuprofile files stay in a temporary
// directory (open them in Chrome DevTools); the summary goes to bench/results/<stamp>-profile.json.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureWindow, warmUp } from './lib/closed-loop.mjs';
import { loadAutocannon, REPO_ROOT } from './lib/deps.mjs';
import { describeEnvironment } from './lib/environment.mjs';
import { CLOCK_TICKS } from './lib/proc-stats.mjs';
import { installCleanup, pinProcess, stopChild } from './lib/processes.mjs';
import { routeFor } from './lib/scenarios.mjs';
import { CORES, PINNED, startToolbridge, startUpstream } from './lib/stack.mjs';
import { renderSummary, summarizeCpuProfile } from './lib/summarize-cpuprofile.mjs';

const PROFILABLE = ['S1', 'S2', 'S3', 'S4'];

/** Profiles toolbridge under S1 and S3, or under the closed-loop scenarios --scenarios names. */
export async function runProfile(options) {
  installCleanup();
  const autocannon = loadAutocannon();
  const pinned = PINNED && pinProcess(process.pid, CORES.load);
  const environment = describeEnvironment({ pinned, clockTicks: CLOCK_TICKS });
  const workDir = mkdtempSync(join(tmpdir(), 'toolbridge-profile-'));
  const scenarios = options.scenariosGiven
    ? PROFILABLE.filter((key) => options.scenarios.includes(key))
    : ['S1', 'S3'];
  const upstream = await startUpstream();
  const results = {};
  try {
    for (const scenario of scenarios) {
      const profileDir = join(workDir, scenario);
      mkdirSync(profileDir);
      const gateway = await startToolbridge(upstream, {
        workDir,
        logLevel: options.logLevel,
        cpuProfDir: profileDir,
        label: `toolbridge-${scenario}`,
      });
      const route = routeFor({ name: 'toolbridge' }, scenario, upstream);
      const common = {
        autocannon,
        port: gateway.port,
        route,
        connections: options.connections,
        maxRequests: 1_000_000,
      };
      process.stderr.write(
        `profiling ${scenario}: ${options.profileSeconds} s at c=${options.connections}\n`,
      );
      await warmUp({ ...common, durationS: 1 });
      const window = await measureWindow({
        ...common,
        durationS: options.profileSeconds,
        sampleEveryMs: 500,
        pids: { target: gateway.pid, upstream: upstream.pid, others: [] },
      });
      await stopChild(gateway.entry, 10_000);
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no .cpuprofile written in ${profileDir} (did the gateway exit cleanly?)`);
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
      const summary = summarizeCpuProfile(profile, {
        top: 30,
        fromUs: window.monotonicUs.start,
        toUs: window.monotonicUs.end,
      });
      if (summary.totalMs < 0.5 * window.durationS * 1000) {
        throw new Error(
          `the profile's clock does not match the window (${summary.totalMs} ms kept); cannot trim it`,
        );
      }
      results[scenario] = {
        profile: join(profileDir, file),
        rps: window.rps,
        cpuMsPer1k: window.cpuMsPer1k,
        requests: window.requests,
        errors: window.errors + window.non2xx,
        verified: window.samples,
        summary,
      };
      process.stdout.write(
        `\n${renderSummary(summary, `${scenario} (${window.rps.toFixed(0)} req/s under profiling, ${window.cpuMsPer1k?.toFixed(0)} CPU ms/1k)`)}\n` +
          `  profile: ${join(profileDir, file)}\n`,
      );
    }
  } finally {
    await stopChild(upstream.entry);
  }
  if (options.write) {
    const dir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date()
      .toISOString()
      .replaceAll(':', '-')
      .replace(/\.\d+Z$/, 'Z');
    const file = join(dir, `${stamp}-profile.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ schema: 1, environment, options, logLevel: options.logLevel, results }, null, 2)}\n`,
    );
    process.stdout.write(`\nsummary: ${file}\n`);
  }
}
