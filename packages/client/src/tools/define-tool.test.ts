import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { weatherParameters } from '../../../../test-support/client/weather-tools.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { defineTool } from './define-tool.js';

const context = { signal: new AbortController().signal, callId: 'call_1', toolName: 't' };

function refusal(define: () => unknown): ToolbridgeClientError {
  try {
    define();
  } catch (error) {
    if (ToolbridgeClientError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('defineTool accepted the definition');
}

describe('defineTool with JSON Schema', () => {
  const tool = defineTool<{ city: string }, string>({
    name: 'get_weather',
    parameters: weatherParameters,
    strict: true,
    execute: ({ city }) => `sunny in ${city}`,
  });

  test('keeps an already strict schema as it is and parses valid arguments', async () => {
    expect(tool.parameters).toEqual(weatherParameters);
    const parsed = tool.parseArguments('{"city":"北京"}');
    expect(parsed).toEqual({ ok: true, value: { city: '北京' } });
    if (parsed.ok) expect(await tool.execute(parsed.value, context)).toBe('sunny in 北京');
  });

  test('refuses text that is not JSON and JSON that breaks the schema, with different kinds', () => {
    expect(tool.parseArguments('{"city":')).toMatchObject({ ok: false, kind: 'invalid_json' });
    const violation = tool.parseArguments('{"city":1,"extra":true}');
    expect(violation).toMatchObject({ ok: false, kind: 'schema_violation' });
  });

  test('reads an empty argument string as {}', () => {
    const noParameters = defineTool({
      name: 'ping',
      parameters: { type: 'object', properties: {} },
      execute: () => 'pong',
    });
    expect(noParameters.parseArguments('')).toEqual({ ok: true, value: {} });
  });

  test('normalizes a strict schema with an optional property to required + nullable', () => {
    const normalized = defineTool({
      name: 'forecast',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, date: { type: 'string' } },
        required: ['city'],
      },
      strict: true,
      execute: () => 'ok',
    });
    expect(normalized.parameters['required']).toEqual(['city', 'date']);
    expect(normalized.parameters['additionalProperties']).toBe(false);
    expect(normalized.parseArguments('{"city":"上海","date":null}').ok).toBe(true);
  });

  test('refuses a strict schema that cannot be made strict, listing pointer and reason of each issue', () => {
    const error = refusal(() =>
      defineTool({
        name: 'bad',
        parameters: {
          type: 'object',
          properties: {
            when: { type: 'string', format: 'no-such-format' },
            tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          },
        },
        strict: true,
        execute: () => 'never',
      }),
    );
    expect(error.code).toBe('invalid_tool_definition');
    expect(error.toolName).toBe('bad');
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.pointer).toMatch(/^\//);
      expect(error.message).toContain(issue.pointer);
      expect(error.message).toContain(issue.reason);
    }
  });

  test('accepts the same schema when not strict', () => {
    const loose = defineTool({
      name: 'loose',
      parameters: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true } } },
      execute: () => 'ok',
    });
    expect(loose.strict).toBe(false);
  });

  test.each([
    ['a name with spaces', 'get weather'],
    ['an empty name', ''],
    ['a name over 128 characters', 'x'.repeat(129)],
  ])('refuses %s', (_label, name) => {
    expect(refusal(() => defineTool({ name, parameters: weatherParameters, execute: () => 'x' })).code).toBe(
      'invalid_tool_definition',
    );
  });

  test('refuses parameters whose root is not an object', () => {
    const error = refusal(() =>
      defineTool({ name: 'n', parameters: { type: 'string' }, execute: () => 'x' }),
    );
    expect(error.message).toContain('type "object"');
  });

  test('refuses a timeout that is not positive', () => {
    expect(
      refusal(() =>
        defineTool({ name: 'n', parameters: weatherParameters, timeoutMs: 0, execute: () => 'x' }),
      ).code,
    ).toBe('invalid_tool_definition');
  });
});

describe('defineTool with zod', () => {
  const schema = z.object({
    city: z.string(),
    unit: z.enum(['celsius', 'fahrenheit']).optional(),
    days: z.number().int().min(1).max(7).default(1),
  });

  test('sends JSON Schema without the $schema marker and parses with zod (defaults applied)', () => {
    const tool = defineTool({ name: 'forecast', parameters: schema, execute: (args) => args.city });
    expect(tool.parameters['$schema']).toBeUndefined();
    expect(tool.parameters['type']).toBe('object');
    expect(tool.parseArguments('{"city":"北京"}')).toEqual({ ok: true, value: { city: '北京', days: 1 } });
  });

  test('a strict zod tool accepts the null a strict model sends for an optional property', () => {
    const tool = defineTool({
      name: 'forecast',
      parameters: schema,
      strict: true,
      execute: (args) => args.unit ?? 'none',
    });
    expect(tool.parameters['required']).toEqual(['city', 'unit', 'days']);
    const parsed = tool.parseArguments('{"city":"北京","unit":null,"days":3}');
    expect(parsed).toEqual({ ok: true, value: { city: '北京', days: 3 } });
  });

  test("zod's own checks run after the JSON Schema check", () => {
    const refined = z.object({ city: z.string().refine((city) => city !== 'Atlantis', 'no such city') });
    const tool = defineTool({ name: 'refined', parameters: refined, execute: () => 'x' });
    const parsed = tool.parseArguments('{"city":"Atlantis"}');
    expect(parsed).toMatchObject({ ok: false, kind: 'schema_violation' });
    if (!parsed.ok) expect(parsed.message).toContain('no such city');
  });

  test('refuses a zod schema with no JSON Schema form', () => {
    const error = refusal(() =>
      defineTool({ name: 'dates', parameters: z.object({ at: z.date() }), execute: () => 'x' }),
    );
    expect(error.code).toBe('invalid_tool_definition');
  });
});

describe('needsApproval', () => {
  test('a constant or a function decides per call; undefined leaves it to the run', async () => {
    const base = { parameters: weatherParameters, execute: () => 'x' };
    const always = defineTool({ ...base, name: 'a', needsApproval: true });
    const perCall = defineTool<{ city: string }>({
      ...base,
      name: 'b',
      needsApproval: ({ city }) => city === '北京',
    });
    const unsaid = defineTool({ ...base, name: 'c' });
    expect(always.declaresApproval).toBe(true);
    expect(await always.needsApproval({}, context)).toBe(true);
    expect(await perCall.needsApproval({ city: '北京' }, context)).toBe(true);
    expect(await perCall.needsApproval({ city: '上海' }, context)).toBe(false);
    expect(unsaid.declaresApproval).toBe(false);
    expect(await unsaid.needsApproval({}, context)).toBeUndefined();
  });
});
