// Where every bench mode writes its JSON: bench/results/<UTC stamp><suffix>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './deps.mjs';

/** Writes `result` (pretty JSON) stamped with `at`; returns the file's path. */
export function writeResult(result, { suffix = '', at = new Date() } = {}) {
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = at
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z');
  const file = join(dir, `${stamp}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
