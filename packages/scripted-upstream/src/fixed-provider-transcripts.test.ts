import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_ANTHROPIC_TOOL_USE_ID } from './fixed-provider-transcripts.js';
import { FIXED_ARGUMENT_FRAGMENTS, FIXED_TOOL_CALL, fixedTranscript } from './fixed-transcripts.js';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

// The bench's Anthropic and Gemini transcripts are read by the providers' own SDKs: what a gateway
// relays from them is what those providers would have sent.
let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream({ fixed: { chat: 'chat-json' }, record: false });
});
afterAll(() => upstream.close());

const expectedArguments = JSON.parse(FIXED_TOOL_CALL.arguments) as unknown;

function anthropicFor(name: 'anthropic-json' | 'anthropic-sse'): Anthropic {
  // The SDK appends /v1/messages itself.
  return new Anthropic({ baseURL: upstream.fixedUrl(name).replace(/\/v1$/, ''), apiKey: 'k', maxRetries: 0 });
}

function geminiFor(name: 'gemini-json' | 'gemini-sse'): GoogleGenAI {
  const baseUrl = upstream.fixedUrl(name).replace(/\/v1beta$/, '');
  return new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl, apiVersion: 'v1beta' } });
}

const question = { role: 'user' as const, content: 'ignored' };

describe('fixed Anthropic and Gemini transcripts', () => {
  it('anthropic-json is one tool_use with the expected input', async () => {
    const message = await anthropicFor('anthropic-json').messages.create({
      model: 'm',
      max_tokens: 100,
      messages: [question],
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      expect.objectContaining({
        type: 'tool_use',
        id: FIXED_ANTHROPIC_TOOL_USE_ID,
        name: FIXED_TOOL_CALL.name,
      }),
    ]);
    expect(message.content[0]?.type === 'tool_use' ? message.content[0].input : null).toEqual(
      expectedArguments,
    );
  });

  it('anthropic-sse streams the arguments in fragments and reassembles through the SDK', async () => {
    const stream = anthropicFor('anthropic-sse').messages.stream({
      model: 'm',
      max_tokens: 100,
      messages: [question],
    });
    let deltas = 0;
    stream.on('inputJson', (partial) => {
      if (partial !== '') deltas += 1;
    });
    const final = await stream.finalMessage();
    expect(final.content[0]?.type === 'tool_use' ? final.content[0].input : null).toEqual(expectedArguments);
    expect(deltas).toBe(FIXED_ARGUMENT_FRAGMENTS);
  });

  it('gemini-json and gemini-sse carry the call whole', async () => {
    const request = { model: 'gemini-2.5-flash', contents: 'ignored' };
    const json = await geminiFor('gemini-json').models.generateContent(request);
    expect(json.functionCalls).toEqual([{ name: FIXED_TOOL_CALL.name, args: expectedArguments }]);
    const calls: unknown[] = [];
    for await (const chunk of await geminiFor('gemini-sse').models.generateContentStream(request))
      calls.push(...(chunk.functionCalls ?? []));
    expect(calls).toEqual([{ name: FIXED_TOOL_CALL.name, args: expectedArguments }]);
  });

  it('answer only on their own route', async () => {
    const wrong = await fetch(`${upstream.fixedUrl('gemini-json')}/models/m:streamGenerateContent?alt=sse`, {
      method: 'POST',
      body: '{}',
    });
    expect(wrong.status).toBe(404);
    const chat = await fetch(`${upstream.fixedUrl('anthropic-json')}/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(chat.status).toBe(404);
    const right = await fetch(`${upstream.fixedUrl('anthropic-json')}/messages`, {
      method: 'POST',
      body: '{}',
    });
    expect(Buffer.from(await right.arrayBuffer()).equals(fixedTranscript('anthropic-json').body)).toBe(true);
  });
});
