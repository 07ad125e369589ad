import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './load-corpus.js';

// User corpora (`--cases FILE`) are validated by the corpus schema: a bad case is a usage error
// that says which file, where in it and what is wrong (docs/conformance.md#writing-cases).
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolbridge-corpus-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const validCase = {
  id: 'my-1',
  area: 'mine',
  api: 'chat',
  title: 'my own case',
  steps: [
    {
      name: 'ask',
      request: { path: '/chat/completions', body: { model: '{{model}}' } },
      checks: [{ status: 200 }],
    },
  ],
};

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadCorpus', () => {
  it('adds a user .json file and a .jsonl file to the built-in corpus', async () => {
    const json = await file('mine.json', { variables: { greeting: 'hi' }, cases: [validCase] });
    const jsonl = await file('more.jsonl', `${JSON.stringify({ ...validCase, id: 'my-2' })}\n\n`);
    const corpus = await loadCorpus({ files: [json, jsonl] });
    expect(corpus.cases.slice(-2).map((entry) => entry.id)).toEqual(['my-1', 'my-2']);
    expect(corpus.variables.get('greeting')).toBe('hi');
    expect(corpus.cases[0]?.steps[0]?.request.method).toBe('POST');
  });

  it('names the file, the path and the problem of an invalid case', async () => {
    const bad = await file('bad.json', {
      cases: [
        {
          ...validCase,
          steps: [{ ...validCase.steps[0], checks: [{ at: '/status', equals: 200, matches: 'x' }] }],
        },
      ],
    });
    await expect(loadCorpus({ files: [bad], builtIn: false })).rejects.toThrow(
      /bad\.json is not a valid conformance corpus:\n {2}- cases\[0\]\.steps\[0\]\.checks\[0\]: a check has exactly one assertion, this one has equals and matches/,
    );
    const noAssertion = await file(
      'none.jsonl',
      JSON.stringify({ ...validCase, steps: [{ ...validCase.steps[0], checks: [{ at: '/x' }] }] }),
    );
    await expect(loadCorpus({ files: [noAssertion], builtIn: false })).rejects.toThrow(
      /none\.jsonl line 1 .*a check needs one assertion/s,
    );
    const typo = await file('typo.json', { cases: [{ ...validCase, titel: 'x' }] });
    await expect(loadCorpus({ files: [typo], builtIn: false })).rejects.toThrow(
      /cases\[0\]: Unrecognized key: "titel"/,
    );
  });

  it('refuses duplicate ids, unknown apis and features, bad patterns and bad JSON', async () => {
    const duplicate = await file('dup.json', { cases: [validCase, validCase] });
    await expect(loadCorpus({ files: [duplicate], builtIn: false })).rejects.toThrow(
      "Two cases have the id 'my-1'",
    );
    const builtInClash = await file('clash.json', { cases: [{ ...validCase, id: '24' }] });
    await expect(loadCorpus({ files: [builtInClash] })).rejects.toThrow("Two cases have the id '24'");
    const api = await file('api.json', { cases: [{ ...validCase, api: 'anthropic' }] });
    await expect(loadCorpus({ files: [api], builtIn: false })).rejects.toThrow(
      "unknown api 'anthropic' (known: chat, responses)",
    );
    const feature = await file('feature.json', { cases: [{ ...validCase, requires: ['telepathy'] }] });
    await expect(loadCorpus({ files: [feature], builtIn: false })).rejects.toThrow(
      "requires feature 'telepathy'",
    );
    const pattern = await file('pattern.json', {
      cases: [{ ...validCase, steps: [{ ...validCase.steps[0], checks: [{ at: '/x', matches: '(' }] }] }],
    });
    await expect(loadCorpus({ files: [pattern], builtIn: false })).rejects.toThrow(
      "'my-1', step 'ask': bad pattern /(/",
    );
    const broken = await file('broken.json', '{"cases": [');
    await expect(loadCorpus({ files: [broken], builtIn: false })).rejects.toThrow(
      /broken\.json is not valid JSON/,
    );
  });
});
