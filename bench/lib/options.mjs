import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Command-line options of `npm run bench [-- options]`, with the full and --quick profiles.

const PROFILES = {
  full: {
    connections: 16,
    warmupS: 2,
    durationS: 5,
    repeat: 3,
    maxRequests: 300_000,
    sampleEveryMs: 200,
    rounds: 7,
    perRound: 200,
    sequentialWarmup: 50,
    pacedRounds: 5,
    pacedPerRound: 6,
    responsesRounds: 7,
    responsesPerRound: 50,
    sequentialMaxS: 60,
    ladderRates: [250, 500, 1000, 1500, 2000, 3000, 4000, 6000],
    ladderWarmupS: 1,
    ladderStepS: 3,
  },
  quick: {
    connections: 16,
    // wrk takes whole seconds.
    warmupS: 1,
    durationS: 1,
    repeat: 1,
    maxRequests: 50_000,
    sampleEveryMs: 250,
    rounds: 3,
    perRound: 20,
    sequentialWarmup: 5,
    pacedRounds: 2,
    pacedPerRound: 2,
    responsesRounds: 2,
    responsesPerRound: 10,
    sequentialMaxS: 3,
    ladderRates: [500, 1000],
    ladderWarmupS: 0.5,
    ladderStepS: 1,
  },
};

const ALL_SCENARIOS = ['S1', 'S2', 'S2p', 'S3', 'S4', 'S4t', 'S4r', 'S1r', 'S2r', 'S1a', 'S2a', 'S1g', 'S2g'];
const ALL_TARGETS = ['toolbridge', 'floor', 'portkey', 'metrics-off', 'workers', 'log-off', 'keys'];
const GENERATORS = ['auto', 'wrk', 'autocannon'];

export const USAGE = `usage: npm run bench [-- options]
  --quick                 ~1.5 min smoke run (1 s windows, few rounds)
  --profile               CPU-profile toolbridge under S1, S2, S3, S4 instead (see bench/README.md)
  --gc                    trace toolbridge's garbage collector under S1, S2, S3 instead (see bench/README.md)
  --ladder                open-loop latency ladder under S1 and S3 instead: fixed arrival rates up to the knee
  --chain                 what following a previous_response_id chain costs (SQLite store, 1–40 turns) instead
  --access                what a virtual key costs the store per request (SQLite), its writes alone and 16 per turn
  --rates=250,500,...     (--ladder) offered rates in requests/s (default 250,500,1000,1500,2000,3000,4000,6000)
  --step-seconds=S        (--ladder) measured seconds per rate (default 3, after 1 s at that rate)
  --scenarios=S1,S2,...   subset of ${ALL_SCENARIOS.join(',')}
  --targets=toolbridge,floor,portkey,metrics-off,workers,log-off,keys   targets besides the bare
                          proxy and the upstream itself (default: all; floor = S3's work written by
                          hand; metrics-off, workers = toolbridge with metrics off, and serve --workers 1
                          and 2, under S1 only; log-off = toolbridge without its access log, under
                          S1 and S4t; keys = toolbridge requiring keys, every request on a virtual
                          key with rpm, tpm and a budget, under S1 and S4t)
  --baseline=DIR          also run the toolbridge of another built checkout (e.g. the commit before a
                          change; bench/prepare-baseline.sh makes one) as target toolbridge-baseline,
                          in every scenario, so before and after are measured in the same run
  --generator=auto|wrk|autocannon   closed-loop load generator (default auto: wrk when installed)
  --generator-workers=N   autocannon worker processes when autocannon generates the load (default 4)
  --connections=N         closed-loop connections (default 16)
  --duration=S --warmup=S closed-loop window and warm-up, seconds
  --repeat=N              closed-loop windows per scenario × target (median reported)
  --rounds=N --per-round=N  sequential interleaved rounds and requests per round
  --log-level=LEVEL       toolbridge log level (default info; the log goes to a file)
  --no-metrics            run toolbridge with "metrics": false (compare with a run with metrics on)
  --seconds=S             (--profile, --gc) load seconds per scenario (default 10)
  --no-write              do not write bench/results/*.json
  --keep-work-dir         keep the temporary directory (config, logs, SQLite store)`;

