import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from './render-template.js';

// Templates of docs/conformance.md#templates: steps refer to earlier steps' results.
const scope = {
  variables: new Map<string, unknown>([
    ['model', 'gpt-x'],
    ['tool', { name: 'get_weather' }],
  ]),
  steps: new Map<string, unknown>([
    [
      'step1',
      { status: 200, body: { id: 'resp_1', output: [{ call_id: 'call_A' }] }, calls: [{ id: 'call_A' }] },
    ],
  ]),
};

describe('renderTemplate', () => {
  it('reads variables, step bodies by path and step results by pointer', () => {
    expect(
      renderTemplate(
        {
          model: '{{model}}',
          tools: ['{{tool}}'],
          previous: '{{step1.id}}',
          call: '{{step1.output[0].call_id}}',
          viaPointer: '{{step1:/calls/0/id}}',
          text: 'id {{step1.id}} status {{step1:/status}}',
        },
        scope,
      ),
    ).toEqual({
      model: 'gpt-x',
      tools: [{ name: 'get_weather' }],
      previous: 'resp_1',
      call: 'call_A',
      viaPointer: 'call_A',
      text: 'id resp_1 status 200',
    });
  });

  it('expands $repeat with {{index}}, $concat and $json', () => {
    expect(renderTemplate({ $repeat: 3, value: { name: 't{{index}}' } }, scope)).toEqual([
      { name: 't0' },
      { name: 't1' },
      { name: 't2' },
    ]);
    expect(renderTemplate({ $concat: [[1], '{{step1.output}}', [2]] }, scope)).toEqual([
      1,
      { call_id: 'call_A' },
      2,
    ]);
    expect(renderTemplate({ $json: { id: '{{step1.id}}' } }, scope)).toBe('{"id":"resp_1"}');
  });

  it('keeps a __proto__ key an ordinary key', () => {
    const rendered = renderTemplate(JSON.parse('{"__proto__":{"x":"{{model}}"}}'), scope) as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(rendered, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('names what it cannot resolve', () => {
    expect(() => renderTemplate('{{step2.id}}', scope)).toThrow(TemplateError);
    expect(() => renderTemplate('{{step2.id}}', scope)).toThrow(
      "no step named 'step2' has run yet (known: step1)",
    );
    expect(() => renderTemplate('{{step1.output[3].call_id}}', scope)).toThrow(
      "step 'step1' has nothing at /body/output/3/call_id",
    );
    expect(() => renderTemplate('{{nope}}', scope)).toThrow('{{nope}}: unknown variable.');
    expect(() => renderTemplate({ $repeat: 1e9, value: 1 }, scope)).toThrow('"$repeat" takes a whole number');
  });
});
