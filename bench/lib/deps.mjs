// Where the benchmark's third-party tools come from: the repository's root node_modules (pinned
// devDependencies), or BENCH_DEPS_DIR (a scratch `npm i` outside the repo, for development only).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEPS_DIR = process.env.BENCH_DEPS_DIR || REPO_ROOT;
const requireFromDeps = createRequire(join(DEPS_DIR, 'bench-deps-anchor.js'));

function versionAt(packageDir) {
  const file = join(packageDir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** autocannon's programmatic API (CommonJS), or an Error telling how to install it. */
export function loadAutocannon() {
  try {
    return requireFromDeps('autocannon');
  } catch (error) {
    throw new Error(
      `autocannon is not installed in ${DEPS_DIR}: add it to the root devDependencies (see bench/README.md) or set BENCH_DEPS_DIR.`,
      { cause: error },
    );
  }
}

/**
 * Portkey's entry point and the @hono/node-server version it will load (it must be 1.13.8: newer ones
 * make every `stream: true` request fail with a 500); null when Portkey is not installed.
 */
export function portkeyInstall() {
  const packageDir = join(DEPS_DIR, 'node_modules', '@portkey-ai', 'gateway');
  const entry = join(packageDir, 'build', 'start-server.js');
  if (!existsSync(entry)) return null;
  const nested = join(packageDir, 'node_modules', '@hono', 'node-server');
  const hoisted = join(DEPS_DIR, 'node_modules', '@hono', 'node-server');
  return {
    entry,
    version: versionAt(packageDir),
    honoNodeServer: versionAt(existsSync(nested) ? nested : hoisted),
  };
}

/** Versions of the tools, for the result file. */
export function toolVersions() {
  const at = (name) => versionAt(join(DEPS_DIR, 'node_modules', ...name.split('/')));
  return {
    autocannon: at('autocannon'),
    undici: versionAt(join(REPO_ROOT, 'node_modules', 'undici')),
    portkey: portkeyInstall()?.version ?? null,
    honoNodeServer: portkeyInstall()?.honoNodeServer ?? null,
    depsDir: DEPS_DIR === REPO_ROOT ? 'repo root' : DEPS_DIR,
  };
}
