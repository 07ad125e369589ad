/** Longest value echoed inside an error message; hostile inputs must not blow up the error body. */
const MAX_RENDERED_LENGTH = 256;

/**
 * Renders a client-supplied value for quoting in a message (`'bogus'`, `'5'`): strings as-is,
 * everything else as JSON, cut at 256 characters so a hostile value cannot inflate the error.
 */
export function renderValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_RENDERED_LENGTH ? `${text.slice(0, MAX_RENDERED_LENGTH)}…` : text;
}
