// Run only by test/test-run-exit-code.test.ts, through exit-code.vitest.config.ts: a test that fails.
import { expect, it } from 'vitest';

it('fails on purpose', () => {
  expect(1).toBe(2);
});
