import type { JsonObject } from '../items/canonical.js';
import { getOwn } from '../json/get-own.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';
import type { StrictSchemaBudget } from './strict-schema-budget.js';
import { type StrictSchemaIssue, strictSchemaIssue } from './strict-schema-issue.js';
import { notPermittedKeywords, strictSchemaFormats, strictSchemaTypes } from './strict-schema-keywords.js';

/**
 * Keyword-level strict rules of one schema (docs/protocol/strict-mode.md): unsupported keywords, a non-null
 * `default`, a missing or unknown `type`, `enum` shape and `format` values. Enum and const values
 * are counted into `budget` on the way.
 */
export function checkSchemaKeywords(
  schema: JsonObject,
  path: SchemaPath,
  budget: StrictSchemaBudget,
): StrictSchemaIssue[] {
  const issues: StrictSchemaIssue[] = [];
  for (const key of Object.keys(schema)) {
    if (notPermittedKeywords.has(key)) {
      issues.push(strictSchemaIssue(path, 'keyword_not_permitted', `${pythonRepr(key)} is not permitted`));
    }
  }
  if (Object.hasOwn(schema, 'default') && schema['default'] !== null) {
    issues.push(strictSchemaIssue(path, 'default_not_permitted', "'default' is not permitted"));
  }
  const type = getOwn(schema, 'type');
  if (type === undefined) {
    // OBSERVED wording; an untyped enum or const is rejected the same way. The root has its own
    // rule, and a `oneOf`/`allOf` (already reported) is what carries the type there.
    const composed = ['anyOf', 'oneOf', 'allOf'].some((key) => Object.hasOwn(schema, key));
    if (path.length > 0 && !composed) {
      issues.push(strictSchemaIssue(path, 'missing_type', "schema must have a 'type' key"));
    }
  } else if (!isValidType(type)) {
    const names = [...strictSchemaTypes].map(pythonRepr).join(', ');
    issues.push(
      strictSchemaIssue(path, 'invalid_type', `'type' must be one of ${names} or a non-empty list of them`),
    );
  }
  const enumValues = getOwn(schema, 'enum');
  if (enumValues !== undefined) {
    if (!Array.isArray(enumValues) || enumValues.length === 0) {
      issues.push(strictSchemaIssue(path, 'invalid_enum', "'enum' must be a non-empty array"));
    } else {
      const issue = budget.countEnum(enumValues, path);
      if (issue !== undefined) issues.push(issue);
    }
  }
  if (Object.hasOwn(schema, 'const')) budget.countConst(schema['const']);
  const format = getOwn(schema, 'format');
  if (format !== undefined && (typeof format !== 'string' || !strictSchemaFormats.has(format))) {
    const shown = typeof format === 'string' ? pythonRepr(format) : JSON.stringify(format);
    const supported = [...strictSchemaFormats].join(', ');
    issues.push(
      strictSchemaIssue(
        path,
        'format_not_supported',
        `format ${shown} is not supported; use one of ${supported}`,
      ),
    );
  }
  return issues;
}

function isValidType(type: unknown): boolean {
  if (typeof type === 'string') return strictSchemaTypes.has(type);
  return (
    Array.isArray(type) &&
    type.length > 0 &&
    type.every((name) => typeof name === 'string' && strictSchemaTypes.has(name)) &&
    new Set(type).size === type.length
  );
}
