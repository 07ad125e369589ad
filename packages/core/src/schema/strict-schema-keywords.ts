/**
 * The keyword tables behind the strict-mode rules (docs/protocol/strict-mode.md). Keywords in none of these
 * tables (`minLength`, `pattern`, `readOnly`, vendor `x-…` keys) pass through unchecked: OpenAI's
 * stance on them is unconfirmed and Ajv ignores what it does not know.
 */

/**
 * JSON Schema type names strict mode accepts, alone or in a type array
 * (docs/protocol/strict-mode.md#supported-subset).
 */
export const strictSchemaTypes: ReadonlySet<string> = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null',
]);

/** String `format` values strict mode supports (docs/protocol/strict-mode.md#supported-subset). */
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
 * Keywords rejected with `'<keyword>' is not permitted`: docs/protocol/strict-mode.md#unsupported-keywords
 * plus the Node SDK's own refusal list (`src/lib/transform.ts` in openai-node) and `additionalItems`.
 * `oneOf`, `allOf` and `uniqueItems` are OBSERVED with exactly that wording; the rest follow the same
 * pattern.
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
 * Annotations allowed next to `$ref`. The Node SDK (2026) keeps these beside a `$ref` in strict schemas it
 * sends, so OpenAI must accept them; the Python SDK inlines instead, and the one OBSERVED rejection names
 * `default` (docs/protocol/strict-mode.md#unsupported-keywords), which is therefore not in this list.
 */
export const refAnnotationKeywords: ReadonlySet<string> = new Set([
  'description',
  'title',
  '$comment',
  'examples',
]);

/** Keywords whose values are maps of named subschemas (`$defs` in 2019+, `definitions` in draft-07 and zod v3). */
export const definitionKeywords = ['$defs', 'definitions'] as const;
