import { Ajv, type ValidateFunction } from 'ajv';
import { coreDefaults } from '../defaults.js';
import { CoreError } from '../errors/core-error.js';
import type { JsonObject } from '../items/canonical.js';
import { safeParseJson } from '../json/safe-parse-json.js';
import { addBoundedFormats } from './add-bounded-formats.js';
import { type ArgumentError, describeAjvError } from './describe-ajv-error.js';
import { linearRegExpEngine } from './linear-pattern.js';
import { LruCache } from './lru-cache.js';
import { stableStringify } from './stable-stringify.js';

/** The parsed arguments, or why they were rejected in words a model can act on. */
export type ArgumentValidationResult =
  | { ok: true; value: unknown }
  | { ok: false; kind: 'invalid_json' | 'schema_violation'; message: string; errors: ArgumentError[] };

/** Checks the `arguments` text of calls to one tool against that tool's parameter schema. */
export interface ArgumentValidator {
  /** Parses (without throwing) and validates one call's arguments. */
  validate(argumentsText: string): ArgumentValidationResult;
}

/** Options of `createArgumentValidatorCompiler`. */
export interface ArgumentValidatorCompilerOptions {
  /** Compiled schemas kept by content (default `coreDefaults.validatorCacheSize`). */
  cacheSize?: number;
}

/** Errors spelled out in one result; a model needs the first few, not thousands. */
const maxReportedErrors = 20;

interface CacheEntry {
  validator: ArgumentValidator;
  /** The object handed to Ajv, which keeps it in its own cache until `removeSchema`. */
  compiled: JsonObject;
}

/**
 * A compile function with its own Ajv instance and caches. Compiling costs milliseconds and the
 * gateway parses a new schema object per request, so validators are cached twice: by schema object
 * (a WeakMap, free on repeat calls with the same object; schemas are treated as immutable) and by
 * content in a bounded LRU keyed by a key-order-independent serialization.
 * Throws `CoreError` (`invalid_schema`) when Ajv cannot compile the schema.
 */
export function createArgumentValidatorCompiler(
  options: ArgumentValidatorCompilerOptions = {},
): (schema: JsonObject) => ArgumentValidator {
  const { cacheSize = coreDefaults.validatorCacheSize } = options;
  // Draft-07 Ajv: it resolves `#`, `#/$defs/…` and `#/definitions/…` alike, and keywords only
  // 2020-12 knows are not permitted in strict schemas anyway. `strict: false` ignores unknown keywords.
  // Patterns run on RE2 and formats behind a length bound: schemas and arguments both come from
  // outside, and a backtracking regex would block the event loop (docs/protocol/strict-mode.md#patterns).
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    code: { regExp: linearRegExpEngine },
  });
  addBoundedFormats(ajv);
  const byObject = new WeakMap<JsonObject, ArgumentValidator>();
  const byContent = new LruCache<string, CacheEntry>(cacheSize, (_key, entry) => {
    ajv.removeSchema(entry.compiled);
  });
  const stableKeyByText = new LruCache<string, string>(cacheSize);
  return (schema) => {
    const known = byObject.get(schema);
    if (known !== undefined) return known;
    // Fast path: a client sends its schema with the same key order every time, and plain
    // JSON.stringify is several times cheaper than the key-sorting serialization.
    const text = safeStringify(schema);
    let key = text === undefined ? undefined : stableKeyByText.get(text);
    if (key === undefined) {
      key = stableStringify(schema);
      if (text !== undefined) stableKeyByText.set(text, key);
    }
    let entry = byContent.get(key);
    if (entry === undefined) {
      entry = compile(ajv, schema);
      byContent.set(key, entry);
    }
    byObject.set(schema, entry.validator);
    return entry.validator;
  };
}

/** `JSON.stringify` that gives up (undefined) on values too deep to serialize. */
function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

let defaultCompiler: ((schema: JsonObject) => ArgumentValidator) | undefined;

/**
 * The validator for one tool's parameter schema, from the process-wide cache (sized by
 * `coreDefaults.validatorCacheSize`). Throws `CoreError` (`invalid_schema`) when Ajv cannot compile it.
 */
export function compileArgumentValidator(schema: JsonObject): ArgumentValidator {
  // Created on first use so importing the package does not pay for an Ajv instance.
  defaultCompiler ??= createArgumentValidatorCompiler();
  return defaultCompiler(schema);
}

function compile(ajv: Ajv, schema: JsonObject): CacheEntry {
  // `$schema` would make draft-07 Ajv demand the 2020-12 meta-schema zod v4 names; a root `$id`
  // would clash with the next schema that has the same id. Neither affects validation here.
  const compiled: JsonObject = { ...schema };
  delete compiled['$schema'];
  delete compiled['$id'];
  let check: ValidateFunction;
  try {
    check = ajv.compile(compiled);
  } catch (error) {
    ajv.removeSchema(compiled);
    const detail = error instanceof Error ? error.message : String(error);
    throw new CoreError({
      code: 'invalid_schema',
      message: `The tool's parameter schema cannot be used to validate arguments: ${detail}`,
      cause: error,
    });
  }
  return { validator: { validate: (argumentsText) => validateArguments(check, argumentsText) }, compiled };
}

function validateArguments(check: ValidateFunction, argumentsText: string): ArgumentValidationResult {
  const parsed = safeParseJson(argumentsText);
  if (!parsed.success) {
    const reason = parsed.error.message.replace(/\.$/, '');
    return {
      ok: false,
      kind: 'invalid_json',
      message: `The arguments are not valid JSON (${reason}).`,
      errors: [{ pointer: '', message: reason }],
    };
  }
  let valid: boolean;
  try {
    valid = check(parsed.value);
  } catch (error) {
    // A recursive schema walks as deep as the value nests; hostile nesting must not escape as a throw.
    if (!(error instanceof RangeError)) throw error;
    const message = 'The arguments nest too deeply to be checked.';
    return { ok: false, kind: 'schema_violation', message, errors: [{ pointer: '', message }] };
  }
  if (valid) return { ok: true, value: parsed.value };
  const all = check.errors ?? [];
  const errors = all.slice(0, maxReportedErrors).map(describeAjvError);
  const parts = errors.map((error) => `${error.pointer === '' ? '/' : error.pointer} ${error.message}`);
  if (all.length > errors.length) parts.push(`and ${all.length - errors.length} more`);
  return {
    ok: false,
    kind: 'schema_violation',
    message: `The arguments do not match the schema: ${parts.join('; ')}.`,
    errors,
  };
}
