import { describe, expect, it } from 'vitest';
import { ids } from './ids.js';

describe('ids', () => {
  it('has OpenAI prefixes and lengths', () => {
    expect(ids.response()).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(ids.message()).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(ids.functionCall()).toMatch(/^fc_[0-9a-f]{48}$/);
    expect(ids.functionCallOutput()).toMatch(/^fco_[0-9a-f]{48}$/);
    expect(ids.call()).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(ids.request()).toMatch(/^req_[0-9a-f]{24}$/);
    expect(ids.chatCompletion()).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
  });

  it('starts stored ids with the creation second, like OpenAI response ids', () => {
    const before = Math.floor(Date.now() / 1000);
    const seconds = Number.parseInt(ids.response().slice('resp_'.length, 'resp_'.length + 8), 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('makes stored ids ascend in creation order (store index locality) and never repeat', () => {
    const made = Array.from({ length: 2_000 }, (_, index) =>
      index % 2 === 0 ? ids.response() : ids.message(),
    );
    const bodies = made.map((id) => id.slice(id.indexOf('_') + 1));
    // The 24-bit counter may wrap once within a run; compare ignoring at most one wrap.
    const descents = bodies.filter((body, index) => index > 0 && body < (bodies[index - 1] as string)).length;
    expect(descents).toBeLessThanOrEqual(1);
    expect(new Set(made).size).toBe(made.length);
  });
});
