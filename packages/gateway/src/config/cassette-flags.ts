import { gatewayDefaults } from '../defaults.js';
import { loadCassetteLibrary } from '../upstream/cassettes/cassette-library.js';
import { ConfigError } from './config-error.js';
import { type ConfigFile, configFileSchema } from './config-file-schema.js';
import type { CassetteConfig } from './gateway-config.js';

/** The cassette flags of `toolbridge serve` (docs/cassettes.md). */
export interface CassetteFlags {
  record?: string;
  replay?: string;
  replayTiming?: string;
  redact?: string[];
}

/** Validates `--record` / `--replay` / `--replay-timing` / `--redact`; undefined when neither mode is on. */
export function cassetteConfigOf(flags: CassetteFlags): CassetteConfig | undefined {
  if (flags.record !== undefined && flags.replay !== undefined)
    throw new ConfigError('--record and --replay exclude each other: record once, then replay.');
  const timing = flags.replayTiming ?? gatewayDefaults.cassettes.replayTiming;
  if (timing !== 'real' && timing !== 'fast')
    throw new ConfigError(`--replay-timing must be "real" or "fast" (got '${timing}').`);
  if (flags.replayTiming !== undefined && flags.replay === undefined)
    throw new ConfigError('--replay-timing needs --replay DIR.');
  const redact = flags.redact ?? [];
  if (redact.length > 0 && flags.record === undefined)
    throw new ConfigError('--redact applies when recording: use it with --record DIR.');
  if (flags.record !== undefined) return { mode: 'record', dir: flags.record, timing, redact };
  if (flags.replay !== undefined) return { mode: 'replay', dir: flags.replay, timing, redact: [] };
  return undefined;
}

/**
 * The providers a cassette directory was recorded with, so `serve --replay DIR` needs no upstream
 * flags: same names, formats and capability presets, no keys (nothing is ever called).
 */
export function cassetteProviders(dir: string): Record<string, ConfigFile['providers'][string]> {
  const { cassettes } = loadCassetteLibrary(dir);
  if (cassettes.length === 0)
    throw new ConfigError(
      `${dir} holds no cassettes. Record some first: toolbridge serve --record ${dir} --upstream …`,
    );
  const providers: Record<string, ConfigFile['providers'][string]> = {};
  for (const { cassette, file } of cassettes) {
    const { name, api, kind, baseUrl } = cassette.provider;
    if (Object.hasOwn(providers, name)) continue;
    const parsed = configFileSchema.shape.providers.valueType.safeParse({ baseUrl, api, kind });
    if (!parsed.success)
      throw new ConfigError(
        `The cassette ${file} names a provider toolbridge cannot rebuild: ${parsed.error.issues[0]?.message}`,
      );
    providers[name] = parsed.data;
  }
  return providers;
}
