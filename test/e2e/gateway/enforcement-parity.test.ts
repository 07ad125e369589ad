import type { ProviderCapabilities } from '@toolbridge/gateway';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// One call policy decides for JSON and streaming answers alike (pipeline/call-policy.ts): every case
// below runs four ways — Chat and Responses, each JSON and streamed — and all four must reach the same
// decision: the same calls (names and arguments), the same status or error code, and the same
// adjustment notes (header plus, for streams, the trailing `: x-toolbridge-adjusted:` comment). Under a
// required call nothing is streamed before the call shows, so even its failure is an HTTP error.

const timeParameters = {
  type: 'object',
  properties: { timezone: { type: 'string' } },
  required: ['timezone'],
  additionalProperties: false,
};

interface Case {
  name: string;
  prompt: string;
  toolChoice?: 'required' | 'none' | { name: string } | { allowed: string[]; mode: 'auto' | 'required' };
  parallelToolCalls?: boolean;
  strict?: boolean;
  capabilities?: Partial<ProviderCapabilities>;
  expected: {
    status: number;
    /** A stream commits to 200 with its first event: a failure decided later arrives in the stream. */
    streamStatus?: number;
    code?: string;
    calls?: string[];
    adjusted?: string[];
  };
}

/** What a client can observe of the gateway's decision. */
interface Decision {
  status: number;
  code: string | null;
  calls: string[];
  adjusted: string[];
}

const CASES: Case[] = [
  {
    name: 'required, the upstream answers with text once: the turn is asked again and a call comes back',
    prompt: 'Weather in Paris? #text-once',
    toolChoice: 'required',
    expected: {
      status: 200,
      calls: ['get_weather {"city":"Paris"}'],
      adjusted: ['re-asked the upstream: tool_choice required a call'],
    },
  },
  {
    name: 'required, the upstream never calls: an error before any byte',
    prompt: 'Weather in Paris? #text',
    toolChoice: 'required',
    expected: { status: 502, code: 'upstream_tool_choice_violation' },
  },
  {
    name: 'a named function without native tool_choice, ignored once: re-asked',
    prompt: 'Weather in Paris? #text-once',
    toolChoice: { name: 'get_weather' },
    capabilities: { nativeToolChoice: false },
    expected: {
      status: 200,
      calls: ['get_weather {"city":"Paris"}'],
      adjusted: [
        "tool_choice emulated: only 'get_weather' sent, call enforced",
        're-asked the upstream: tool_choice required a call',
      ],
    },
  },
  {
    name: 'none, ignored by the upstream: the call is dropped',
    prompt: 'Weather in Paris? #ignore-tool-choice',
    toolChoice: 'none',
    expected: {
      status: 200,
      calls: [],
      adjusted: [`dropped a call to 'get_weather' (tool_choice "none")`],
    },
  },
  {
    name: 'parallel_tool_calls false without a switch: the extra call is dropped',
    prompt: 'Weather in Paris and Oslo? #parallel',
    parallelToolCalls: false,
    capabilities: { parallelToolCallsSwitch: false },
    expected: {
      status: 200,
      calls: ['get_weather {"city":"Paris"}'],
      adjusted: [
        'parallel_tool_calls=false enforced by the gateway',
        `dropped an extra call to 'get_weather' (parallel_tool_calls=false)`,
      ],
    },
  },
  {
    name: 'a strict call with invalid arguments once: repaired',
    prompt: 'Weather in Paris? #invalid-once',
    strict: true,
    expected: {
      status: 200,
      calls: ['get_weather {"city":"Paris"}'],
      adjusted: [`repaired a call to 'get_weather'`],
    },
  },
  {
    name: 'a strict call that stays invalid: an error',
    prompt: 'Weather in Paris? #invalid-json',
    strict: true,
    expected: { status: 502, streamStatus: 200, code: 'upstream_invalid_tool_call' },
  },
  {
    name: 'allowed_tools without native support, required: only the allowed tool is sent and called',
    prompt: 'Weather in Paris?',
    toolChoice: { allowed: ['get_weather'], mode: 'required' },
    capabilities: { nativeAllowedTools: false },
    expected: {
      status: 200,
      calls: ['get_weather {"city":"Paris"}'],
      adjusted: ['allowed_tools emulated: sent 1 of 2 tools'],
    },
  },
  {
    name: 'a strict call cut off by the output limit: dropped, the finish reason stays',
    prompt: 'Weather in Paris? #length',
    strict: true,
    expected: {
      status: 200,
      calls: [],
      adjusted: [`dropped a call to 'get_weather' cut off by the upstream's output limit`],
    },
  },
];

