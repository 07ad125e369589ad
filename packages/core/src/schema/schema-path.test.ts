import { describe, expect, it } from 'vitest';
import { toJsonPointer, toPythonTuple } from './schema-path.js';

describe('schema paths', () => {
  it('renders RFC 6901 pointers with ~0 and ~1 escapes', () => {
    expect(toJsonPointer([])).toBe('');
    expect(toJsonPointer(['properties', 'a/b~c', 'anyOf', '0'])).toBe('/properties/a~1b~0c/anyOf/0');
  });

  it("renders Python tuple reprs the way OpenAI's messages show them", () => {
    expect(toPythonTuple([])).toBe('()');
    expect(toPythonTuple(['$defs'])).toBe("('$defs',)");
    expect(toPythonTuple(['properties', 'flights', 'items'])).toBe("('properties', 'flights', 'items')");
    expect(toPythonTuple(['properties', "it's"])).toBe(`('properties', "it's")`);
    expect(toPythonTuple(['properties', `a'b"c`])).toBe(`('properties', 'a\\'b"c')`);
    expect(toPythonTuple(['properties', 'back\\slash\nline\u0001'])).toBe(
      "('properties', 'back\\\\slash\\nline\\x01')",
    );
  });
});
