import { readdirSync } from 'node:fs';

const FILE = /^(\d{4,})-[a-z0-9-]+-[0-9a-f]+\.json$/;

/** Whether a file name is a cassette's (`0001-chat-completions-3fa2b1c4d5e6f708.json`). */
export function isCassetteFile(name: string): boolean {
  return FILE.test(name);
}

/** The file name of the `sequence`th cassette: its order, the endpoint and the request key. */
export function cassetteFileName(options: { sequence: number; path: string; key: string }): string {
  const slug =
    options.path
      .split('?')[0]
      ?.toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'request';
  return `${String(options.sequence).padStart(4, '0')}-${slug}-${options.key}.json`;
}

/** The next sequence number in a directory, so a second recording session adds after the first. */
export function nextSequence(dir: string): number {
  let highest = 0;
  for (const name of readdirSync(dir)) {
    const match = FILE.exec(name);
    if (match !== null) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}
