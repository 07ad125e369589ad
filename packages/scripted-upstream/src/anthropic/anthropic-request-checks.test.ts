import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from '../scripted-upstream-options.js';
import { startScriptedUpstream } from '../start-scripted-upstream.js';

// The Messages double checks requests as Anthropic does (docs/scripted-upstream.md, "Anthropic
// Messages"): what it refuses is what the gateway's translation must never send.
const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather of a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let upstream: ScriptedUpstream;
let client: Anthropic;

beforeAll(async () => {
  upstream = await startScriptedUpstream({ apiKey: 'sk-ant-test' });
  client = new Anthropic({
    baseURL: upstream.url.replace(/\/v1$/, ''),
    apiKey: 'sk-ant-test',
    maxRetries: 0,
  });
});
afterAll(async () => {
  await upstream.close();
});

describe('the key header toolbridge sends', () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${upstream.url}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('x-api-key with anthropic-version 2023-06-01 is accepted; no version is a 400 in Anthropic’s shape', async () => {
    const accepted = await post({ 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { content: unknown }).content).toEqual([
      { type: 'text', text: 'Echo: hi', citations: null },
    ]);
    const unversioned = await post({ 'x-api-key': 'sk-ant-test' });
    expect(unversioned.status).toBe(400);
    expect(unversioned.headers.get('request-id')).toMatch(/^req_/);
    expect(await unversioned.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
      request_id: expect.stringMatching(/^req_/),
    });
  });
});

describe('the request checks a translating gateway must pass', () => {
  const call: Anthropic.ToolUseBlockParam = {
    type: 'tool_use',
    id: 'toolu_1',
    name: 'get_weather',
    input: { city: 'Paris' },
  };
  const result: Anthropic.ToolResultBlockParam = {
    type: 'tool_result',
    tool_use_id: 'toolu_1',
    content: '18C',
  };
  const refusal = (
    messages: Anthropic.MessageParam[],
    extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {},
  ) =>
    client.messages
      .create({ model: 'm', max_tokens: 64, tools: [weather], messages, ...extra })
      .catch((error: unknown) => error);

  it.each([
    [
      'roles that do not alternate',
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      /roles must alternate/,
    ],
    [
      'an empty text block',
      [{ role: 'user', content: [{ type: 'text', text: '' }] }],
      /text content blocks must be non-empty/,
    ],
    [
      'a bad tool_use id',
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ ...call, id: 'functions.get:0' }] },
      ],
      /String should match pattern/,
    ],
    [
      'results split from their calls',
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [call] },
        { role: 'user', content: 'no result' },
      ],
      /`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1/,
    ],
    [
      'text before the results',
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [call] },
        { role: 'user', content: [{ type: 'text', text: 'here' }, result] },
      ],
      /`tool_result` blocks must come first/,
    ],
    [
      'a string input',
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ ...call, input: '' }] },
      ],
      /Input should be a valid dictionary/,
    ],
  ] as const)('refuses %s with a 400', async (_name, messages, pattern) => {
    const error = await refusal(messages as unknown as Anthropic.MessageParam[]);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toMatch(pattern);
  });

  it('tool blocks without tools, and OpenAI-only fields, are refused', async () => {
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: [call] },
      { role: 'user', content: [result] },
    ];
    const noTools = await client.messages
      .create({ model: 'm', max_tokens: 64, messages })
      .catch((error: unknown) => error);
    expect((noTools as Error).message).toMatch(/must define tools/);
    const extra = await refusal([{ role: 'user', content: 'x' }], { parallel_tool_calls: false } as never);
    expect((extra as Error).message).toMatch(/parallel_tool_calls: Extra inputs are not permitted/);
  });
});
