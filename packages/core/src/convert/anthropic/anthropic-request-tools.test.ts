import { describe, expect, it } from 'vitest';
import { body, encode, fromChat, time, twoCalls, weather } from './anthropic-request.case.js';

// Conformance cases of docs/protocol/anthropic.md §12 for tools and tool_choice (§2, §3).
describe('tools (§2)', () => {
  it('A-1: a strict tool keeps $defs/$ref, is flat and carries strict: true', () => {
    const parameters = {
      type: 'object',
      $defs: { city: { type: 'string' } },
      properties: { city: { $ref: '#/$defs/city' } },
      required: ['city'],
      additionalProperties: false,
    };
    const tool = { type: 'function' as const, function: { name: 'get_weather', parameters, strict: true } };
    const sent = body(fromChat({ tools: [tool] }));
    expect(sent.tools).toEqual([{ name: 'get_weather', input_schema: parameters, strict: true }]);
    expect(JSON.stringify(sent)).not.toContain('"function"');
  });

  it('A-2: unsupported strict keywords move into the description, objects are closed', () => {
    const parameters = {
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1 },
        name: { type: 'string', maxLength: 32, description: 'Who.' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 3 },
        nested: { type: 'object', properties: { on: { type: 'boolean' } } },
      },
      required: ['count', 'name', 'tags', 'nested'],
    };
    const tool = { type: 'function' as const, function: { name: 'f', parameters, strict: true } };
    const schema = body(fromChat({ tools: [tool] })).tools?.[0]?.input_schema as {
      additionalProperties: unknown;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['properties']['count']).toEqual({ type: 'integer', description: '{minimum: 1}' });
    expect(schema['properties']['name']).toEqual({ type: 'string', description: 'Who.\n\n{maxLength: 32}' });
    expect(schema['properties']['tags']).toEqual({
      type: 'array',
      items: { type: 'string' },
      description: '{minItems: 3}',
    });
    expect(schema['properties']['nested']?.['additionalProperties']).toBe(false);
  });

  it('A-3: a tool without parameters gets an empty object schema, never properties: null', () => {
    const tool = { type: 'function' as const, function: { name: 'ping' } };
    expect(body(fromChat({ tools: [tool] })).tools).toEqual([
      { name: 'ping', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(body(fromChat({ tools: [time] })).tools?.[0]?.input_schema).toEqual({
      type: 'object',
      properties: {},
    });
  });
});

describe('tool_choice and parallel calls (§3)', () => {
  it('A-10: required + parallel_tool_calls false → any with disable_parallel_tool_use', () => {
    const sent = body(fromChat({ tools: [weather], tool_choice: 'required', parallel_tool_calls: false }));
    expect(sent.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('A-11: parallel_tool_calls false alone → auto with the switch; true → no key', () => {
    expect(body(fromChat({ tools: [weather], parallel_tool_calls: false })).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(body(fromChat({ tools: [weather], parallel_tool_calls: true })).tool_choice).toBeUndefined();
  });

  it('A-12: tool_choice none with tool history still sends the tools', () => {
    const sent = body(fromChat({ messages: twoCalls, tools: [weather], tool_choice: 'none' }));
    expect(sent.tool_choice).toEqual({ type: 'none' });
    expect(sent.tools?.map((tool) => tool.name)).toEqual(['get_weather']);
  });

  it('A-12b: tool history without any tools declares the named tools with tool_choice none', () => {
    const { request, adjustments } = encode(fromChat({ messages: twoCalls }));
    expect(request.tools).toEqual([
      { name: 'get_weather', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(request.tool_choice).toEqual({ type: 'none' });
    expect(adjustments.join('\n')).toContain('declared get_weather');
  });

  it('A-13: allowed_tools is emulated by sending only those tools (auto → auto, required → any)', () => {
    const allowed = (mode: 'auto' | 'required') =>
      body(
        fromChat({
          tools: [weather, time],
          tool_choice: {
            type: 'allowed_tools',
            allowed_tools: { mode, tools: [{ type: 'function', function: { name: 'get_time' } }] },
          },
        }),
      );
    expect(allowed('auto').tools?.map((tool) => tool.name)).toEqual(['get_time']);
    expect(allowed('auto').tool_choice).toEqual({ type: 'auto' });
    expect(allowed('required').tool_choice).toEqual({ type: 'any' });
  });

  it('a named function → tool', () => {
    const sent = body(
      fromChat({ tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } }),
    );
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
  });

  it('A-14: thinking + a forced tool drops thinking and says so', () => {
    const { request, adjustments } = encode(
      fromChat({ tools: [weather], tool_choice: 'required', reasoning_effort: 'low' }),
    );
    expect(request.thinking).toBeUndefined();
    expect(adjustments.join('\n')).toMatch(/thinking not sent: tool_choice forces a call/);
  });
});
