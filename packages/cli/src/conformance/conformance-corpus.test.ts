import {
  type NonConformingMode,
  type ScriptedUpstream,
  startScriptedUpstream,
} from '@toolbridge/scripted-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../../test-support/gateway/start-test-gateway.js';
import type { ConformanceReport } from './conformance-report.js';
import { type Corpus, loadCorpus } from './load-corpus.js';
import { runConformance } from './run-conformance.js';

// The built-in corpus (packages/cli/corpus/, docs/conformance.md) scored offline: the gateway must
// pass every case over each upstream format it speaks, and the scripted upstream run directly must
// fail exactly the cases its gaps and its deliberately non-conforming modes break.

/** Upstream formats the gateway speaks; a new provider format adds its id here. */
const UPSTREAM_FORMATS = ['chat', 'responses'] as const;

/**
 * What the scripted upstream, a lenient test double (docs/scripted-upstream.md), does not check:
 * tool names, pairing, strict schemas, max_output_tokens, shapes it skips. Run directly, these fail.
 */
const SCRIPTED_GAPS = [
  '9c',
  '9r',
  'mix-chat-tool-choice',
  'mix-responses-tool-message',
  '17',
  '18',
  '19',
  '20',
  '22',
  '32',
  '33',
  '34',
  '35',
  '36',
  '39',
  '40c',
  '41',
  '47',
  '51',
  '71r',
];
/** It keeps no state and says so (store: false echoed), so these are "not supported", not failures. */
const NEEDS_STATE = [
  '48',
  '49',
  '50',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '67',
  '68',
  '69',
  '70',
  'responses-loop-stream',
  'responses-parallel-loop',
];
/** Exactly the cases that check the rule each mode breaks (docs/scripted-upstream.md#non-conforming-modes). */
const BROKEN_BY: Record<NonConformingMode, string[]> = {
  'ignore-tool-choice': ['3', '3-stream', '4', '5', '3r', '4r', '16'],
  'split-ids': ['24', '25', '60', '61'],
  'drop-strict': ['37', '42', '43c', '43r'],
};

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

function score(baseUrl: string, model: string): Promise<ConformanceReport> {
  return runConformance({ target: { baseUrl, apiKey: null }, model, apis: ['chat', 'responses'], corpus });
}

function ids(report: ConformanceReport, status: string): string[] {
  return report.cases
    .filter((entry) => entry.status === status)
    .map((entry) => entry.id)
    .sort();
}

describe('the built-in corpus', () => {
  it('has at least 40 cases over both APIs and every area the guide covers', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.cases.map((entry) => entry.api))).toEqual(new Set(['chat', 'responses']));
    expect([...new Set(corpus.cases.map((entry) => entry.area))].sort()).toEqual(
      [
        'error envelope',
        'format mixing',
        'pairing',
        'previous_response_id',
        'responses',
        'stored responses',
        'streaming',
        'strict',
        'tool definitions',
        'tool loop',
        'tool_choice',
      ].sort(),
    );
  });
});

describe.each(UPSTREAM_FORMATS)('the gateway over a scripted %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  it('scores 100 %: every case passes, none unsupported, none without a call', async () => {
    const report = await score(harness.baseURL, 'gpt-5.4');
    const notPassed = report.cases.filter((entry) => entry.status !== 'pass');
    expect(notPassed.map(({ id, status, evidence }) => ({ id, status, evidence }))).toEqual([]);
    expect(report.summary).toMatchObject({ failed: 0, unsupported: 0, noCall: 0, score: 1 });
    expect(report.features.every((feature) => feature.supported)).toBe(true);
  });
});

describe('the scripted upstream scored directly', () => {
  let upstream: ScriptedUpstream | undefined;
  afterAll(async () => {
    await upstream?.close();
  });

  it('fails exactly its documented gaps and reports the stateful cases as not supported', async () => {
    upstream = await startScriptedUpstream();
    const report = await score(upstream.url, 'scripted-model');
    await upstream.close();
    expect(ids(report, 'fail')).toEqual([...SCRIPTED_GAPS].sort());
    expect(ids(report, 'unsupported')).toEqual([...NEEDS_STATE].sort());
    expect(ids(report, 'no-call')).toEqual([]);
    expect(report.features.find((feature) => feature.id === 'stored-responses')).toMatchObject({
      supported: false,
      evidence: [{ step: 'probe', expected: true, actual: false }],
    });
  });

  it.each(Object.keys(BROKEN_BY) as NonConformingMode[])(
    'non-conforming mode %s fails exactly the cases that check the rule it breaks',
    async (mode) => {
      const broken = BROKEN_BY[mode];
      expect(broken.filter((id) => SCRIPTED_GAPS.includes(id))).toEqual([]);
      upstream = await startScriptedUpstream({ nonConforming: [mode] });
      const report = await score(upstream.url, 'scripted-model');
      await upstream.close();
      expect(ids(report, 'fail')).toEqual([...SCRIPTED_GAPS, ...broken].sort());
      expect(report.summary.score).toBeLessThan(1);
      for (const id of broken) {
        const entry = report.cases.find((each) => each.id === id);
        expect(entry?.evidence.length, id).toBeGreaterThan(0);
      }
    },
  );
});
