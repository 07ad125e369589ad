import { coreDefaults } from '../defaults.js';
import type { SchemaPath } from './schema-path.js';
import { type StrictSchemaIssue, strictSchemaIssue } from './strict-schema-issue.js';

/**
 * The strict-mode size limits of docs/protocol/strict-mode.md#size-limits; defaults live in
 * `coreDefaults.strictSchemaLimits`.
 */
export type StrictSchemaLimits = { -readonly [K in keyof typeof coreDefaults.strictSchemaLimits]: number };

/** Merges caller overrides over the defaults. */
export function resolveStrictSchemaLimits(overrides: Partial<StrictSchemaLimits> = {}): StrictSchemaLimits {
  return { ...coreDefaults.strictSchemaLimits, ...overrides };
}

/**
 * Running totals of the document-wide size limits of docs/protocol/strict-mode.md#size-limits while one
 * schema is walked. OpenAI's texts for these violations are unknown, so the reasons are our own.
 */
export class StrictSchemaBudget {
  private properties = 0;
  private stringChars = 0;
  private enumValues = 0;

  constructor(private readonly limits: StrictSchemaLimits) {}

  /** A property name or a definition name: both count against the string budget. */
  countName(name: string): void {
    this.stringChars += name.length;
  }

  /** One key of some object's `properties`. */
  countProperty(name: string): void {
    this.properties += 1;
    this.countName(name);
  }

  /** A `const` value: its text counts against the string budget. */
  countConst(value: unknown): void {
    this.stringChars += valueLength(value);
  }

  /** An `enum` list; returns an issue when it alone breaks the large-string-enum limit. */
  countEnum(values: readonly unknown[], path: SchemaPath): StrictSchemaIssue | undefined {
    let chars = 0;
    let allStrings = true;
    for (const value of values) {
      chars += valueLength(value);
      if (typeof value !== 'string') allStrings = false;
    }
    this.enumValues += values.length;
    this.stringChars += chars;
    const { largeEnumThreshold, largeEnumMaxChars } = this.limits;
    if (allStrings && values.length > largeEnumThreshold && chars > largeEnumMaxChars) {
      return strictSchemaIssue(
        path,
        'max_enum_string_length',
        `enum has ${values.length} string values totalling ${chars} characters; an enum with more than ${largeEnumThreshold} values may total at most ${largeEnumMaxChars} characters`,
      );
    }
    return undefined;
  }

  /** The document-wide totals that are over their limit, reported at the root. */
  totalIssues(): StrictSchemaIssue[] {
    const { maxProperties, maxStringBudget, maxEnumValues } = this.limits;
    const issues: StrictSchemaIssue[] = [];
    if (this.properties > maxProperties) {
      issues.push(
        strictSchemaIssue(
          [],
          'max_properties',
          `schema has ${this.properties} object properties in total; the limit is ${maxProperties}`,
        ),
      );
    }
    if (this.stringChars > maxStringBudget) {
      issues.push(
        strictSchemaIssue(
          [],
          'max_string_length',
          `property names, definition names, enum values and const values total ${this.stringChars} characters; the limit is ${maxStringBudget}`,
        ),
      );
    }
    if (this.enumValues > maxEnumValues) {
      issues.push(
        strictSchemaIssue(
          [],
          'max_enum_values',
          `schema has ${this.enumValues} enum values in total; the limit is ${maxEnumValues}`,
        ),
      );
    }
    return issues;
  }
}

/** Characters a value contributes: a string's own length, the JSON text of anything else. */
function valueLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  return JSON.stringify(value)?.length ?? 0;
}
