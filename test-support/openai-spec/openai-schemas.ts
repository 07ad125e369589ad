/**
 * JSON Schemas of what OpenAI's API returns, generated at test time from the official `openai`
 * package's type declarations with ts-json-schema-generator — never written or edited by hand — so
 * the gateway's output is checked against OpenAI's definitions, not ours. Generation takes seconds,
 * so the result is cached per `openai` version under node_modules/.cache (a cache, not a source:
 * deleting it only costs time).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { createGenerator, type Schema } from 'ts-json-schema-generator';
import { tighten } from './openapi-tightening.js';

const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');

/** The shapes the gateway emits, by the SDK module and type that define each. */
export const OPENAI_SHAPES = {
  'chat.completion': { file: 'resources/chat/completions/completions.d.ts', type: 'ChatCompletion' },
  'chat.completion.chunk': {
    file: 'resources/chat/completions/completions.d.ts',
    type: 'ChatCompletionChunk',
  },
  response: { file: 'resources/responses/responses.d.ts', type: 'Response' },
  'response.stream_event': { file: 'resources/responses/responses.d.ts', type: 'ResponseStreamEvent' },
  'response.input_items': { file: 'resources/responses/input-items.d.ts', type: 'ResponseItemList' },
  error: { file: 'resources/shared.d.ts', type: 'ErrorObject' },
} as const;

export type OpenAIShape = keyof typeof OPENAI_SHAPES;

/** The installed `openai` package's folder (its `exports` hide package.json, so find it from the entry). */
function openaiRoot(): string {
  let dir = dirname(require.resolve('openai'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/**
 * The root types are named through aliases in a generated entry file: `Response` alone would find
 * the DOM's fetch `Response` first.
 */
function entryFile(): string {
  const lines = Object.entries(OPENAI_SHAPES).map(([shape, { file, type }], index) => {
    const module = `openai/${file.replace(/\.d\.ts$/, '')}`;
    return `import type { ${type} as T${index} } from '${module}';\nexport type ${aliasOf(shape)} = T${index};`;
  });
  return `${lines.join('\n')}\n`;
}

function aliasOf(shape: string): string {
  return `OpenAI_${shape.replace(/[^A-Za-z0-9]/g, '_')}`;
}

async function generate(cacheDir: string): Promise<Record<OpenAIShape, Schema>> {
  const entry = join(cacheDir, 'openai-shapes.ts');
  await writeFile(entry, entryFile());
  const generator = createGenerator({
    path: entry,
    skipTypeCheck: true,
    expose: 'all',
    topRef: true,
    jsDoc: 'none',
    // Closed objects: a field the SDK does not know is reported, then allowed explicitly
    // (openapi-tightening.ts) where the API defines it.
    additionalProperties: false,
  });
  const schemas = {} as Record<OpenAIShape, Schema>;
  for (const shape of Object.keys(OPENAI_SHAPES) as OpenAIShape[]) {
    schemas[shape] = generator.createSchema(aliasOf(shape));
  }
  return schemas;
}

async function cachedSchemas(): Promise<Record<OpenAIShape, Schema>> {
  const { version } = JSON.parse(await readFile(join(openaiRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  const cacheDir = join(ROOT, 'node_modules/.cache/toolbridge');
  const cacheFile = join(cacheDir, `openai-schemas-${version}.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => null);
  if (cached !== null) return JSON.parse(cached) as Record<OpenAIShape, Schema>;
  await mkdir(cacheDir, { recursive: true });
  const schemas = await generate(cacheDir);
  // Test files run in parallel processes: write aside, then rename (atomic), so no reader sees half a file.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(schemas));
  await rename(temporary, cacheFile);
  return schemas;
}

/** One shape's validators: the whole schema, and for unions tagged by `type` one per member. */
interface ShapeValidators {
  whole: ValidateFunction;
  byType: Map<string, ValidateFunction>;
}

/**
 * A union like `ResponseStreamEvent` reports every member's complaints at once; validating against
 * the member whose `type` matches gives one readable list.
 */
function memberValidators(ajv: Ajv, schema: Schema): Map<string, ValidateFunction> {
  const members = new Map<string, ValidateFunction>();
  const definitions = (schema.definitions ?? {}) as Record<string, Schema>;
  // The root is an alias: follow `$ref`s to the union itself.
  let union: Schema | undefined = schema;
  for (let hops = 0; union?.$ref !== undefined && hops < 8; hops++)
    union = definitions[union.$ref.split('/').pop() ?? ''];
  for (const member of union?.anyOf ?? []) {
    if (typeof member !== 'object' || member.$ref === undefined) continue;
    const name = member.$ref.split('/').pop() ?? '';
    const typeProperty = (definitions[name]?.properties?.['type'] ?? {}) as Schema;
    if (typeof typeProperty.const === 'string') {
      members.set(typeProperty.const, ajv.compile({ $ref: member.$ref, definitions } as object));
    }
  }
  return members;
}

let validators: Promise<Record<OpenAIShape, ShapeValidators>> | undefined;

/** Validators for every shape, generated (or read from the cache) once per process. */
export function openaiValidators(): Promise<Record<OpenAIShape, ShapeValidators>> {
  validators ??= cachedSchemas().then((schemas) => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const compiled = {} as Record<OpenAIShape, ShapeValidators>;
    for (const shape of Object.keys(schemas) as OpenAIShape[]) {
      const schema = tighten(structuredClone(schemas[shape]));
      compiled[shape] = { whole: ajv.compile(schema as object), byType: memberValidators(ajv, schema) };
    }
    return compiled;
  });
  return validators;
}

/** Problems of `value` as an instance of `shape` (empty when it conforms), one readable line each. */
export async function openaiShapeProblems(shape: OpenAIShape, value: unknown): Promise<string[]> {
  const { whole, byType } = (await openaiValidators())[shape];
  const tag = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const validate = (typeof tag === 'string' ? byType.get(tag) : undefined) ?? whole;
  if (validate(value)) return [];
  const label = typeof tag === 'string' && byType.has(tag) ? `${shape} ${tag}` : shape;
  return (validate.errors ?? []).map(
    (error) =>
      `${label}${error.instancePath || ''}: ${error.message ?? 'invalid'}${
        error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : ''
      }`,
  );
}
