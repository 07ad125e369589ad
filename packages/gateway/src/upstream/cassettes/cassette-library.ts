import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeParseJson } from '@toolbridge/core';
import { ConfigError } from '../../config/config-error.js';
import { canonicalRequest } from './canonical-request.js';
import { type Cassette, cassetteSchema } from './cassette.js';
import { isCassetteFile } from './cassette-file-name.js';
import { type RequestDifference, requestDifferences } from './request-differences.js';

/** A cassette read from disk, with its canonical request. */
export interface LoadedCassette {
  file: string;
  cassette: Cassette;
  canonical: unknown;
  key: string;
}

/** The answer for a request: its cassette, or the closest one and where it differs. */
export type TakeResult =
  | { cassette: LoadedCassette }
  | { miss: { closest: LoadedCassette; difference: RequestDifference | null } | null };

/** Every cassette of a directory, ready to answer requests (docs/cassettes.md#matching). */
export interface CassetteLibrary {
  readonly dir: string;
  readonly cassettes: readonly LoadedCassette[];
  /**
   * The cassette for a request. Several recordings of the same request answer in recorded order
   * (a retry after a 500, a question asked twice); the last one repeats.
   */
  take(request: { path: string; body: string }): TakeResult;
}

function readCassette(dir: string, file: string): LoadedCassette {
  const parsed = safeParseJson(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.success)
    throw new ConfigError(`The cassette ${join(dir, file)} is not valid JSON: ${parsed.error.message}`);
  const result = cassetteSchema.safeParse(parsed.value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(
      `The cassette ${join(dir, file)} is invalid:\n  - ${problems.slice(0, 5).join('\n  - ')}`,
    );
  }
  const cassette = result.data;
  const { canonical, key } = canonicalRequest({
    path: cassette.request.path,
    body: cassette.request.body,
    redact: [],
  });
  return { file, cassette, canonical, key };
}

/**
 * Reads every cassette file of `dir` (at start-up, so a broken file stops `serve --replay` at once
 * with its name) and indexes them by canonical key, per `--redact` list they were recorded with.
 */
export function loadCassetteLibrary(dir: string): CassetteLibrary {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isCassetteFile).sort();
  } catch (error) {
    throw new ConfigError(`Cannot read the cassette directory ${dir}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const cassettes = names.map((name) => readCassette(dir, name));
  const groups = new Map<string, { redact: string[]; byKey: Map<string, LoadedCassette[]> }>();
  for (const loaded of cassettes) {
    const redact = loaded.cassette.redacted;
    const id = JSON.stringify([...redact].sort());
    const group = groups.get(id) ?? { redact, byKey: new Map() };
    group.byKey.set(loaded.key, [...(group.byKey.get(loaded.key) ?? []), loaded]);
    groups.set(id, group);
  }
  const served = new Map<LoadedCassette[], number>();

  const closest = (request: { path: string; body: string }): TakeResult => {
    let best: { loaded: LoadedCassette; differences: RequestDifference[]; rank: number } | null = null;
    for (const loaded of cassettes) {
      const live = canonicalRequest({
        path: request.path,
        body: request.body,
        redact: loaded.cassette.redacted,
      });
      const differences = requestDifferences(loaded.canonical, live.canonical);
      const rank = differences.length + (loaded.cassette.request.path === request.path ? 0 : 1_000_000);
      if (best === null || rank < best.rank) best = { loaded, differences, rank };
    }
    return { miss: best === null ? null : { closest: best.loaded, difference: best.differences[0] ?? null } };
  };

  return {
    dir,
    cassettes,
    take(request) {
      for (const group of groups.values()) {
        const { key } = canonicalRequest({ path: request.path, body: request.body, redact: group.redact });
        const matches = group.byKey.get(key);
        if (matches === undefined) continue;
        const count = served.get(matches) ?? 0;
        served.set(matches, count + 1);
        return { cassette: matches[Math.min(count, matches.length - 1)] as LoadedCassette };
      }
      return closest(request);
    },
  };
}
