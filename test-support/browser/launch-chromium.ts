import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { type BrowserContext, chromium as playwright } from 'playwright-core';

/** A headless Chromium context and how to close it (and remove its profile). */
export interface HeadlessBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium for browser tests. The binary comes from the `@sparticuz/chromium` npm package
 * (a machine without a system Chromium needs nothing else; nothing is downloaded), driven by
 * `playwright-core`. `--no-sandbox` lets it run as root in containers; the other switches keep it from
 * reaching the network on its own; each run gets a fresh profile.
 */
export async function launchChromium(): Promise<HeadlessBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'toolbridge-chromium-'));
  const context = await playwright.launchPersistentContext(profile, {
    executablePath: await chromium.executablePath(),
    headless: true,
    args: [
      ...chromium.args,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1360, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
