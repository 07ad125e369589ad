import { hashKey } from '../access/hash-key.js';
import { ConfigError } from './config-error.js';
import type { ConfigFile } from './config-file-schema.js';
import type { ProjectConfig } from './gateway-config.js';

/** Comma-separated keys from an environment variable, trimmed; a named but empty variable fails. */
function keysFrom(variable: string, what: string, env: NodeJS.ProcessEnv): string[] {
  const keys = (env[variable] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.length === 0) {
    throw new ConfigError(
      `${what} names ${variable}, which is empty: set it to a comma-separated list of client keys.`,
    );
  }
  return keys;
}

/**
 * The client keys of the config file: `apiKeysEnv` (each key its own project), `projects` (keys
 * grouped under a name) and `adminKeyEnv` (docs/configuration.md#projects-keys-and-limits). A key
 * may stand for one project only, and the admin key for nothing else.
 */
export function readClientKeys(
  file: Pick<ConfigFile, 'apiKeysEnv' | 'projects' | 'adminKeyEnv'>,
  env: NodeJS.ProcessEnv,
): { apiKeys: string[]; projects: ProjectConfig[]; adminKey: string | null } {
  const apiKeys = file.apiKeysEnv === undefined ? [] : keysFrom(file.apiKeysEnv, '"apiKeysEnv"', env);
  const projects = Object.entries(file.projects ?? {}).map(([name, project]) => ({
    name,
    keys: keysFrom(project.keysEnv, `"projects.${name}.keysEnv"`, env),
  }));
  let adminKey: string | null = null;
  if (file.adminKeyEnv !== undefined) {
    adminKey = (env[file.adminKeyEnv] ?? '').trim();
    if (adminKey === '') {
      throw new ConfigError(
        `"adminKeyEnv" names ${file.adminKeyEnv}, which is empty: set it to the admin API's key (a long random string).`,
      );
    }
  }
  const seen = new Set<string>();
  for (const key of [
    ...apiKeys,
    ...projects.flatMap((project) => project.keys),
    ...(adminKey ? [adminKey] : []),
  ]) {
    const digest = hashKey(key).toString('hex');
    if (seen.has(digest)) {
      throw new ConfigError(
        'The same key is configured twice (in apiKeysEnv, two projects, or as the admin key). Give every project and the admin API keys of their own.',
      );
    }
    seen.add(digest);
  }
  return { apiKeys, projects, adminKey };
}
