import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors/core-error.js';
import type { CanonicalItem, CanonicalRequest } from '../../items/canonical.js';
import { canonicalToGeminiRequest } from './canonical-to-gemini-request.js';
import { fromGeminiFunctionName, toGeminiFunctionName } from './gemini-function-name.js';
import { toGeminiLegacySchema } from './gemini-legacy-schema.js';
import {
  encodeGeminiState,
  geminiModelFamily,
  readGeminiSignature,
  splitThoughtSuffix,
} from './gemini-provider-state.js';
import { geminiResponseToCanonical } from './gemini-response-to-canonical.js';
import { readGeminiError } from './read-gemini-error.js';

// Conformance cases G-… of docs/protocol/gemini.md for the pure converters.
const model = 'gemini-3-flash';

function request(overrides: Partial<CanonicalRequest>): CanonicalRequest {
  return {
    model,
    instructions: null,
    items: [{ type: 'message', role: 'user', content: 'hi' }],
    tools: [],
    toolChoice: null,
    parallelToolCalls: null,
    stream: false,
    includeUsage: false,
    maxOutputTokens: null,
    previousResponseId: null,
    store: null,
    metadata: null,
    options: {},
    extra: null,
    ...overrides,
  };
}

function encode(overrides: Partial<CanonicalRequest>) {
  return canonicalToGeminiRequest(request(overrides), { model });
}

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { city: { type: ['string', 'null'] }, unit: { anyOf: [{ const: 'c' }, { const: 'f' }] } },
  required: ['city', 'unit'],
  additionalProperties: false,
};
const weather = { name: 'get_weather', parameters: schema, strict: true };

const call = (callId: string, city: string, providerState?: string): CanonicalItem => ({
  type: 'function_call',
  callId,
  name: 'get_weather',
  arguments: JSON.stringify({ city }),
  ...(providerState !== undefined ? { providerState } : {}),
});
const output = (callId: string, text: string): CanonicalItem => ({
  type: 'function_call_output',
  callId,
  output: text,
});
const user: CanonicalItem = { type: 'message', role: 'user', content: 'Weather in Paris and Rome?' };

describe('Gemini tools and tool_choice', () => {
  it('G-05: parametersJsonSchema is the schema minus $schema; no parameters key', () => {
    const { request: body } = encode({ tools: [weather] });
    const [declaration] = body.tools?.[0]?.functionDeclarations ?? [];
    const { $schema: _dropped, ...rest } = schema;
    expect(declaration).toEqual({ name: 'get_weather', parametersJsonSchema: rest });
  });

  it('G-06/G-07: the legacy parameters subset: no additionalProperties, nullable types, const as enum', () => {
    const legacy = toGeminiLegacySchema(schema);
    expect(legacy).toEqual({
      type: 'OBJECT',
      properties: {
        city: { type: 'STRING', nullable: true },
        unit: {
          anyOf: [
            { type: 'STRING', enum: ['c'] },
            { type: 'STRING', enum: ['f'] },
          ],
        },
      },
      required: ['city', 'unit'],
    });
    const { request: body } = canonicalToGeminiRequest(request({ tools: [weather] }), {
      model,
      schemaField: 'parameters',
    });
    expect(body.tools?.[0]?.functionDeclarations[0]?.parameters).toEqual(legacy);
    expect(JSON.stringify(body)).not.toContain('additionalProperties');
  });

  it('G-06: legacy subset inlines $refs and notes dropped keywords in the description', () => {
    const legacy = toGeminiLegacySchema({
      type: 'object',
      $defs: { n: { type: 'integer', multipleOf: 5 } },
      properties: { count: { $ref: '#/$defs/n' } },
    });
    expect(legacy).toEqual({
      type: 'OBJECT',
      properties: { count: { type: 'INTEGER', description: '{multipleOf: 5}' } },
    });
    expect(() => toGeminiLegacySchema({ type: 'null' })).toThrow(CoreError);
  });

  it('G-08: a name with a leading digit is declared with an underscore and mapped back', () => {
    expect(toGeminiFunctionName('2fa_check')).toBe('_2fa_check');
    expect(fromGeminiFunctionName('_2fa_check')).toBe('2fa_check');
    for (const name of ['get_weather', '_private', '__x', '_2x', '-dash', '9']) {
      expect(fromGeminiFunctionName(toGeminiFunctionName(name))).toBe(name);
      expect(toGeminiFunctionName(name)).toMatch(/^[A-Za-z_]/);
    }
  });

  it('G-15/G-16: tool_choice → functionCallingConfig', () => {
    const tools = [weather, { name: 'get_time', strict: null }];
    const config = (toolChoice: CanonicalRequest['toolChoice']) =>
      encode({ tools, toolChoice }).request.toolConfig;
    expect(config(null)).toBeUndefined();
    expect(config({ type: 'function', name: 'get_weather' })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    expect(config({ type: 'allowed_tools', mode: 'required', names: ['get_weather', 'get_time'] })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather', 'get_time'] },
    });
    expect(config({ type: 'allowed_tools', mode: 'auto', names: ['get_time'] })).toEqual({
      functionCallingConfig: { mode: 'VALIDATED', allowedFunctionNames: ['get_time'] },
    });
    expect(
      encode({ tools, toolChoice: { type: 'none' } }).request.tools?.[0]?.functionDeclarations,
    ).toHaveLength(2);
  });
});

