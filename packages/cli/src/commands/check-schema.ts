import { checkStrictSchema, normalizeStrictSchema, type StrictSchemaIssue } from '@toolbridge/core';
import { CliError } from '../cli-error.js';
import type { CommandSpec } from '../options/option-spec.js';
import type { Terminal } from '../output/terminal.js';
import { readJsonFile } from '../read-json-file.js';
import { readToolEntry, type ToolEntry, writeTool } from '../tool-shapes.js';

export interface CheckSchemaOptions {
  file: string;
  fix: boolean;
  json: boolean;
  out: Terminal;
  err: Terminal;
}

function label(entry: ToolEntry, index: number): string {
  return entry.shape === 'schema' ? `schema #${index}` : `'${entry.tool.name}'`;
}

function schemaOf(entry: ToolEntry): unknown {
  return entry.shape === 'schema'
    ? entry.schema
    : (entry.tool.parameters ?? { type: 'object', properties: {} });
}

function printIssues(err: Terminal, name: string, issues: readonly StrictSchemaIssue[]): void {
  err.line(
    `${err.style('red', '✗')} ${name}: ${issues.length} strict-mode ${issues.length === 1 ? 'problem' : 'problems'}`,
  );
  for (const issue of issues)
    err.line(`    ${err.style('bold', issue.pointer === '' ? '/' : issue.pointer)}  ${issue.reason}`);
}

/** `--fix`: the normalized schema or tool(s), same shape as the input, on stdout; changes on stderr. */
function fix(entries: readonly ToolEntry[], isArray: boolean, { out, err }: CheckSchemaOptions): number {
  const fixed: unknown[] = [];
  let failed = false;
  entries.forEach((entry, index) => {
    const result = normalizeStrictSchema(schemaOf(entry));
    if (!result.ok) {
      printIssues(err, `${label(entry, index)} cannot be made strict`, result.issues);
      failed = true;
      return;
    }
    for (const change of result.changes)
      err.line(`  ${label(entry, index)} ${change.pointer || '/'}: ${change.description}`);
    fixed.push(
      entry.shape === 'schema'
        ? result.schema
        : writeTool({ ...entry.tool, parameters: result.schema, strict: true }, entry.shape),
    );
  });
  if (failed) return 1;
  out.line(JSON.stringify(isArray ? fixed : fixed[0], null, 2));
  return 0;
}

/**
 * `toolbridge check-schema FILE`: lints a schema, a tool (either shape) or an array of tools against OpenAI's
 * strict-mode rules (docs/protocol/strict-mode.md); every problem with its JSON pointer and reason. Exit 1 if
 * any.
 */
export async function runCheckSchema(options: CheckSchemaOptions): Promise<number> {
  const value = await readJsonFile(options.file);
  const isArray = Array.isArray(value);
  const list: unknown[] = isArray ? value : [value];
  if (list.length === 0) throw new CliError(`${options.file} holds an empty array.`, { exitCode: 2 });
  const entries = list.map((item, index) => readToolEntry(item, isArray ? `[${index}]` : options.file));
  if (options.fix) return fix(entries, isArray, options);
  const reports = entries.map((entry, index) => ({
    name: label(entry, index),
    issues: checkStrictSchema(schemaOf(entry)),
  }));
  if (options.json) {
    options.out.line(
      JSON.stringify(
        reports.map(({ name, issues }) => ({ name, valid: issues.length === 0, issues })),
        null,
        2,
      ),
    );
  } else {
    for (const { name, issues } of reports) {
      if (issues.length === 0)
        options.out.line(`${options.out.style('green', '✓')} ${name}: valid for strict mode`);
      else printIssues(options.out, name, issues);
    }
    if (reports.some((report) => report.issues.length > 0)) {
      options.out.line(
        options.out.style(
          'dim',
          'Run again with --fix to print a strict version (optional fields become nullable).',
        ),
      );
    }
  }
  return reports.some((report) => report.issues.length > 0) ? 1 : 0;
}

/** `toolbridge check-schema`: strict-mode lint for a schema or tool definitions. */
export const checkSchemaCommand: CommandSpec = {
  name: 'check-schema',
  summary: 'Lint a JSON Schema or tool definitions against strict-mode rules',
  positionals: [{ name: 'FILE', required: true, description: 'a JSON file, or - for stdin' }],
  options: [
    {
      name: 'fix',
      type: 'boolean',
      description: 'Print the normalized strict schema (or tool, same shape) instead of the report',
    },
    { name: 'json', type: 'boolean', description: 'Report as JSON' },
  ],
  examples: [
    'npx toolbridge check-schema tools.json   # exit code 1 when a schema breaks a strict rule',
    'npx toolbridge check-schema --fix tool.json > tool.strict.json',
  ],
  run: ({ values, positionals, out, err }) =>
    runCheckSchema({
      file: positionals[0] ?? '-',
      fix: values['fix'] === true,
      json: values['json'] === true,
      out,
      err,
    }),
};
