import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeParseJson } from '@toolbridge/core';
import type { z } from 'zod';
import { CliError } from '../cli-error.js';
import { apiAdapters } from './api-adapters.js';
import {
  type ConformanceCase,
  type ConformanceCheck,
  type ConformanceFeature,
  caseSchema,
  corpusFileSchema,
} from './corpus-schema.js';
import { jsonEqual } from './json-equal.js';

/** Every feature and case to run, built-in first, in file order. */
export interface Corpus {
  /** Template values shared by every entry (`variables` of the `.json` files). */
  variables: Map<string, unknown>;
  features: ConformanceFeature[];
  cases: ConformanceCase[];
}

/** The corpus shipped with the package: `packages/cli/corpus/*.json` (two levels above src/ and dist/). */
export const BUILT_IN_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

function renderPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`,
    '',
  );
}

function invalid(where: string, issues: z.core.$ZodIssue[]): CliError {
  const lines = issues
    .slice(0, 10)
    .map((issue) => `  - ${renderPath(issue.path) || '(top level)'}: ${issue.message}`);
  return new CliError(`${where} is not a valid conformance corpus:\n${lines.join('\n')}`, { exitCode: 2 });
}

function parseJsonText(text: string, where: string): unknown {
  const parsed = safeParseJson(text);
  if (!parsed.success)
    throw new CliError(`${where} is not valid JSON: ${parsed.error.message}`, { exitCode: 2 });
  return parsed.value;
}

async function readCorpusFile(file: string): Promise<Corpus> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read the corpus file ${file}: ${(error as Error).message}`, {
      exitCode: 2,
      cause: error,
    });
  }
  if (extname(file) === '.jsonl') {
    const cases: ConformanceCase[] = [];
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const where = `${file} line ${index + 1}`;
      const result = caseSchema.safeParse(parseJsonText(line, where));
      if (!result.success) throw invalid(where, result.error.issues);
      cases.push(result.data);
    }
    return { variables: new Map(), features: [], cases };
  }
  const result = corpusFileSchema.safeParse(parseJsonText(text, file));
  if (!result.success) throw invalid(file, result.error.issues);
  const { variables, features, cases } = result.data;
  return { variables: new Map(Object.entries(variables)), features, cases };
}

function eachCheck(checks: readonly ConformanceCheck[], visit: (check: ConformanceCheck) => void): void {
  for (const check of checks) {
    visit(check);
    eachCheck(check.every ?? [], visit);
    eachCheck(check.where ?? [], visit);
  }
}

function checkPatterns(entry: ConformanceCase | ConformanceFeature): void {
  for (const step of entry.steps) {
    eachCheck(step.checks, (check) => {
      for (const source of [check.matches, check.error?.messageMatches]) {
        if (source === undefined) continue;
        try {
          new RegExp(source, 'u');
        } catch (error) {
          throw new CliError(
            `'${entry.id}', step '${step.name}': bad pattern /${source}/: ${(error as Error).message}`,
            {
              exitCode: 2,
            },
          );
        }
      }
    });
  }
}

/** Checks what the schema cannot see: unique ids and step names, known APIs and features, valid patterns. */
function crossCheck(corpus: Corpus): void {
  const features = new Set<string>();
  const ids = new Set<string>();
  for (const entry of [...corpus.features, ...corpus.cases]) {
    const kind = corpus.features.includes(entry as ConformanceFeature) ? 'feature' : 'case';
    if ((kind === 'feature' ? features : ids).has(entry.id))
      throw new CliError(`Two ${kind}s have the id '${entry.id}'; ids must be unique across the corpus.`, {
        exitCode: 2,
      });
    (kind === 'feature' ? features : ids).add(entry.id);
    if (!apiAdapters.has(entry.api))
      throw new CliError(
        `${kind} '${entry.id}': unknown api '${entry.api}' (known: ${[...apiAdapters.keys()].join(', ')}).`,
        {
          exitCode: 2,
        },
      );
    for (const needed of entry.requires) {
      if (!features.has(needed))
        throw new CliError(
          `${kind} '${entry.id}' requires feature '${needed}', which is not defined before it.`,
          { exitCode: 2 },
        );
    }
    const names = entry.steps.map((step) => step.name);
    if (new Set(names).size !== names.length)
      throw new CliError(`${kind} '${entry.id}': two steps share a name.`, { exitCode: 2 });
    checkPatterns(entry);
  }
}

/**
 * Loads the built-in corpus and any user files (`--cases FILE`, `.json` with features and cases, or
 * `.jsonl` with one case per line), validates each against the corpus schema and cross-checks them.
 * A bad file is a usage error that names the file, the path inside it and what is wrong.
 */
export async function loadCorpus(
  options: { files?: readonly string[]; builtIn?: boolean } = {},
): Promise<Corpus> {
  const builtIn =
    options.builtIn === false
      ? []
      : (await readdir(BUILT_IN_CORPUS_DIR))
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(BUILT_IN_CORPUS_DIR, name));
  const corpus: Corpus = { variables: new Map(), features: [], cases: [] };
  for (const file of [...builtIn, ...(options.files ?? [])]) {
    const part = await readCorpusFile(file);
    for (const [name, value] of part.variables) {
      if (corpus.variables.has(name) && !jsonEqual(corpus.variables.get(name), value))
        throw new CliError(`${file} defines the variable '${name}' differently from an earlier file.`, {
          exitCode: 2,
        });
      corpus.variables.set(name, value);
    }
    corpus.features.push(...part.features);
    corpus.cases.push(...part.cases);
  }
  crossCheck(corpus);
  return corpus;
}