function chatBody(testCase: Case, stream: boolean): Record<string, unknown> {
  const strict = testCase.strict === true;
  const tool = (name: string, description: string, parameters: object) => ({
    type: 'function',
    function: { name, description, parameters, ...(strict ? { strict: true } : {}) },
  });
  const choice = testCase.toolChoice;
  return {
    model: 'gpt-5.4',
    messages: [{ role: 'user', content: testCase.prompt }],
    tools: [
      tool('get_weather', 'Weather of a city.', cityParameters),
      tool('get_time', 'Clock time in a timezone.', timeParameters),
    ],
    ...(choice === undefined
      ? {}
      : typeof choice === 'string'
        ? { tool_choice: choice }
        : 'name' in choice
          ? { tool_choice: { type: 'function', function: { name: choice.name } } }
          : {
              tool_choice: {
                type: 'allowed_tools',
                allowed_tools: {
                  mode: choice.mode,
                  tools: choice.allowed.map((name) => ({ type: 'function', function: { name } })),
                },
              },
            }),
    ...(testCase.parallelToolCalls !== undefined ? { parallel_tool_calls: testCase.parallelToolCalls } : {}),
    ...(stream ? { stream: true } : {}),
  };
}

function responsesBody(testCase: Case, stream: boolean): Record<string, unknown> {
  const strict = testCase.strict === true;
  const tool = (name: string, description: string, parameters: object) => ({
    type: 'function',
    name,
    description,
    parameters,
    strict,
  });
  const choice = testCase.toolChoice;
  return {
    model: 'gpt-5.4',
    input: testCase.prompt,
    tools: [
      tool('get_weather', 'Weather of a city.', cityParameters),
      tool('get_time', 'Clock time in a timezone.', timeParameters),
    ],
    ...(choice === undefined
      ? {}
      : typeof choice === 'string'
        ? { tool_choice: choice }
        : 'name' in choice
          ? { tool_choice: { type: 'function', name: choice.name } }
          : {
              tool_choice: {
                type: 'allowed_tools',
                mode: choice.mode,
                tools: choice.allowed.map((name) => ({ type: 'function', name })),
              },
            }),
    ...(testCase.parallelToolCalls !== undefined ? { parallel_tool_calls: testCase.parallelToolCalls } : {}),
    ...(stream ? { stream: true } : {}),
  };
}

function adjustmentsOf(header: string | null, text = ''): string[] {
  const notes = header === null ? [] : header.split('; ');
  for (const match of text.matchAll(/^: x-toolbridge-adjusted: (.*)$/gm))
    notes.push(...(match[1] ?? '').split('; '));
  return [...new Set(notes)].sort();
}

