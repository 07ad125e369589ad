import { CliError } from '../cli-error.js';
import type { ApiAdapter } from './api-adapter.js';
import { apiAdapters } from './api-adapters.js';
import { conformanceDefaults } from './conformance-defaults.js';
import type { CaseResult, ConformanceReport, FeatureResult } from './conformance-report.js';
import { summarize } from './conformance-report.js';
import type { ConformanceCase } from './corpus-schema.js';
import { show } from './describe-check.js';
import { createFeatureProber, type FeatureProber } from './feature-prober.js';
import type { Corpus } from './load-corpus.js';
import { type ConformanceTarget, runSteps, type StepsOutcome } from './run-steps.js';
import { trimEvidence } from './trim-evidence.js';

/** Options of {@link runConformance}. */
export interface RunConformanceOptions {
  target: ConformanceTarget;
  model: string;
  /** APIs whose cases run (adapter ids, e.g. `chat`, `responses`). */
  apis: readonly string[];
  /** Case ids or area names to run; all when empty. */
  only?: readonly string[];
  corpus: Corpus;
  concurrency?: number;
  signal?: AbortSignal;
  /** Called as each case finishes (progress output). */
  onCase?: (result: CaseResult) => void;
}

function adapterOf(api: string): ApiAdapter {
  const adapter = apiAdapters.get(api);
  if (adapter === undefined) throw new CliError(`Unknown api '${api}'.`, { exitCode: 2 });
  return adapter;
}

function selectCases(corpus: Corpus, apis: readonly string[], only: readonly string[]): ConformanceCase[] {
  for (const api of apis) adapterOf(api);
  const known = new Set(corpus.cases.flatMap((entry) => [entry.id, entry.area]));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new CliError(
      `--only names no case or area: ${unknown.join(', ')}. Areas: ${[...new Set(corpus.cases.map((entry) => entry.area))].join(', ')}.`,
      { exitCode: 2 },
    );
  }
  return corpus.cases.filter(
    (entry) =>
      apis.includes(entry.api) && (only.length === 0 || only.includes(entry.id) || only.includes(entry.area)),
  );
}

/** Runs `task` over `items` with at most `limit` at once; results keep the items' order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  // A dozen lines instead of a dependency: a worker pool over a shared index.
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The base URL as the report shows it: without credentials or query, which may carry a key. */
function shownUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return baseUrl;
  }
}

/** Why a probe said "not supported", in one line. */
function probeSummary(feature: FeatureResult): string {
  const first = feature.evidence[0];
  if (first === undefined) return 'not supported';
  return `probe step '${first.step}': ${first.check}: expected ${show(first.expected)}, got ${show(first.actual)}`;
}

async function runCase(
  entry: ConformanceCase,
  prober: FeatureProber,
  run: (steps: ConformanceCase['steps'], api: string) => Promise<StepsOutcome>,
): Promise<CaseResult> {
  const started = Date.now();
  const missing = await prober.missingFeature(entry);
  const outcome: StepsOutcome =
    missing === null
      ? await run(entry.steps, entry.api)
      : {
          status: 'fail',
          evidence: [
            {
              step: `feature ${missing.id}`,
              check: missing.title,
              expected: 'supported',
              actual: probeSummary(missing),
            },
          ],
        };
  return {
    id: entry.id,
    area: entry.area,
    api: entry.api,
    title: entry.title,
    refs: entry.refs,
    status: missing === null ? outcome.status : 'unsupported',
    durationMs: Date.now() - started,
    evidence: trimEvidence(outcome.evidence),
  };
}

/**
 * Runs the selected cases of a corpus against one endpoint and builds the report: features are
 * probed once, on first need; a case whose feature is missing is `unsupported`; the rest pass,
 * fail with evidence, or end as `no-call` (docs/conformance.md#outcomes).
 */
export async function runConformance(options: RunConformanceOptions): Promise<ConformanceReport> {
  const started = Date.now();
  const cases = selectCases(options.corpus, options.apis, options.only ?? []);
  const shared = new Map<string, unknown>([...options.corpus.variables, ['model', options.model]]);
  const run = (
    steps: ConformanceCase['steps'],
    api: string,
    own: Record<string, unknown> = {},
  ): Promise<StepsOutcome> => {
    const variables = new Map([...shared, ...Object.entries(own)]);
    return runSteps({
      steps,
      adapter: adapterOf(api),
      target: options.target,
      variables,
      signal: options.signal,
    });
  };
  const prober = createFeatureProber(options.corpus.features, (feature) => run(feature.steps, feature.api));
  const limit = options.concurrency ?? conformanceDefaults.concurrency;
  const results = await mapLimit(cases, limit, async (entry) => {
    const result = await runCase(entry, prober, (steps, api) => run(steps, api, entry.variables));
    options.onCase?.(result);
    return result;
  });
  return {
    reportVersion: 1,
    tool: 'toolbridge conformance',
    baseUrl: shownUrl(options.target.baseUrl),
    model: options.model,
    apis: [...options.apis],
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    summary: summarize(results),
    features: await prober.results(),
    cases: results,
  };
}