describe('Gemini generation settings', () => {
  it('maps sampling, limits, JSON output and the Chat extras Gemini knows; notes what it drops', () => {
    const { request: body, adjustments } = encode({
      maxOutputTokens: 64,
      options: {
        temperature: 0.2,
        topP: 0.9,
        user: 'u1',
        responseFormat: { type: 'json_object' },
        reasoningEffort: 'medium',
      },
      extra: { format: 'chat', fields: { stop: ['END'], seed: 7, n: 1, logprobs: true } },
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 64,
      responseMimeType: 'application/json',
      thinkingConfig: { thinkingLevel: 'high' },
      stopSequences: ['END'],
      seed: 7,
    });
    expect(adjustments).toEqual(['dropped parameters Gemini does not take: user, logprobs']);
  });
});

describe('Gemini history', () => {
  it('G-23: calls in one model content, results in call order in one user content, names recovered', () => {
    const blob = encodeGeminiState({ signature: 'SIG', geminiId: 'ga' }, model);
    const { request: body } = encode({
      items: [
        user,
        call('ga', 'Paris', blob),
        call('call_b', 'Rome'),
        output('call_b', '24C'),
        output('ga', '18C'),
      ],
    });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { id: 'ga', name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'SIG',
          },
          { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'ga', name: 'get_weather', response: { output: '18C' } } },
          { functionResponse: { name: 'get_weather', response: { output: '24C' } } },
        ],
      },
    ]);
  });

  it('G-24: two parallel calls to the same tool get two responses, never merged by name', () => {
    const { request: body } = encode({
      items: [user, call('a', 'Paris'), call('b', 'Paris'), output('a', 'x'), output('b', 'y')],
    });
    expect(body.contents[2]?.parts).toHaveLength(2);
  });

  it('G-25: a JSON-object result is sent as the object, anything else under "output"', () => {
    const { request: body } = encode({ items: [user, call('a', 'Paris'), output('a', '{"temp":20}')] });
    expect(body.contents[2]?.parts[0]?.functionResponse?.response).toEqual({ temp: 20 });
    const { request: text } = encode({ items: [user, call('a', 'Paris'), output('a', 'sunny')] });
    expect(text.contents[2]?.parts[0]?.functionResponse?.response).toEqual({ output: 'sunny' });
  });

  it('G-26: lost signatures → the placeholder on the first call of each current step only', () => {
    const { request: body, adjustments } = encode({
      items: [
        { type: 'message', role: 'user', content: 'old question' },
        call('o1', 'Oslo'),
        output('o1', 'cold'),
        { type: 'message', role: 'assistant', content: 'It is cold.' },
        user,
        call('a', 'Paris'),
        call('b', 'Rome'),
        output('a', '1'),
        output('b', '2'),
        call('c', 'Berlin'),
        output('c', '3'),
      ],
    });
    const signatures = body.contents
      .filter((content) => content.role === 'model')
      .map((content) => content.parts.map((part) => part.thoughtSignature ?? null));
    // The earlier turn (its call, then its text answer) is not validated by Gemini: no placeholder.
    expect(signatures).toEqual([
      [null],
      [null],
      ['skip_thought_signature_validator', null],
      ['skip_thought_signature_validator'],
    ]);
    expect(adjustments.join()).toContain('placeholder for 2 step(s)');
  });

  it('G-27: empty texts and empty system messages leave no empty parts, contents or systemInstruction', () => {
    const { request: body } = encode({
      items: [
        { type: 'message', role: 'system', content: '' },
        user,
        { type: 'message', role: 'assistant', content: '' },
        call('a', 'Paris'),
        output('a', 'x'),
      ],
    });
    expect(body.systemInstruction).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain('"text":""');
    expect(body.contents.every((content) => content.parts.length > 0)).toBe(true);
  });

  it('G-28: another provider’s blob or another family’s signature never reaches Gemini', () => {
    expect(readGeminiSignature('tb1.anthropic.claude-sonnet-5.eyJ0IjoxfQ', model)).toEqual({
      signature: undefined,
      reason: 'foreign',
    });
    const pro = encodeGeminiState({ signature: 'PRO' }, 'gemini-3-pro-preview');
    expect(readGeminiSignature(pro, model)).toEqual({ signature: undefined, reason: 'foreign' });
    expect(
      readGeminiSignature(encodeGeminiState({ signature: 'S' }, 'gemini-3-flash-preview'), model),
    ).toEqual({ signature: 'S' });
    expect(geminiModelFamily('models/gemini-2.5-flash-preview-09-2025')).toBe('gemini-2.5-flash');
  });

  it('a LiteLLM id suffix is stripped and its signature used', () => {
    expect(splitThoughtSuffix('call_1__thought__QUJD')).toEqual({ id: 'call_1', signature: 'QUJD' });
    const id = 'call_1__thought__QUJD';
    const { request: body } = encode({ items: [user, call(id, 'Paris'), output(id, 'x')] });
    expect(body.contents[1]?.parts[0]?.thoughtSignature).toBe('QUJD');
  });

  it('results that cannot be paired throw; identical repeats and late results are repaired', () => {
    expect(() => encode({ items: [user, output('nope', 'x')] })).toThrow(/answers no function call/);
    expect(() => encode({ items: [user, call('a', 'Paris')] })).toThrow(/has no tool result/);
    expect(() => encode({ items: [user, call('a', 'Paris'), output('a', 'x'), output('a', 'y')] })).toThrow(
      /2 different tool results/,
    );
    const { request: body, adjustments } = encode({
      items: [
        user,
        call('a', 'Paris'),
        { type: 'message', role: 'user', content: 'and?' },
        output('a', 'x'),
        output('a', 'x'),
      ],
    });
    expect(body.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(body.contents[2]?.parts.map((part) => Object.keys(part)[0])).toEqual(['functionResponse', 'text']);
    expect(adjustments.join('; ')).toMatch(/moved tool results.*dropped a repeated tool result/);
  });
});

