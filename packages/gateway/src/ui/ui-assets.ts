import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One file of the viewer's browser code, read once. */
export interface UiAsset {
  body: Buffer;
  contentType: string;
}

let cached: Map<string, UiAsset> | undefined;

/**
 * The viewer's compiled browser code (`packages/gateway/ui/`, built by `tsc -b` into `dist/ui-app/`).
 * Found through the package's own `exports` (`@toolbridge/gateway/ui-app/*`), which points into `dist`
 * both for the installed package and for tests running the sources. Read once, on the first request,
 * and kept: a handful of small files. Only `.js` files are served, by exact name.
 */
export function uiAssets(): Map<string, UiAsset> {
  if (cached !== undefined) return cached;
  const assets = new Map<string, UiAsset>();
  try {
    const require = createRequire(import.meta.url);
    const directory = dirname(require.resolve('@toolbridge/gateway/ui-app/app.js'));
    for (const name of readdirSync(directory)) {
      if (name.endsWith('.js')) {
        assets.set(name, {
          body: readFileSync(join(directory, name)),
          contentType: 'text/javascript; charset=utf-8',
        });
      }
    }
  } catch {
    // Not built (a source checkout before `npm run build`): the page says so instead of failing.
  }
  cached = assets;
  return assets;
}
