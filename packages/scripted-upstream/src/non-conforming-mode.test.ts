import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

// The server-wide non-conforming modes (docs/scripted-upstream.md#non-conforming-modes): each breaks
// one protocol rule on every request, without a directive in the prompt.
const nullableParameters = {
  type: 'object',
  properties: { city: { type: 'string' }, date: { type: ['string', 'null'] } },
  required: ['city', 'date'],
  additionalProperties: false,
};
const chatTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: nullableParameters,
    strict: true,
  },
};
const responsesTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather of a city.',
  parameters: nullableParameters,
  strict: true,
};

let upstream: ScriptedUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function start(modes: Parameters<typeof startScriptedUpstream>[0]): Promise<OpenAI> {
  upstream = await startScriptedUpstream(modes);
  return new OpenAI({ baseURL: upstream.url, apiKey: 'k', maxRetries: 0 });
}

describe('non-conforming modes of the scripted upstream', () => {
  it('ignore-tool-choice: tool_choice "none" still gets a call', async () => {
    const client = await start({ nonConforming: ['ignore-tool-choice'] });
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatTool],
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it('split-ids: a Chat stream sends the call id in two pieces that join to the whole id', async () => {
    const client = await start({ nonConforming: ['split-ids'] });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [chatTool],
      stream: true,
    });
    const ids: string[] = [];
    for await (const chunk of stream)
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) if (delta.id) ids.push(delta.id);
    expect(ids).toHaveLength(2);
    expect(ids.join('')).toMatch(/^call_[A-Za-z0-9]{24}$/);
  });

  it('split-ids: a Responses stream announces a call with half its call_id', async () => {
    const client = await start({ nonConforming: ['split-ids'] });
    const stream = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris?',
      tools: [responsesTool],
      stream: true,
    });
    const callIds: string[] = [];
    for await (const event of stream) {
      if (
        (event.type === 'response.output_item.added' || event.type === 'response.output_item.done') &&
        event.item.type === 'function_call'
      )
        callIds.push(event.item.call_id);
    }
    expect(callIds).toHaveLength(2);
    expect(callIds[1]?.startsWith(callIds[0] ?? '-')).toBe(true);
    expect(callIds[0]).not.toBe(callIds[1]);
  });

  it('drop-strict: nullable keys are left out and Responses echoes strict false', async () => {
    const client = await start({ nonConforming: ['drop-strict'] });
    const response = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris?',
      tools: [responsesTool],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'Paris' });
    expect(response.tools[0]).toMatchObject({ strict: false });
  });

  it('rejects an unknown mode by name', async () => {
    await expect(
      startScriptedUpstream({ nonConforming: ['drop-everything' as 'drop-strict'] }),
    ).rejects.toThrow(/Unknown non-conforming mode 'drop-everything'; known modes: ignore-tool-choice/);
  });
});
