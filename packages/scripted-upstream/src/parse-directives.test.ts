import { describe, expect, it } from 'vitest';
import { parseDirectives, stripDirectives } from './parse-directives.js';
import { NO_DIRECTIVES } from './scripted-directives.js';

describe('parseDirectives', () => {
  it('reads flags and valued directives anywhere in the text', () => {
    const directives = parseDirectives(
      '北京天气怎么样? #invalid-json #fragments=3 #delay=5 #error=429',
      NO_DIRECTIVES,
    );
    expect(directives.invalidJson).toBe(true);
    expect(directives.fragments).toBe(3);
    expect(directives.delayMs).toBe(5);
    expect(directives.errorStatus).toBe(429);
    expect(directives.parallel).toBe(false);
  });

  it('accepts a token glued to CJK text or punctuation but not to an ASCII word', () => {
    expect(parseDirectives('北京天气怎么样?#text', NO_DIRECTIVES).text).toBe(true);
    expect(parseDirectives('天气#parallel', NO_DIRECTIVES).parallel).toBe(true);
    expect(parseDirectives('see page#text', NO_DIRECTIVES).text).toBe(false);
    expect(parseDirectives('#textual', NO_DIRECTIVES).text).toBe(false);
  });

  it('keeps the base and overrides its numbers without mutating it', () => {
    const base = parseDirectives('#delay=10 #no-usage', NO_DIRECTIVES);
    const merged = parseDirectives('#delay=2', base);
    expect(merged).toMatchObject({ delayMs: 2, noUsage: true });
    expect(base.delayMs).toBe(10);
    expect(NO_DIRECTIVES.delayMs).toBe(0);
  });

  it('bounds values and ignores error statuses outside 400–599', () => {
    expect(parseDirectives('#fragments=0', NO_DIRECTIVES).fragments).toBe(1);
    expect(parseDirectives('#delay=999999999', NO_DIRECTIVES).delayMs).toBe(120_000);
    expect(parseDirectives('#error=200', NO_DIRECTIVES).errorStatus).toBeNull();
    expect(parseDirectives('#error', NO_DIRECTIVES).errorStatus).toBeNull();
  });
});

describe('stripDirectives', () => {
  it('removes known tokens and keeps ordinary hashtags', () => {
    expect(stripDirectives('北京天气怎么样? #invalid-once #fragments=2')).toBe('北京天气怎么样?');
    expect(stripDirectives('Weather in #Paris #parallel today')).toBe('Weather in #Paris today');
  });
});
