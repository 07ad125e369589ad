/**
 * Names a JSON value's type the way OpenAI's validation messages do ("but got a string instead",
 * "an integer", "a decimal"), docs/protocol/errors.md#generic-validation-errors.
 */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
