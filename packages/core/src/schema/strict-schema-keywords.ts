/**
 * The keyword tables behind the strict-mode rules (spec §7.2–7.3). Keywords in none of these
 * tables (`minLength`, `pattern`, `readOnly`, vendor `x-…` keys) pass through unchecked: OpenAI's
 * stance on them is unconfirmed and Ajv ignores what it does not know.
 */

/** JSON Schema type names strict mode accepts, alone or in a type array (spec §7.2). */
export const strictSchemaTypes: ReadonlySet<string> = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null',
]);

/** String `format` values strict mode supports (spec §7.2). */
export const strictSchemaFormats: ReadonlySet<string> = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/**
 * Keywords rejected with `'<keyword>' is not permitted`: spec §7.3 plus the Node SDK's own refusal
 * list (S2 `src/lib/transform.ts`) and `additionalItems`. `oneOf`, `allOf` and `uniqueItems` are
 * OBSERVED with exactly that wording; the rest follow the same pattern.
 */
export const notPermittedKeywords: ReadonlySet<string> = new Set([
  '$anchor',
  '$dynamicAnchor',
  '$dynamicRef',
  '$recursiveAnchor',
  '$recursiveRef',
  'additionalItems',
  'allOf',
  'contains',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'else',
  'if',
  'maxContains',
  'maxProperties',
  'minContains',
  'minProperties',
  'not',
  'oneOf',
  'patternProperties',
  'prefixItems',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
  'uniqueItems',
]);

/**
 * Annotations allowed next to `$ref`. The Node SDK (2026) keeps these beside a `$ref` in strict
 * schemas it sends, so OpenAI must accept them; the Python SDK inlines instead, and the one
 * OBSERVED rejection names `default` (spec §7.3), which is therefore not in this list.
 */
export const refAnnotationKeywords: ReadonlySet<string> = new Set([
  'description',
  'title',
  '$comment',
  'examples',
]);

/** Keywords whose values are maps of named subschemas (`$defs` in 2019+, `definitions` in draft-07 and zod v3). */
export const definitionKeywords = ['$defs', 'definitions'] as const;
