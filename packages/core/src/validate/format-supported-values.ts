/**
 * Renders an enum the way OpenAI's "Supported values are: …" messages do: `'a'`, `'a' and 'b'`,
 * `'a', 'b', and 'c'` (docs/protocol/errors.md#generic-validation-errors).
 */
export function formatSupportedValues(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}
