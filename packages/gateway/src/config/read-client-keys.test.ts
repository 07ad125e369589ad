import { describe, expect, test } from 'vitest';
import { hashConfiguredKeys } from '../access/configured-keys.js';
import { readClientKeys } from './read-client-keys.js';

// docs/configuration.md#projects: apiKeysEnv keys are their own projects, `projects` groups keys.
describe('readClientKeys', () => {
  const env = { SOLO: ' sk-1 , sk-2,', TEAM: 'sk-3,sk-4', ADMIN: ' admin-key\n', EMPTY: ' , ' };

  test('reads and trims keys, groups projects, and names each key’s project', () => {
    const keys = readClientKeys(
      { apiKeysEnv: 'SOLO', projects: { team: { keysEnv: 'TEAM' } }, adminKeyEnv: 'ADMIN' },
      env,
    );
    expect(keys).toEqual({
      apiKeys: ['sk-1', 'sk-2'],
      projects: [{ name: 'team', keys: ['sk-3', 'sk-4'] }],
      adminKey: 'admin-key',
    });
    const { identities } = hashConfiguredKeys(keys);
    expect(identities.map((identity) => identity.projectId)).toEqual([
      expect.stringMatching(/^key:[0-9a-f]{12}$/),
      expect.stringMatching(/^key:[0-9a-f]{12}$/),
      'team',
      'team',
    ]);
    expect(identities[0]?.projectId).not.toBe(identities[1]?.projectId);
    expect(JSON.stringify(identities)).not.toMatch(/sk-\d/);
  });

  test('an empty variable, or one key in two places, fails at start', () => {
    expect(() => readClientKeys({ projects: { team: { keysEnv: 'EMPTY' } } }, env)).toThrow(
      '"projects.team.keysEnv" names EMPTY, which is empty',
    );
    expect(() => readClientKeys({ adminKeyEnv: 'NOPE' }, env)).toThrow('"adminKeyEnv" names NOPE');
    expect(() =>
      readClientKeys({ apiKeysEnv: 'SOLO', projects: { team: { keysEnv: 'SOLO' } } }, env),
    ).toThrow('The same key is configured twice');
  });
});