/** The checkout given to --baseline, checked: its bench entry and its built gateway must exist. */
function resolveBaseline(dir) {
  const root = resolve(dir);
  for (const needed of ['bench/gateway-main.mjs', 'packages/gateway/dist/index.js']) {
    if (!existsSync(join(root, needed)))
      throw new Error(
        `--baseline=${dir}: ${needed} is missing there (bench/prepare-baseline.sh builds a checkout)`,
      );
  }
  return root;
}

function parseNumber(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} needs a positive number, got '${text}'`);
  return value;
}

/** Parses argv into the options of a run. */
export function parseOptions(argv) {
  const flags = new Map();
  for (const argument of argv) {
    if (!argument.startsWith('--')) throw new Error(`unexpected argument '${argument}'\n${USAGE}`);
    const [name, value = 'true'] = argument.slice(2).split(/=(.*)/s);
    flags.set(name, value);
  }
  if (flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = flags.has('quick');
  const options = {
    quick,
    profile: flags.has('profile'),
    gc: flags.has('gc'),
    ladder: flags.has('ladder'),
    chain: flags.has('chain'),
    access: flags.has('access'),
    ...PROFILES[quick ? 'quick' : 'full'],
    scenarios: ALL_SCENARIOS,
    targets: ALL_TARGETS,
    logLevel: 'info',
    metrics: !flags.has('no-metrics'),
    generator: 'auto',
    generatorWorkers: 4,
    write: !flags.has('no-write'),
    keepWorkDir: flags.has('keep-work-dir'),
    profileSeconds: quick ? 3 : 10,
  };
  const numeric = {
    connections: 'connections',
    duration: 'durationS',
    repeat: 'repeat',
    warmup: 'warmupS',
    rounds: 'rounds',
    'per-round': 'perRound',
    seconds: 'profileSeconds',
    'step-seconds': 'ladderStepS',
    'generator-workers': 'generatorWorkers',
  };
  for (const [flag, key] of Object.entries(numeric)) {
    if (flags.has(flag)) options[key] = parseNumber(flag, flags.get(flag));
  }
  if (flags.has('scenarios')) {
    options.scenariosGiven = true;
    options.scenarios = flags.get('scenarios').split(',');
    const unknown = options.scenarios.filter((key) => !ALL_SCENARIOS.includes(key));
    if (unknown.length > 0) throw new Error(`unknown scenarios ${unknown.join(', ')}`);
  }
  if (flags.has('targets')) {
    options.targetsGiven = true;
    options.targets = flags.get('targets').split(',');
    const unknown = options.targets.filter((name) => !ALL_TARGETS.includes(name));
    if (unknown.length > 0) throw new Error(`unknown targets ${unknown.join(', ')}`);
  }
  if (flags.has('baseline')) options.baseline = resolveBaseline(flags.get('baseline'));
  if (flags.has('rates')) {
    options.ladderRates = flags
      .get('rates')
      .split(',')
      .map((text) => parseNumber('rates', text))
      .sort((a, b) => a - b);
  }
  if (flags.has('log-level')) options.logLevel = flags.get('log-level');
  if (flags.has('generator')) {
    options.generator = flags.get('generator');
    if (!GENERATORS.includes(options.generator))
      throw new Error(`--generator must be one of ${GENERATORS.join(', ')}`);
  }
  const known = new Set([
    'quick',
    'profile',
    'gc',
    'ladder',
    'chain',
    'access',
    'rates',
    'help',
    'scenarios',
    'targets',
    'baseline',
    'log-level',
    'generator',
    'no-write',
    'no-metrics',
    'keep-work-dir',
    ...Object.keys(numeric),
  ]);
  for (const name of flags.keys())
    if (!known.has(name)) throw new Error(`unknown option --${name}\n${USAGE}`);
  return options;
}
