import type { Evidence } from './run-steps.js';

/** How one case ended (docs/conformance.md#outcomes). */
export type CaseStatus = 'pass' | 'fail' | 'unsupported' | 'no-call';

/** One row of the scorecard. */
export interface CaseResult {
  id: string;
  area: string;
  api: string;
  title: string;
  refs: string[];
  status: CaseStatus;
  durationMs: number;
  /** For a failure: every property that did not hold; for `unsupported` / `no-call`: why. */
  evidence: Evidence[];
}

/** Whether the endpoint has a feature, decided by its probe. */
export interface FeatureResult {
  id: string;
  title: string;
  supported: boolean;
  evidence: Evidence[];
}

/** The JSON report of `toolbridge conformance --json FILE` (docs/conformance.md#json-report). */
export interface ConformanceReport {
  /** Version of this report's shape; grows when fields change meaning. */
  reportVersion: 1;
  tool: string;
  baseUrl: string;
  model: string;
  apis: string[];
  startedAt: string;
  durationMs: number;
  summary: {
    total: number;
    passed: number;
    failed: number;
    unsupported: number;
    noCall: number;
    /** passed / (passed + failed), or null when nothing was decided. */
    score: number | null;
  };
  features: FeatureResult[];
  cases: CaseResult[];
}

/** Counts the outcomes of a run. */
export function summarize(cases: readonly CaseResult[]): ConformanceReport['summary'] {
  const count = (status: CaseStatus): number => cases.filter((entry) => entry.status === status).length;
  const passed = count('pass');
  const failed = count('fail');
  return {
    total: cases.length,
    passed,
    failed,
    unsupported: count('unsupported'),
    noCall: count('no-call'),
    score: passed + failed === 0 ? null : passed / (passed + failed),
  };
}
