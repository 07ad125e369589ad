import type { RunCallbacks, RunResult } from '@toolbridge/client';
import type { DemoScenario } from './demo-scenarios.js';
import type { WireBody } from './wire-hop.js';

/**
 * Prints the loop as it happens: human-readable lines, or JSON lines with `--json`. Both number the
 * model requests of a run with one counter, `step` 1, 2, …, and tag every line or event with it.
 */
export interface TracePrinter {
  callbacks(scenario: DemoScenario): RunCallbacks;
  begin(scenario: DemoScenario, tools: readonly { name: string; strict: boolean }[]): void;
  /** A wire body (`--verbose`), printed as soon as its hop is done. */
  wire(wire: WireBody): void;
  end(scenario: DemoScenario, result: RunResult): void;
  fail(scenario: DemoScenario, error: unknown): void;
}
