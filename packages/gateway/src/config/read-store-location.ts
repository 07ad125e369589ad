import { readFile } from 'node:fs/promises';
import { isJsonObject, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { ConfigError } from './config-error.js';

/**
 * The store `toolbridge serve` would open for these flags: `--store`, else the config file's
 * `"store"`, else the default file. Reads only that key, so `toolbridge keys` works where the
 * upstream keys the rest of the config names are not set.
 */
export async function readStoreLocation(flags: { store?: string; config?: string }): Promise<string> {
  if (flags.store !== undefined) return flags.store;
  if (flags.config === undefined) return gatewayDefaults.storeLocation;
  let text: string;
  try {
    text = await readFile(flags.config, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${flags.config}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const parsed = safeParseJson(text);
  if (!parsed.success || !isJsonObject(parsed.value))
    throw new ConfigError(`The config file ${flags.config} is not a JSON object.`);
  const store = parsed.value['store'];
  if (store === undefined) return gatewayDefaults.storeLocation;
  if (typeof store !== 'string' || store === '')
    throw new ConfigError(`"store" in ${flags.config} must be a non-empty string.`);
  return store;
}
