/**
 * Random stream scenarios for the property tests (a `.case.ts` file, left out of the build): a
 * canonical response (optional text, 0–4 calls with arbitrary JSON arguments, random usage) plus the
 * random fragmentation of its text and arguments, and what each wire format must rebuild from it.
 */
import fc from 'fast-check';
import { canonicalUsageToChat, canonicalUsageToResponses } from '../convert/usage.js';
import type { CanonicalUsage } from '../items/canonical.js';
import type { ChatCompletion } from '../protocol/chat/types.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';

/** One call of a scenario: its identity and its arguments as streamed fragments. */
export interface ScenarioCall {
  callId: string;
  name: string;
  fragments: string[];
}

/** A random model turn: optional text, calls, usage, and whether the Chat client asked for usage. */
export interface StreamScenario {
  textFragments: string[] | null;
  calls: ScenarioCall[];
  usage: CanonicalUsage | null;
  includeUsage: boolean;
}

/** Splits a string at code-point boundaries into non-empty fragments. */
function split(text: string, cuts: number[]): string[] {
  const points = Array.from(text);
  const at = [...new Set(cuts.map((cut) => cut % points.length))]
    .filter((cut) => cut > 0)
    .sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of [...at, points.length]) {
    out.push(points.slice(from, cut).join(''));
    from = cut;
  }
  return out;
}

const fragmented = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(fc.nat(), { maxLength: 6 })).map(([value, cuts]) => split(value, cuts));

const usageArbitrary: fc.Arbitrary<CanonicalUsage> = fc
  .record({
    inputTokens: fc.nat(1_000_000),
    outputTokens: fc.nat(1_000_000),
    cachedTokens: fc.nat(1_000_000),
    reasoningTokens: fc.nat(1_000_000),
    cacheWriteTokens: fc.option(fc.nat(1_000), { nil: undefined }),
  })
  .map(({ cacheWriteTokens, ...usage }) => ({
    ...usage,
    totalTokens: usage.inputTokens + usage.outputTokens,
    ...(cacheWriteTokens === undefined ? {} : { cacheWriteTokens }),
  }));

/** A random scenario; call ids are unique, names OpenAI-valid, arguments any JSON value. */
export const streamScenario: fc.Arbitrary<StreamScenario> = fc.record({
  textFragments: fc.option(fragmented(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })), {
    nil: null,
  }),
  calls: fc
    .array(
      fc.record({
        name: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,20}$/),
        suffix: fc.stringMatching(/^[A-Za-z0-9]{1,24}$/),
        fragments: fragmented(fc.json({ maxDepth: 4 })),
      }),
      { maxLength: 4 },
    )
    .map((calls) =>
      calls.map(({ name, suffix, fragments }, index) => ({
        callId: `call_${index}_${suffix}`,
        name,
        fragments,
      })),
    ),
  usage: fc.option(usageArbitrary, { nil: null }),
  includeUsage: fc.boolean(),
});

/** The canonical events of a scenario, in decoder order. */
export function scenarioEvents(scenario: StreamScenario): CanonicalStreamEvent[] {
  const events: CanonicalStreamEvent[] = [
    { type: 'response-start', id: 'resp_up', model: 'm-up', createdAt: 42 },
  ];
  if (scenario.textFragments !== null) {
    events.push({ type: 'text-start' });
    for (const delta of scenario.textFragments) events.push({ type: 'text-delta', delta });
    events.push({ type: 'text-end' });
  }
  for (const call of scenario.calls) {
    events.push({ type: 'tool-call-start', callId: call.callId, name: call.name });
    for (const delta of call.fragments) events.push({ type: 'tool-call-delta', delta });
    events.push({ type: 'tool-call-end', arguments: call.fragments.join('') });
  }
  events.push({
    type: 'finish',
    finishReason: scenario.calls.length > 0 ? 'tool_calls' : 'stop',
    usage: scenario.usage,
  });
  return events;
}

/**
 * The completion a Chat client must rebuild; `usage` only when the client asked for it and the upstream
 * reported it (absent usage stays absent, docs/open-responses.md#nothing-lost).
 */
export function expectedChatCompletion(
  scenario: StreamScenario,
  header: { id: string; created: number; model: string },
  usage: CanonicalUsage | null = scenario.usage,
): ChatCompletion {
  const toolCalls = scenario.calls.map((call) => ({
    id: call.callId,
    type: 'function' as const,
    function: { name: call.name, arguments: call.fragments.join('') },
  }));
  return {
    ...header,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: scenario.textFragments?.join('') ?? null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: scenario.calls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    ...(scenario.includeUsage && usage !== null ? { usage: canonicalUsageToChat(usage) } : {}),
  };
}

/** The Responses output a client must rebuild, item ids left out (they are generated). */
export function expectedResponseOutput(scenario: StreamScenario): Record<string, unknown>[] {
  const output: Record<string, unknown>[] = [];
  if (scenario.textFragments !== null) {
    const part = {
      type: 'output_text',
      annotations: [],
      logprobs: [],
      text: scenario.textFragments.join(''),
    };
    output.push({ type: 'message', status: 'completed', content: [part], role: 'assistant' });
  }
  for (const call of scenario.calls) {
    const args = call.fragments.join('');
    output.push({
      type: 'function_call',
      status: 'completed',
      arguments: args,
      call_id: call.callId,
      name: call.name,
    });
  }
  return output;
}

/** Responses usage for a scenario's canonical usage. */
export function expectedResponsesUsage(
  usage: CanonicalUsage | null,
): ReturnType<typeof canonicalUsageToResponses> | null {
  return usage === null ? null : canonicalUsageToResponses(usage);
}

/** Chat chunks of a scenario whose calls arrive interleaved in the order `schedule` picks. */
export function interleavedChatChunks(scenario: StreamScenario, schedule: number[]): object[] {
  const base = { id: 'chatcmpl-x', object: 'chat.completion.chunk', created: 7, model: 'm' };
  const chunk = (delta: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: null })];
  for (const delta of scenario.textFragments ?? []) chunks.push(chunk({ content: delta }));
  const queues = scenario.calls.map((call, index) => [
    { index, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } },
    ...call.fragments.map((fragment) => ({ index, function: { arguments: fragment } })),
  ]);
  // Calls open in index order (what interleaving servers do); their fragments then interleave freely.
  let opened = 0;
  let step = 0;
  for (
    let active = queues.filter((queue) => queue.length > 0);
    active.length > 0;
    active = active.filter((queue) => queue.length > 0)
  ) {
    const picked = active[(schedule[step++ % Math.max(schedule.length, 1)] ?? 0) % active.length];
    const pickedIndex = picked === undefined ? opened : queues.indexOf(picked);
    const queue = pickedIndex >= opened ? queues[opened++] : picked;
    const next = queue?.shift();
    if (next !== undefined) chunks.push(chunk({ tool_calls: [next] }));
  }
  chunks.push(chunk({}, scenario.calls.length > 0 ? 'tool_calls' : 'stop'));
  return chunks;
}
