/** Why a check failed: what it wanted and what came back. */
export interface CheckFailure {
  check: string;
  expected: unknown;
  actual: unknown;
}
