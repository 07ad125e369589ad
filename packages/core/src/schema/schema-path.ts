/**
 * Where a keyword sits inside a JSON Schema, as the keys walked from the root. Array indices are
 * kept as strings because OpenAI renders them quoted: `('properties', 'u', 'anyOf', '0')`.
 */
export type SchemaPath = readonly string[];

/** Renders a path as an RFC 6901 JSON pointer; the root is `''`. */
export function toJsonPointer(path: SchemaPath): string {
  let pointer = '';
  for (const segment of path) pointer += `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return pointer;
}

/**
 * Renders a path the way OpenAI's strict-schema errors do, as a Python tuple repr: `()`, `('properties',)`,
 * `('properties', 'flights', 'items')` (docs/protocol/errors.md#e11-invalid-strict-schema-on-chat).
 */
export function toPythonTuple(path: SchemaPath): string {
  if (path.length === 0) return '()';
  const items = path.map(pythonRepr);
  return path.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** Python's `repr(str)`: single quotes unless the text holds a `'` and no `"`. OpenAI quotes names this way. */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}
