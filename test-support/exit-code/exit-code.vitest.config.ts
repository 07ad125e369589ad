// The repository's Vitest configuration (global setup included) with one test that fails on purpose.
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test-support/exit-code/always-fails.check.ts'] },
});
