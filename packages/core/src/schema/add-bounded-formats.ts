import type { Ajv, Format, FormatDefinition } from 'ajv';
import ajvFormats from 'ajv-formats';
import { coreDefaults } from '../defaults.js';

type FormatValidator<T> = (input: T) => boolean;
/** A format as Ajv stores it (a string format is compiled to a RegExp when added). */
type AddedFormat = Exclude<Format, string>;

function stringCheck(validate: FormatValidator<string> | string | RegExp): FormatValidator<string> {
  if (typeof validate === 'function') return validate;
  const regExp = typeof validate === 'string' ? new RegExp(validate) : validate;
  return (input: string) => regExp.test(input);
}

/** The same format, refusing strings longer than `maxLength` before its check runs. */
function bounded(format: AddedFormat, maxLength: number): AddedFormat {
  if (format === true) return format;
  if (format instanceof RegExp || typeof format === 'function') {
    const check = stringCheck(format);
    return (input: string) => input.length <= maxLength && check(input);
  }
  if (format.type === 'number' || format.async === true) return format;
  const definition = format as FormatDefinition<string>;
  const check = stringCheck(definition.validate);
  const wrapped: FormatDefinition<string> = {
    type: 'string',
    validate: (input: string) => input.length <= maxLength && check(input),
  };
  if (definition.compare !== undefined) wrapped.compare = definition.compare;
  return wrapped;
}

/**
 * Adds ajv-formats' accurate ("full") formats, each behind a length bound
 * (`coreDefaults.maxFormatInputLength`). Their regular expressions run on the native backtracking
 * engine and some of them (email, hostname, ipv6) backtrack polynomially; every value they accept is
 * far shorter than the bound, so a longer string fails at once instead of costing seconds
 * (docs/protocol/strict-mode.md#patterns).
 */
export function addBoundedFormats(ajv: Ajv, maxLength: number = coreDefaults.maxFormatInputLength): void {
  ajvFormats.default(ajv, { mode: 'full', keywords: true });
  for (const [name, format] of Object.entries(ajv.formats)) {
    if (format !== undefined) ajv.addFormat(name, bounded(format, maxLength));
  }
}
