import { describe, expect, it } from 'vitest';
import { coreDefaults } from '../defaults.js';
import { CoreError } from '../errors/core-error.js';
import { createArgumentValidatorCompiler } from './compile-argument-validator.js';
import { compileLinearPattern } from './linear-pattern.js';

const withString = (property: Record<string, unknown>) => ({
  type: 'object',
  properties: { s: { type: 'string', ...property } },
  required: ['s'],
  additionalProperties: false,
});

describe('schema patterns run in linear time', () => {
  it('checks ^(a+)+$ against 28 a and a ! without backtracking', () => {
    const validator = createArgumentValidatorCompiler()(withString({ pattern: '^(a+)+$' }));
    const started = performance.now();
    const result = validator.validate(JSON.stringify({ s: `${'a'.repeat(28)}!` }));
    // A backtracking engine needs about 4 s for this; the bound only proves nothing blocked.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(validator.validate(JSON.stringify({ s: `${'a'.repeat(100_000)}!` })).ok).toBe(false);
    expect(result).toMatchObject({ ok: false, kind: 'schema_violation' });
    expect(validator.validate(JSON.stringify({ s: 'aaaa' })).ok).toBe(true);
  });

  it('keeps ECMAScript spellings working (\\u escapes, named groups, [^])', () => {
    const compile = createArgumentValidatorCompiler();
    expect(compile(withString({ pattern: '^caf\\u00e9$' })).validate('{"s":"café"}').ok).toBe(true);
    expect(compile(withString({ pattern: '^(?<year>\\d{4})-\\d\\d$' })).validate('{"s":"2026-01"}').ok).toBe(
      true,
    );
    expect(compile(withString({ pattern: '^[^]{2}$' })).validate('{"s":"a\\n"}').ok).toBe(true);
  });

  it('keeps two patterns apart in one schema (Ajv keys compiled patterns by their text)', () => {
    const validator = createArgumentValidatorCompiler()({
      type: 'object',
      properties: { a: { type: 'string', pattern: '^a+$' }, b: { type: 'string', pattern: '^b+$' } },
      required: ['a', 'b'],
      additionalProperties: false,
    });
    expect(validator.validate('{"a":"aa","b":"bb"}').ok).toBe(true);
    expect(validator.validate('{"a":"bb","b":"aa"}').ok).toBe(false);
  });

  it.each([
    ['lookahead', '^(?=a)a+$'],
    ['negative lookbehind', '(?<!x)y'],
    ['numbered backreference', '^(a)\\1$'],
    ['named backreference', '^(?<x>a)\\k<x>$'],
  ])('refuses a pattern with %s (invalid_schema, never a silent change)', (_name, pattern) => {
    expect(compileLinearPattern(pattern).ok).toBe(false);
    try {
      createArgumentValidatorCompiler()(withString({ pattern }));
      expect.unreachable();
    } catch (error) {
      expect(CoreError.isInstance(error) && error.code).toBe('invalid_schema');
      expect((error as Error).message).toContain('linear time');
    }
  });
});

describe('format checks are bounded', () => {
  it.each(['email', 'hostname', 'ipv6', 'date-time', 'duration'])(
    '%s: a 100,000-character value fails at once',
    (format) => {
      const validator = createArgumentValidatorCompiler()(withString({ format }));
      const hostile = `${'a-'.repeat(50_000)}!`;
      const started = performance.now();
      expect(validator.validate(JSON.stringify({ s: hostile })).ok).toBe(false);
      expect(performance.now() - started).toBeLessThan(2_000);
    },
  );

  it('refuses a value longer than the bound before its check runs, even one of the right shape', () => {
    const validator = createArgumentValidatorCompiler()(withString({ format: 'date-time' }));
    expect(validator.validate('{"s":"2026-01-01T00:00:00.5Z"}').ok).toBe(true);
    const long = `2026-01-01T00:00:00.${'5'.repeat(coreDefaults.maxFormatInputLength)}Z`;
    expect(validator.validate(JSON.stringify({ s: long })).ok).toBe(false);
  });

  it('still accepts ordinary values and refuses near misses', () => {
    const compile = createArgumentValidatorCompiler();
    expect(compile(withString({ format: 'email' })).validate('{"s":"ada@example.com"}').ok).toBe(true);
    expect(compile(withString({ format: 'email' })).validate('{"s":"ada@"}').ok).toBe(false);
    expect(compile(withString({ format: 'date' })).validate('{"s":"2026-02-28"}').ok).toBe(true);
    expect(compile(withString({ format: 'date' })).validate('{"s":"2026-02-31"}').ok).toBe(false);
    const long = `${'a'.repeat(64)}@${'b'.repeat(300)}.com`;
    expect(compile(withString({ format: 'email' })).validate(JSON.stringify({ s: long })).ok).toBe(false);
  });
});
