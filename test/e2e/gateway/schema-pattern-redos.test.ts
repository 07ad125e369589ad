import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// A strict tool's `pattern` comes from the client and runs on the model's arguments inside the gateway.
// It must never block the event loop (docs/protocol/strict-mode.md#patterns).
const evilParameters = {
  type: 'object',
  properties: {
    s: { type: 'string', pattern: '^(a+)+$' },
    t: { type: 'string', pattern: '^(\\w+\\s?)*$' },
  },
  required: ['s', 't'],
  additionalProperties: false,
};

describe('client-supplied schema patterns', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });

  it('/health stays fast while strict calls are checked against catastrophic patterns', async () => {
    // The scripted upstream fills both strings with the question: 28 `a`s and a `!`, which takes a
    // backtracking engine seconds per check (and the gateway checks every repair attempt too).
    const calls = Array.from({ length: 2 }, () =>
      harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `${'a'.repeat(28)}!` }],
          tools: [
            { type: 'function', function: { name: 'check', parameters: evilParameters, strict: true } },
          ],
          tool_choice: 'required',
        })
        .then(
          () => 'answered',
          () => 'failed',
        ),
    );
    let done = false;
    const finished = Promise.all(calls).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await fetch(`${harness.gateway.url}/health`);
      expect(health.status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await finished).toEqual(['failed', 'failed']);
    expect(latencies.length).toBeGreaterThan(0);
    // Generous: a blocked event loop takes seconds; this only proves it never was.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it('refuses a strict pattern with lookahead with a 400 naming the tool and the pattern, before any upstream call', async () => {
    harness.mark();
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [
          { type: 'function', function: { name: 'plain', parameters: { type: 'object', properties: {} } } },
          {
            type: 'function',
            function: {
              name: 'lookahead',
              strict: true,
              parameters: {
                type: 'object',
                properties: { code: { type: 'string', pattern: '^(?!x)\\w+$' } },
                required: ['code'],
                additionalProperties: false,
              },
            },
          },
        ],
      }),
      {
        status: 400,
        message: /function 'lookahead'.*\^\(\?!x\)\\\\w\+\$.*\/properties\/code\/pattern.*lookahead/,
        type: 'invalid_request_error',
        param: 'tools[1].function.parameters',
        code: 'invalid_function_parameters',
      },
    );
    expect(harness.requestsSinceMark()).toHaveLength(0);
  });

  it('checks are kept per tool set: a set that differs in one pattern is refused, on every request', async () => {
    // The gateway keeps tools checks per exact tool set across requests (docs/adr/0011-tool-set-cache.md).
    const toolsWith = (pattern: string) => [
      {
        type: 'function' as const,
        function: { name: 'plain', parameters: { type: 'object', properties: {} } },
      },
      {
        type: 'function' as const,
        function: {
          name: 'lookup',
          strict: true,
          parameters: {
            type: 'object',
            properties: { code: { type: 'string', pattern } },
            required: ['code'],
            additionalProperties: false,
          },
        },
      },
    ];
    const ask = (pattern: string, turn: number) =>
      harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: `turn ${turn}` }],
        tools: toolsWith(pattern),
      });
    for (const turn of [1, 2]) expect((await ask('^\\w+$', turn)).choices[0]?.message).toBeDefined();
    for (const turn of [3, 4]) {
      await expectOpenAIError(ask('^(?!x)\\w+$', turn), {
        status: 400,
        message: /function 'lookup'/,
        type: 'invalid_request_error',
        param: 'tools[1].function.parameters',
        code: 'invalid_function_parameters',
      });
    }
    expect((await ask('^\\w+$', 5)).choices[0]?.message).toBeDefined();
  });

  it('on Responses, a tool strict only by default keeps working as non-strict', async () => {
    const response = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Code for Paris?',
      tools: [
        {
          type: 'function',
          name: 'lookup',
          strict: null,
          parameters: {
            type: 'object',
            properties: { code: { type: 'string', pattern: '^(?=.)\\w+$' } },
            required: ['code'],
            additionalProperties: false,
          },
        },
      ],
    });
    expect(response.status).toBe('completed');
    expect(response.tools[0]).toMatchObject({ name: 'lookup', strict: false });
  });
});
