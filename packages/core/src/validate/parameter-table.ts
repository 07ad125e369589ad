import type { FieldKind } from './check-optional-field.js';

/**
 * A top-level parameter checked only for its JSON type (and an integer minimum,
 * docs/protocol/errors.md#generic-validation-errors).
 */
export interface ScalarRule {
  key: string;
  kind: FieldKind;
  nullable: boolean;
  minimum?: number;
}

/** What one endpoint accepts at the top level of its request body. */
export interface ParameterTable {
  /** Every documented top-level parameter of the current SDK types (others are rejected). */
  known: ReadonlySet<string>;
  /** Type checks for the parameters not validated by a dedicated check. */
  rules: readonly ScalarRule[];
  /** Second sentence for an unknown parameter that belongs to the other endpoint. */
  foreignHints: Readonly<Record<string, string>>;
}
