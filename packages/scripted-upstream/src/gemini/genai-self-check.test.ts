import { ApiError, type Content, FunctionCallingConfigMode, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from '../scripted-upstream-options.js';
import { startScriptedUpstream } from '../start-scripted-upstream.js';

// The double is wire-exact when Google's own client, code no one here wrote, reads it as Gemini:
// function calls, signatures, streaming chunks and errors all come out of `@google/genai` unchanged.
const weather = {
  name: 'get_weather',
  description: 'Weather of a city.',
  parametersJsonSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};
const model = 'gemini-3-flash';

describe('the scripted Gemini upstream read by @google/genai', () => {
  let upstream: ScriptedUpstream;
  let ai: GoogleGenAI;
  beforeAll(async () => {
    upstream = await startScriptedUpstream({ apiKey: 'gemini-test-key' });
    ai = new GoogleGenAI({
      apiKey: 'gemini-test-key',
      httpOptions: { baseUrl: upstream.geminiUrl.replace(/\/v1beta$/, ''), apiVersion: 'v1beta' },
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  it('answers generateContent with signed parallel function calls and usage', async () => {
    const response = await ai.models.generateContent({
      model,
      contents: 'Weather in Paris and Oslo?',
      config: { tools: [{ functionDeclarations: [weather] }] },
    });
    const calls = response.functionCalls ?? [];
    expect(calls.map((call) => [call.name, call.args])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_weather', { city: 'Oslo' }],
    ]);
    expect(calls.every((call) => typeof call.id === 'string' && call.id.length === 8)).toBe(true);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(typeof parts[0]?.thoughtSignature).toBe('string');
    expect(parts[1]?.thoughtSignature).toBeUndefined();
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    expect(response.usageMetadata?.thoughtsTokenCount).toBe(8);
    expect(upstream.requests.at(-1)?.headers['x-goog-api-key']).toBe('gemini-test-key');
    expect(upstream.requests.at(-1)?.path).toBe(`/v1beta/models/${model}:generateContent`);
  });

  it('takes the functionResponse turn with the signature back, and refuses it without', async () => {
    const user: Content = { role: 'user', parts: [{ text: 'Weather in Paris?' }] };
    const first = await ai.models.generateContent({
      model,
      contents: [user],
      config: { tools: [{ functionDeclarations: [weather] }] },
    });
    const modelTurn = first.candidates?.[0]?.content;
    const call = first.functionCalls?.[0];
    if (modelTurn === undefined || call === undefined) throw new Error('expected a call');
    const answer: Content = {
      role: 'user',
      parts: [
        {
          functionResponse: {
            ...(call.id !== undefined ? { id: call.id } : {}),
            name: 'get_weather',
            response: { output: '18C sunny' },
          },
        },
      ],
    };
    const second = await ai.models.generateContent({
      model,
      contents: [user, modelTurn, answer],
      config: { tools: [{ functionDeclarations: [weather] }] },
    });
    expect(second.text).toBe('Paris: 18C sunny');
    const unsigned: Content = {
      role: 'model',
      parts: (modelTurn.parts ?? []).map(({ thoughtSignature: _dropped, ...part }) => part),
    };
    const refused = await ai.models
      .generateContent({
        model,
        contents: [user, unsigned, answer],
        config: { tools: [{ functionDeclarations: [weather] }] },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).message).toContain('missing a thought_signature');
  });

  it('streams calls whole, split across chunks, with the finish in a trailing chunk', async () => {
    const stream = await ai.models.generateContentStream({
      model,
      contents: 'Weather in Paris and Oslo? #split-calls #late-stop',
      config: {
        tools: [{ functionDeclarations: [weather] }],
        toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } },
      },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.functionCalls?.map((call) => call.args?.['city']) ?? [])).toEqual([
      ['Paris'],
      ['Oslo'],
      [],
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
    expect(upstream.requests.at(-1)?.path).toBe(`/v1beta/models/${model}:streamGenerateContent`);
  });

  it('streams text in fragments', async () => {
    const stream = await ai.models.generateContentStream({ model, contents: 'Hello there #fragments=3' });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('Echo: Hello there');
  });

  it('surfaces errors as the SDK error: RESOURCE_EXHAUSTED, a wrong key, a bad history', async () => {
    const limited = await ai.models
      .generateContent({ model, contents: 'hi #error=429' })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(ApiError);
    expect((limited as ApiError).status).toBe(429);
    expect((limited as ApiError).message).toContain('RESOURCE_EXHAUSTED');
    expect((limited as ApiError).message).toContain('RetryInfo');
    const stranger = new GoogleGenAI({
      apiKey: 'wrong',
      httpOptions: { baseUrl: upstream.geminiUrl.replace(/\/v1beta$/, ''), apiVersion: 'v1beta' },
    });
    const denied = await stranger.models
      .generateContent({ model, contents: 'hi' })
      .catch((error: unknown) => error);
    expect((denied as ApiError).status).toBe(400);
    expect((denied as ApiError).message).toContain('API_KEY_INVALID');
    const orphan = await ai.models
      .generateContent({
        model,
        contents: [
          { role: 'user', parts: [{ text: 'hi' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'x' } } }] },
        ],
      })
      .catch((error: unknown) => error);
    expect((orphan as ApiError).status).toBe(400);
    expect((orphan as ApiError).message).toContain('alternate between user and model');
  });

  it('reports a blocked prompt and a malformed call the way Gemini does', async () => {
    const blocked = await ai.models.generateContent({ model, contents: 'hi #blocked-prompt' });
    expect(blocked.promptFeedback?.blockReason).toBe('SAFETY');
    expect(blocked.candidates).toBeUndefined();
    const malformed = await ai.models.generateContent({
      model,
      contents: 'Weather in Paris? #malformed-call',
      config: { tools: [{ functionDeclarations: [weather] }] },
    });
    expect(malformed.candidates?.[0]?.finishReason).toBe('MALFORMED_FUNCTION_CALL');
  });

  it('responseJsonSchema: the text answer is JSON of that schema', async () => {
    const response = await ai.models.generateContent({
      model,
      contents: 'Weather in Paris?',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 3 } },
          required: ['city', 'days'],
        },
      },
    });
    expect(JSON.parse(response.text ?? '')).toEqual({ city: 'Echo: Weather in Paris?', days: 3 });
  });
});
