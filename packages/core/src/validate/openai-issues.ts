import { describeJsonType } from './describe-json-type.js';
import { formatSupportedValues } from './format-supported-values.js';
import { type PathSegment, renderParam, type ValidationIssue } from './issue.js';
import { renderValue } from './render-value.js';

function withHint(sentence: string, hint: string | undefined): string {
  return hint === undefined ? sentence : `${sentence} ${hint}`;
}

/**
 * Builders for OpenAI's generic validation errors (docs/protocol/errors.md), exact first sentence, then
 * an optional hint of ours. `code` is OpenAI's code, so `param`/`code` in the envelope come out right.
 */
export const openaiIssues = {
  /** `Missing required parameter: 'tools[0].function'.` */
  missingRequired(path: PathSegment[], hint?: string): ValidationIssue {
    const message = withHint(`Missing required parameter: '${renderParam(path)}'.`, hint);
    return { code: 'missing_required_parameter', path, message };
  },

  /** `Invalid type for 'tools': expected an array of objects, but got a string instead.` */
  invalidType(path: PathSegment[], expected: string, value: unknown, hint?: string): ValidationIssue {
    const sentence = `Invalid type for '${renderParam(path)}': expected ${expected}, but got ${describeJsonType(value)} instead.`;
    return { code: 'invalid_type', path, message: withHint(sentence, hint) };
  },

  /** `Invalid value: 'bogus'. Supported values are: 'none', 'auto', and 'required'.` */
  invalidValue(
    path: PathSegment[],
    value: unknown,
    supported: readonly string[],
    hint?: string,
  ): ValidationIssue {
    const sentence = `Invalid value: '${renderValue(value)}'. Supported values are: ${formatSupportedValues(supported)}.`;
    return { code: 'invalid_value', path, message: withHint(sentence, hint) };
  },

  /** `Unknown parameter: 'zzz'.` */
  unknownParameter(path: PathSegment[], hint?: string): ValidationIssue {
    const message = withHint(`Unknown parameter: '${renderParam(path)}'.`, hint);
    return { code: 'unknown_parameter', path, message };
  },

  /** `Invalid 'messages': empty array. Expected an array with minimum length 1, …` */
  emptyArray(path: PathSegment[], hint?: string): ValidationIssue {
    const sentence = `Invalid '${renderParam(path)}': empty array. Expected an array with minimum length 1, but got an empty array instead.`;
    return { code: 'empty_array', path, message: withHint(sentence, hint) };
  },

  /** E8: `Invalid 'tools': array too long. Expected an array with maximum length 128, …` */
  arrayTooLong(path: PathSegment[], maximum: number, length: number): ValidationIssue {
    const message = `Invalid '${renderParam(path)}': array too long. Expected an array with maximum length ${maximum}, but got an array with length ${length} instead.`;
    return { code: 'array_above_max_length', path, message };
  },

  /** E7: `Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, …` */
  stringTooLong(path: PathSegment[], maximum: number, length: number): ValidationIssue {
    const message = `Invalid '${renderParam(path)}': string too long. Expected a string with maximum length ${maximum}, but got a string with length ${length} instead.`;
    return { code: 'string_above_max_length', path, message };
  },

  /** E6: `Invalid 'tools[0].function.name': string does not match pattern. …` */
  patternMismatch(path: PathSegment[], pattern: string): ValidationIssue {
    const message = `Invalid '${renderParam(path)}': string does not match pattern. Expected a string that matches the pattern '${pattern}'.`;
    return { code: 'invalid_value', path, message };
  },

  /** `Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.` */
  integerBelowMinimum(path: PathSegment[], minimum: number, value: number): ValidationIssue {
    const message = `Invalid '${renderParam(path)}': integer below minimum value. Expected a value >= ${minimum}, but got ${value} instead.`;
    return { code: 'integer_below_min_value', path, message };
  },

  /**
   * Modelled on OpenAI's `Unsupported value: 'messages[0].role' does not support 'developer' with this
   * model.`: a value OpenAI knows (a hosted tool, a custom tool) that this gateway does not handle.
   */
  unsupportedValue(path: PathSegment[], value: unknown, hint: string): ValidationIssue {
    const sentence = `Unsupported value: '${renderParam(path)}' does not support '${renderValue(value)}' on this gateway.`;
    return { code: 'unsupported_value', path, message: withHint(sentence, hint) };
  },

  /** `Invalid 'metadata': too many properties. Expected an object with at most 16 properties, …` */
  tooManyProperties(path: PathSegment[], maximum: number, count: number): ValidationIssue {
    const message = `Invalid '${renderParam(path)}': too many properties. Expected an object with at most ${maximum} properties, but got an object with ${count} properties instead.`;
    return { code: 'object_above_max_properties', path, message };
  },
} as const;
