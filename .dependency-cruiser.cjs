/**
 * Layer rules (CONTRIBUTING.md, Layout): core ← client|gateway ← cli; nothing imports cli; client never
 * imports gateway — except its test-support/, which starts a gateway + scripted upstream for end-to-end
 * tests.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(client|gateway|cli)/|@toolbridge/(client|gateway)|^toolbridge$' },
    },
    {
      name: 'client-not-gateway',
      severity: 'error',
      from: { path: '^packages/client/', pathNot: '^packages/client/src/test-support/' },
      to: { path: '^packages/(gateway|cli)/' },
    },
    {
      name: 'gateway-not-client',
      severity: 'error',
      from: { path: '^packages/gateway/src/(?!.*\\.test\\.ts$)' },
      to: { path: '^packages/(client|cli)/' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { pathNot: '^packages/cli/' },
      to: { path: '^packages/cli/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      conditionNames: ['@toolbridge/source', 'import', 'default'],
      exportsFields: ['exports'],
    },
  },
};
