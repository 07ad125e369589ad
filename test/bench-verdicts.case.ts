// Goal verdicts of hand-made closed-loop rows, for the bench tests that check the goals table
// (`bench/lib/report.mjs`). Not a test file itself (`.case.ts`); like those tests, not type-checked.
import { evaluateTargets } from '../bench/lib/report.mjs';

/** A closed-loop row: what `evaluateTargets` reads of one scenario × target. */
export const closedLoopRow = (scenario: string, target: string, cpuMsPer1k: number, rps = 1000) => ({
  scenario,
  target,
  rps,
  cpuMsPer1k,
});

/** The goals table of these rows, by goal id. */
export function verdictsOf(closedLoop: ReturnType<typeof closedLoopRow>[], sequential = {}) {
  return new Map(evaluateTargets({ closedLoop, sequential }).map((verdict) => [verdict.id, verdict]));
}