/** SSE `data:` payloads, parsed ([DONE] left out). */
function dataPayloads(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

function chatStreamCalls(payloads: Array<Record<string, unknown>>): {
  calls: string[];
  error: string | null;
} {
  const byIndex = new Map<number, { name: string; arguments: string }>();
  let error: string | null = null;
  for (const payload of payloads) {
    if (payload['error'] !== undefined) error = String((payload['error'] as { code?: unknown }).code);
    const choices = (payload['choices'] ?? []) as Array<{
      delta?: { tool_calls?: Array<{ index: number; function?: { name?: string; arguments?: string } }> };
    }>;
    for (const delta of choices[0]?.delta?.tool_calls ?? []) {
      const call = byIndex.get(delta.index) ?? { name: '', arguments: '' };
      call.name += delta.function?.name ?? '';
      call.arguments += delta.function?.arguments ?? '';
      byIndex.set(delta.index, call);
    }
  }
  return { calls: [...byIndex.values()].map((call) => `${call.name} ${call.arguments}`), error };
}

function responsesCalls(output: Array<Record<string, unknown>>): string[] {
  return output
    .filter((item) => item['type'] === 'function_call')
    .map((item) => `${String(item['name'])} ${String(item['arguments'])}`);
}

async function decide(
  baseURL: string,
  api: 'chat' | 'responses',
  stream: boolean,
  testCase: Case,
): Promise<Decision> {
  const body = api === 'chat' ? chatBody(testCase, stream) : responsesBody(testCase, stream);
  const response = await fetch(`${baseURL}/${api === 'chat' ? 'chat/completions' : 'responses'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const adjusted = adjustmentsOf(response.headers.get('x-toolbridge-adjusted'), text);
  if (response.status !== 200) {
    const envelope = JSON.parse(text) as { error: { code: string | null } };
    return { status: response.status, code: envelope.error.code, calls: [], adjusted: [] };
  }
  if (!stream) {
    const json = JSON.parse(text) as Record<string, unknown>;
    const calls =
      api === 'chat'
        ? (
            ((
              json['choices'] as Array<{
                message: { tool_calls?: Array<{ function: { name: string; arguments: string } }> };
              }>
            )[0]?.message.tool_calls ?? []) as Array<{ function: { name: string; arguments: string } }>
          ).map((call) => `${call.function.name} ${call.function.arguments}`)
        : responsesCalls(json['output'] as Array<Record<string, unknown>>);
    return { status: 200, code: null, calls, adjusted };
  }
  const payloads = dataPayloads(text);
  if (api === 'chat') {
    const { calls, error } = chatStreamCalls(payloads);
    return { status: 200, code: error, calls, adjusted };
  }
  const terminal = payloads.find((payload) =>
    ['response.completed', 'response.incomplete', 'response.failed'].includes(String(payload['type'])),
  ) as { response: { output: Array<Record<string, unknown>> } } | undefined;
  const failure = payloads.find((payload) => payload['type'] === 'error') as { code?: string } | undefined;
  return {
    status: 200,
    code: failure?.code ?? null,
    calls: responsesCalls(terminal?.response.output ?? []),
    adjusted,
  };
}

describe.each(CASES)('$name', (testCase) => {
  describe.each(['chat', 'responses'] as const)('%s upstream', (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi, capabilities: testCase.capabilities ?? {} });

    it('decides the same for JSON and streamed answers, on both client endpoints', async () => {
      const decisions = {
        'chat json': await decide(harness.baseURL, 'chat', false, testCase),
        'chat stream': await decide(harness.baseURL, 'chat', true, testCase),
        'responses json': await decide(harness.baseURL, 'responses', false, testCase),
        'responses stream': await decide(harness.baseURL, 'responses', true, testCase),
      };
      const { expected } = testCase;
      const want: Decision = {
        status: expected.status,
        code: expected.code ?? null,
        calls: expected.calls ?? [],
        adjusted: [...(expected.adjusted ?? [])].sort(),
      };
      const streamed: Decision = { ...want, status: expected.streamStatus ?? expected.status };
      // A failed turn's notes are not part of the decision (an error body carries none).
      for (const decision of Object.values(decisions)) if (decision.code !== null) decision.adjusted = [];
      expect(decisions).toEqual({
        'chat json': want,
        'chat stream': streamed,
        'responses json': want,
        'responses stream': streamed,
      });
    });
  });
});
