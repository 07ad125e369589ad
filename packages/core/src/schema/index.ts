/**
 * Strict-schema tools (docs/protocol/strict-mode.md): check a tool's parameter schema against OpenAI's strict
 * rules, word the E11/E12 error, rewrite a schema into strict form, and validate call arguments.
 */
export { type CheckStrictSchemaOptions, checkStrictSchema } from './check-strict-schema.js';
export {
  type ArgumentValidationResult,
  type ArgumentValidator,
  type ArgumentValidatorCompilerOptions,
  compileArgumentValidator,
  createArgumentValidatorCompiler,
} from './compile-argument-validator.js';
export type { ArgumentError } from './describe-ajv-error.js';
export { findUnsupportedPattern, type UnsupportedPattern } from './find-unsupported-pattern.js';
export { compileLinearPattern, type LinearPatternResult } from './linear-pattern.js';
export type { SchemaChange } from './normalize-context.js';
export {
  type NormalizeStrictSchemaOptions,
  type NormalizeStrictSchemaResult,
  normalizeStrictSchema,
} from './normalize-strict-schema.js';
export type { StrictSchemaLimits } from './strict-schema-budget.js';
export { strictSchemaErrorMessage } from './strict-schema-error-message.js';
export type { StrictSchemaIssue } from './strict-schema-issue.js';
