/**
 * Architecture rules (see CONTRIBUTING.md, "Layout"): core ← scripted-upstream | client | gateway ← cli.
 * Packages meet only through their published names, never through another package's src/; what a
 * package imports at run time must be in its own `dependencies`, so its tarball works on its own.
 */
const TEST_FILE = '(\\.test\\.ts|\\.case\\.ts|\\.bench\\.ts|/__fixtures__/)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(?!core/)|@toolbridge/(client|gateway|scripted-upstream)|^toolbridge$' },
    },
    {
      name: 'scripted-upstream-needs-only-core',
      comment: 'The test double of a provider must not share code with what it tests, beyond wire types.',
      severity: 'error',
      from: { path: '^packages/scripted-upstream/src/', pathNot: TEST_FILE },
      to: { path: '^packages/(?!(core|scripted-upstream)/)' },
    },
    {
      name: 'client-not-gateway',
      severity: 'error',
      from: { path: '^packages/client/' },
      to: { path: '^packages/(gateway|cli)/' },
    },
    {
      name: 'gateway-not-client',
      severity: 'error',
      from: { path: '^packages/gateway/' },
      to: { path: '^packages/(client|cli|scripted-upstream)/' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { pathNot: '^packages/cli/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'no-reaching-into-another-package',
      comment:
        "Import a workspace package by its name ('@toolbridge/core'), never by a path into its folder.",
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/', pathNot: ['^packages/$1/', '^packages/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'shipped-code-not-test-support',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: TEST_FILE },
      to: { path: '^(test|test-support)/|\\.case\\.ts$' },
    },
    {
      name: 'declared-dependencies-only',
      comment: "A package imported at run time must be in the importing package's own package.json.",
      severity: 'error',
      from: { path: '^packages/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-dev-dependencies-at-run-time',
      comment: 'Shipped code runs where only `dependencies` are installed.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: TEST_FILE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      conditionNames: ['@toolbridge/source', 'import', 'default'],
      exportsFields: ['exports'],
    },
  },
};
