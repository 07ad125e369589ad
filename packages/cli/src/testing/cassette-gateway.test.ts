import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
import OpenAI from 'openai';
import type { RunnableToolFunctionWithParse } from 'openai/lib/RunnableFunction';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingGateway, startReplayGateway } from './index.js';

// What a user's own agent test looks like with `toolbridge/testing`: the official SDK's runTools
// loop recorded once against an upstream, then replayed offline with the upstream gone.
interface CityArgs {
  city: string;
}

function weatherTool(calls: string[]): RunnableToolFunctionWithParse<CityArgs> {
  return {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather of a city.',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
      parse: (text: string) => JSON.parse(text) as CityArgs,
      function: async ({ city }: CityArgs) => {
        calls.push(city);
        return `18C sunny in ${city}`;
      },
    },
  };
}

/** The agent under test: a runTools loop over the weather tool. */
async function agent(baseURL: string): Promise<{ answer: string | null; calls: string[] }> {
  const calls: string[] = [];
  const client = new OpenAI({ baseURL, apiKey: 'test', maxRetries: 0 });
  const runner = client.chat.completions.runTools({
    model: 'gpt-5.4-mini',
    messages: [{ role: 'user', content: 'What is the weather in Paris and Oslo?' }],
    tools: [weatherTool(calls)],
    stream: true,
  });
  return { answer: await runner.finalContent(), calls };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolbridge-helper-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('toolbridge/testing', () => {
  it('records a runTools session, then replays it offline with the same answer', async () => {
    const upstream = await startScriptedUpstream();
    const recording = await startRecordingGateway({ dir, upstream: upstream.url, upstreamApi: 'responses' });
    const live = await agent(recording.baseURL);
    await recording.close();
    await upstream.close();
    expect(live.calls).toEqual(['Paris', 'Oslo']);
    expect(await readdir(dir)).toHaveLength(2);

    const replay = await startReplayGateway({ dir });
    try {
      const replayed = await agent(replay.baseURL);
      expect(replayed).toEqual(live);
      expect(replayed.answer).toContain('18C sunny in Oslo');
    } finally {
      await replay.close();
    }
  });

  it('answers an unrecorded request with a clear 400, not a call to an upstream', async () => {
    const replay = await startReplayGateway({ dir });
    try {
      const client = new OpenAI({ baseURL: replay.baseURL, apiKey: 'test', maxRetries: 0 });
      await expect(
        client.chat.completions.create({
          model: 'gpt-5.4-mini',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      ).rejects.toMatchObject({ status: 400, code: 'cassette_not_found' });
    } finally {
      await replay.close();
    }
  });

  it('refuses a directory without cassettes with a message that says how to record', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'toolbridge-none-'));
    try {
      await expect(startReplayGateway({ dir: empty })).rejects.toThrow(
        /holds no cassettes\. Record some first/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
