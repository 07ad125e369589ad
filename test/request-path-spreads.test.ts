// Guards the rule of docs/adr/0014-memory-under-load.md: on the path every request takes, no object
// literal starts with a spread and goes on with more members (`{ ...a, b }`). On Node 20 each such
// object survives into the old generation; write it out or use core's `withFields(a, { b })`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Directories and files of the gateway and core that run for every request or streamed event. */
const REQUEST_PATH = [
  'packages/core/src/convert',
  'packages/core/src/stream',
  'packages/gateway/src/pipeline',
  'packages/gateway/src/providers',
  'packages/gateway/src/state',
  'packages/gateway/src/websocket',
  'packages/gateway/src/routes/chat-completions.ts',
  'packages/gateway/src/routes/responses-create.ts',
  'packages/gateway/src/routes/responses-retrieve.ts',
  'packages/gateway/src/storage/trace-columns.ts',
  'packages/gateway/src/storage/encode-stored-response.ts',
  'packages/gateway/src/storage/encode-stored-chat-completion.ts',
];

function sourceFiles(path: string): string[] {
  const full = join(root, path);
  if (full.endsWith('.ts')) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !/\.(test|case|bench)\.ts$|\.d\.ts$/.test(name))
    .map((name) => join(full, name));
}

/**
 * A literal whose added members are keys its base always has gains no property, so it is not the
 * hazard; the comment block right above it says so with `spread-ok:` and why.
 */
function vouchedFor(lines: readonly string[], line: number): boolean {
  for (let above = line - 1; above >= 0 && /^\s*\/\//.test(lines[above] ?? ''); above--) {
    if ((lines[above] ?? '').includes('spread-ok:')) return true;
  }
  return false;
}

/** `file:line: text` of every object literal in `text` that starts with a spread and has more members. */
function extendedSpreads(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const [first] = node.properties;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      if (
        first !== undefined &&
        ts.isSpreadAssignment(first) &&
        node.properties.length > 1 &&
        !vouchedFor(lines, line)
      ) {
        found.push(
          `${relative(root, file)}:${line + 1}: ${node.getText().replace(/\s+/g, ' ').slice(0, 80)}`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('request-path object literals', () => {
  test('the check finds an extended spread clone, and lets a plain clone and a later spread pass', () => {
    const sample = [
      'const a = { ...base, extra: 1 };',
      'const b = { ...base };',
      'const c = { type: "x", ...base, role: "y" };',
      'const d = { ...base, ...more };',
      '// spread-ok: base always has extra',
      'const e = { ...base, extra: 2 };',
    ].join('\n');
    expect(extendedSpreads(join(root, 'sample.ts'), sample)).toEqual([
      'sample.ts:1: { ...base, extra: 1 }',
      'sample.ts:4: { ...base, ...more }',
    ]);
  });

  test('none starts with a spread and goes on with more members', () => {
    const files = REQUEST_PATH.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(80);
    const found = files.flatMap((file) => extendedSpreads(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