describe('Gemini responses and errors', () => {
  it('G-32: two calls without ids and finishReason STOP → tool_calls, two distinct synthetic ids', () => {
    const response = geminiResponseToCanonical(
      {
        candidates: [
          {
            index: 0,
            finishReason: 'STOP',
            content: {
              role: 'model',
              parts: [
                { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'CpwB' },
                { functionCall: { name: '_2fa_check', args: {} } },
              ],
            },
          },
        ],
        responseId: 'abc',
      },
      { model },
    );
    expect(response.finishReason).toBe('tool_calls');
    const calls = response.output.filter((item) => item.type === 'function_call');
    expect(calls.map((item) => [item.name, item.arguments])).toEqual([
      ['get_weather', '{"city":"Paris"}'],
      ['2fa_check', '{}'],
    ]);
    expect(new Set(calls.map((item) => item.callId)).size).toBe(2);
  });

  it('G-33: usage — prompt 100 (60 cached), candidates 20, thoughts 30, total 150', () => {
    const response = geminiResponseToCanonical(
      {
        candidates: [{ content: { parts: [{ text: 'hi' }] }, finishReason: 'STOP' }],
        usageMetadata: {
          promptTokenCount: 100,
          cachedContentTokenCount: 60,
          candidatesTokenCount: 20,
          thoughtsTokenCount: 30,
          totalTokenCount: 150,
        },
      },
      { model },
    );
    expect(response.usage).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
      cachedTokens: 60,
      reasoningTokens: 30,
    });
  });

  it('G-34/G-35: a blocked prompt is content_filter; MALFORMED_FUNCTION_CALL throws, never an empty stop', () => {
    expect(geminiResponseToCanonical({ promptFeedback: { blockReason: 'SAFETY' } }, { model })).toMatchObject(
      {
        output: [],
        finishReason: 'content_filter',
      },
    );
    expect(() =>
      geminiResponseToCanonical(
        { candidates: [{ finishReason: 'MALFORMED_FUNCTION_CALL', content: { parts: [] } }] },
        { model },
      ),
    ).toThrow(expect.objectContaining({ code: 'malformed_function_call' }));
    expect(
      geminiResponseToCanonical(
        { candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'MAX_TOKENS' }] },
        { model },
      ),
    ).toMatchObject({ finishReason: 'length', output: [{ status: 'incomplete' }] });
  });

  it('G-57/G-58/G-59: API_KEY_INVALID, RetryInfo and the array form are read', () => {
    const key = readGeminiError(
      JSON.stringify({
        error: {
          code: 400,
          message: 'API key not valid.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
        },
      }),
    );
    expect(key).toMatchObject({ reason: 'API_KEY_INVALID', status: 'INVALID_ARGUMENT', code: 400 });
    const limited = readGeminiError(
      JSON.stringify([
        {
          error: {
            code: 429,
            message: 'Quota',
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' }],
          },
        },
      ]),
    );
    expect(limited).toMatchObject({ status: 'RESOURCE_EXHAUSTED', retryAfterMs: 41_000, message: 'Quota' });
    expect(readGeminiError('<html>bad gateway</html>')).toMatchObject({
      status: null,
      message: '<html>bad gateway</html>',
    });
  });
});
