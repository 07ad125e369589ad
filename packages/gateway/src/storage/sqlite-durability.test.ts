import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { makeRecord, PROJECT } from './response-store-fixtures.case.js';
import { SqliteResponseStore } from './sqlite-response-store.js';

const tempRoot = mkdtempSync(join(tmpdir(), 'toolbridge-durability-'));
afterAll(() => {
  rmSync(tempRoot, { recursive: true, force: true });
});

// Node 20 cannot run TypeScript, so the child registers loader hooks that transpile the store's
// own .ts sources with the repo's TypeScript (types only erased; no build step involved).
const HOOKS = `
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
const ts = createRequire(import.meta.url)(${JSON.stringify(createRequire(import.meta.url).resolve('typescript'))});
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (await access(fileURLToPath(candidate)).then(() => true, () => false)) {
      return { url: candidate.href, shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}
export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}`;

const REGISTER = `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`;

// Saves every record, reports, then idles without closing (no checkpoint) until it is killed.
const CHILD = `
import { readFileSync } from 'node:fs';
const [storeUrl, databasePath, recordsPath] = process.argv.slice(2);
const { SqliteResponseStore } = await import(storeUrl);
const store = SqliteResponseStore.open(databasePath);
for (const record of JSON.parse(readFileSync(recordsPath, 'utf8'))) await store.save(${JSON.stringify(PROJECT)}, record);
process.stdout.write('saved\\n');
setInterval(() => {}, 60_000);
`;

test('a save that resolved survives SIGKILL of the process right after (WAL, synchronous=NORMAL)', async () => {
  writeFileSync(join(tempRoot, 'hooks.mjs'), HOOKS);
  writeFileSync(join(tempRoot, 'register.mjs'), REGISTER);
  writeFileSync(join(tempRoot, 'child.mjs'), CHILD);
  const records = Array.from({ length: 20 }, (_, index) => makeRecord(`resp_durable_${index}`));
  writeFileSync(join(tempRoot, 'records.json'), JSON.stringify(records));
  const databasePath = join(tempRoot, 'data', 'responses.db');
  const storeUrl = new URL('./sqlite-response-store.ts', import.meta.url).href;

  const child = spawn(
    process.execPath,
    ['--import', './register.mjs', './child.mjs', storeUrl, databasePath, './records.json'],
    { cwd: tempRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('saved')) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`child exited before saving: ${stderr}`)));
  });
  expect(await exit).toBe('SIGKILL');
  // The commits sit in the WAL (never checkpointed into the main file): reopening must replay it.
  expect(statSync(`${databasePath}-wal`).size).toBeGreaterThan(0);

  const reopened = SqliteResponseStore.open(databasePath);
  try {
    for (const record of records) {
      expect(await reopened.get(PROJECT, record.id)).toEqual(record);
    }
  } finally {
    await reopened.close();
  }
});
