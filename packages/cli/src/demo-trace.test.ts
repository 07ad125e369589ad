import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.case.js';

// `toolbridge demo`'s trace (README "Try it"): one step counter per run, calls before results,
// rounded costs for people and full precision in --json, and --verbose wire bodies after their hop.
interface TraceEvent {
  scenario: string;
  event: string;
  step?: number;
  hop?: string;
  callId?: string;
  cost?: { input: number; cachedInput: number; output: number; total: number };
}

const HOPS = ['client→gateway', 'gateway→upstream', 'upstream→gateway', 'gateway→client'];

function parseEvents(stdout: string): TraceEvent[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TraceEvent);
}

describe('toolbridge demo trace', () => {
  it('--json: every step numbered from 1, every call before any result, full-precision costs', async () => {
    const json = await runCli(['demo', '--api', 'chat', '--json']);
    expect(json.code).toBe(0);
    const events = parseEvents(json.stdout);
    const scenarios = [...new Set(events.map((event) => event.scenario))];
    expect(scenarios).toHaveLength(3);
    for (const scenario of scenarios) {
      const run = events.filter((event) => event.scenario === scenario);
      const starts = run.filter((event) => event.event === 'step-start').map((event) => event.step);
      expect(starts).toEqual([1, 2]);
      expect(run.filter((event) => event.event === 'step-end').map((event) => event.step)).toEqual([1, 2]);
      const calls = run.filter((event) => event.event === 'tool-call');
      const results = run.filter((event) => event.event === 'tool-result');
      expect(calls.length).toBeGreaterThan(0);
      expect(results.map((event) => event.callId)).toEqual(calls.map((event) => event.callId));
      expect(run.indexOf(calls.at(-1) as TraceEvent)).toBeLessThan(run.indexOf(results[0] as TraceEvent));
      expect(calls.every((event) => event.step === 1) && results.every((event) => event.step === 1)).toBe(
        true,
      );
    }
    const plainEnd = events.find((event) => event.event === 'end' && event.scenario.endsWith('plain'));
    const cost = plainEnd?.cost;
    if (cost === undefined) throw new Error('no cost in the end event');
    expect(cost.total).toBe(cost.input + cost.cachedInput + cost.output);
    expect(Number(cost.total.toPrecision(2))).not.toBe(cost.total);

    const human = await runCli(['demo', '--api', 'chat']);
    expect(human.code).toBe(0);
    const plain = human.stdout.slice(0, human.stdout.indexOf('Chat Completions · streaming'));
    expect(plain).toContain(`cost $${Number(cost.total.toPrecision(2))} ·`);
    const shown = [...human.stdout.matchAll(/cost \$([\d.]+)/g)].map((match) => Number(match[1]));
    expect(shown).toHaveLength(3);
    for (const value of shown) expect(Number(value.toPrecision(2))).toBe(value);
    // One counter: the model requests of the run, on every line.
    expect(plain).toMatch(/step 1 → request: question and tool definitions\n/);
    expect(plain).toMatch(/step 1 ← model asks for get_weather \{"city":"北京"\}/);
    expect(plain).toMatch(/step 1 ⚙ ran get_weather locally/);
    expect(plain).toMatch(/step 2 ← answer: 北京/);
    expect(plain).not.toMatch(/request 1|→ 1\.|← 2\./);
  }, 90_000);

  it('--verbose prints each wire body right after its hop, named, in hop order, before the calls', async () => {
    const json = await runCli(['demo', '--api', 'responses', '--json', '--verbose']);
    expect(json.code).toBe(0);
    const events = parseEvents(json.stdout);
    const plain = events.filter((event) => event.scenario === 'Responses · plain');
    const stepOne = plain.filter(
      (event) => event.step === 1 && (event.event === 'wire' || event.event === 'tool-call'),
    );
    expect(stepOne.map((event) => event.hop ?? event.event)).toEqual([...HOPS, 'tool-call']);
    const stepTwo = plain.filter((event) => event.step === 2 && event.event === 'wire');
    expect(stepTwo.map((event) => event.hop)).toEqual(HOPS);

    const human = await runCli(['demo', '--api', 'chat', '--verbose']);
    expect(human.code).toBe(0);
    const stepOneText = human.stdout.slice(
      human.stdout.indexOf('step 1 → request'),
      human.stdout.indexOf('model asks for'),
    );
    const positions = HOPS.map((hop) => stepOneText.indexOf(`step 1   ${hop} `));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(stepOneText).toContain('step 1   client→gateway POST /v1/chat/completions');
    expect(stepOneText).toContain('"tools":[{"type":"function"');
  }, 90_000);
});
