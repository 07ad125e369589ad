import { itemsToResponsesInput, type ResponsesInputItem } from '@toolbridge/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createScriptedTransport,
  type ScriptedTurn,
} from '../../../../test-support/client/scripted-transport.js';
import type { ToolCallOutcome } from '../execution/tool-call.js';
import { defineTool } from '../tools/define-tool.js';
import type { RunResult } from './run-result.js';
import { runTools } from './run-tools.js';

const parameters = {
  type: 'object',
  properties: { x: { type: 'integer' } },
  required: ['x'],
  additionalProperties: false,
};

const ARGUMENTS = { valid: '{"x":1}', notJson: '{"x":', wrongType: '{"x":"a"}', empty: '' } as const;
type ArgumentsKind = keyof typeof ARGUMENTS;
const TOOL_NAMES = ['ok', 'boom', 'slow', 'guarded', 'open', 'nope', '__proto__'] as const;
type ToolName = (typeof TOOL_NAMES)[number];

interface Scenario {
  api: 'chat' | 'responses';
  turns: Array<{
    calls: Array<{ tool: ToolName; args: ArgumentsKind }>;
    ending: 'clean' | 'length' | 'truncated';
  }>;
  abort: { at: 'tool' | 'request'; n: number } | null;
  maxConcurrency: number;
  parallelToolCalls: boolean | undefined;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  api: fc.constantFrom('chat' as const, 'responses' as const),
  turns: fc.array(
    fc.record({
      calls: fc.array(
        fc.record({
          tool: fc.constantFrom(...TOOL_NAMES),
          args: fc.constantFrom(...(Object.keys(ARGUMENTS) as ArgumentsKind[])),
        }),
        { maxLength: 5 },
      ),
      ending: fc.constantFrom(
        'clean' as const,
        'clean' as const,
        'clean' as const,
        'length' as const,
        'truncated' as const,
      ),
    }),
    { maxLength: 4 },
  ),
  abort: fc.option(
    fc.record({ at: fc.constantFrom('tool' as const, 'request' as const), n: fc.nat({ max: 6 }) }),
    { nil: null },
  ),
  maxConcurrency: fc.integer({ min: 1, max: 4 }),
  parallelToolCalls: fc.constantFrom(true, false, undefined),
});

interface Harness {
  starts: Array<{ callId: string; args: unknown; afterAbort: boolean }>;
  peak: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function makeTools(harness: Harness, controller: AbortController, abort: Scenario['abort']) {
  let running = 0;
  const body =
    (behaviour: (signal: AbortSignal, x: number) => Promise<unknown>) =>
    async ({ x }: { x: number }, { signal, callId }: { signal: AbortSignal; callId: string }) => {
      harness.starts.push({ callId, args: { x }, afterAbort: controller.signal.aborted });
      if (abort?.at === 'tool' && harness.starts.length === abort.n + 1)
        controller.abort(new Error('scripted abort'));
      running += 1;
      harness.peak = Math.max(harness.peak, running);
      try {
        return await behaviour(signal, x);
      } finally {
        running -= 1;
      }
    };
  const ok = body(async (signal, x) => {
    await sleep(1, signal);
    return x * 2;
  });
  return [
    defineTool<{ x: number }>({ name: 'ok', parameters, execute: ok }),
    defineTool<{ x: number }>({ name: 'open', parameters, execute: ok, needsApproval: true }),
    defineTool<{ x: number }>({ name: 'guarded', parameters, execute: ok, needsApproval: true }),
    defineTool<{ x: number }>({
      name: 'boom',
      parameters,
      execute: body(async () => Promise.reject(new Error('boom'))),
    }),
    defineTool<{ x: number }>({
      name: 'slow',
      parameters,
      timeoutMs: 5,
      execute: body((signal) => sleep(60_000, signal)),
    }),
  ];
}

function toScript(turns: Scenario['turns']): ScriptedTurn[] {
  return turns.map((turn) => ({
    calls: turn.calls.map((call) => ({ name: call.tool, arguments: ARGUMENTS[call.args] })),
    ...(turn.ending === 'length' ? { finishReason: 'length' as const } : {}),
    ...(turn.ending === 'truncated' ? { truncated: true } : {}),
  }));
}

/** What a call must end as when nothing aborts the run. */
function expectedOutcome(call: Scenario['turns'][number]['calls'][number], ending: string): ToolCallOutcome {
  if (ending !== 'clean') return 'not-run';
  if (call.tool === 'nope' || call.tool === '__proto__') return 'unknown-tool';
  if (call.args !== 'valid') return 'invalid-arguments';
  const byTool: Record<string, ToolCallOutcome> = {
    ok: 'success',
    open: 'success',
    guarded: 'denied',
    boom: 'tool-error',
    slow: 'timeout',
  };
  return byTool[call.tool] ?? 'success';
}

/**
 * Every call has exactly one output, outputs follow the turn's calls in call order, nothing else
 * comes between a call and its output, and there is no output without a call.
 */
function expectPaired(items: readonly ResponsesInputItem[]): void {
  const open: string[] = [];
  const answered = new Set<string>();
  let answering = false;
  for (const item of items) {
    if (item.type === 'function_call') {
      expect(answering && open.length > 0, 'a new call came before the previous ones were answered').toBe(
        false,
      );
      open.push(item.call_id);
      answering = false;
    } else if (item.type === 'function_call_output') {
      expect(open[0], 'outputs follow their calls, in call order').toBe(item.call_id);
      expect(answered.has(item.call_id)).toBe(false);
      answered.add(item.call_id);
      open.shift();
      answering = true;
    } else {
      expect(open, 'nothing comes between calls and their outputs').toEqual([]);
    }
  }
  expect(open, 'every call has its output').toEqual([]);
}

function checkRun(input: Scenario, result: RunResult, harness: Harness, aborted: boolean): void {
  expect(result.stoppedBy === 'aborted').toBe(aborted);
  expectPaired(result.items);
  const limit = input.parallelToolCalls === false ? 1 : input.maxConcurrency;
  expect(harness.peak).toBeLessThanOrEqual(limit);
  expect(harness.starts.filter((start) => start.afterAbort)).toEqual([]);
  const started = new Set(harness.starts.map((start) => start.callId));
  for (const step of result.steps.filter((each) => each.kind === 'turn')) {
    const scripted = input.turns[step.index];
    expect(step.results.map((each) => each.callId)).toEqual(step.calls.map((call) => call.callId));
    step.results.forEach((callResult, index) => {
      const call = scripted?.calls[index];
      const expected = call === undefined ? 'success' : expectedOutcome(call, scripted?.ending ?? 'clean');
      expect(aborted ? [expected, 'aborted'] : [expected]).toContain(callResult.outcome);
      expect(callResult.executed).toBe(started.has(callResult.callId));
      if (callResult.outcome === 'aborted') {
        const output = result.items.find(
          (item) => item.type === 'function_call_output' && item.call_id === callResult.callId,
        );
        expect(output).toMatchObject({ status: 'incomplete' });
      }
    });
  }
}

describe('the pairing invariant (ADR 0008 rule 1)', () => {
  test('every call gets exactly one result, same id, call order; nothing runs with invalid arguments or after abort', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const controller = new AbortController();
        const harness: Harness = { starts: [], peak: 0 };
        const transport = createScriptedTransport({
          api: input.api,
          turns: toScript(input.turns),
          onRequest: (index) => {
            if (input.abort?.at === 'request' && input.abort.n === index)
              controller.abort(new Error('scripted abort'));
          },
        });
        const common = {
          transport,
          model: 'gpt-5.4-mini',
          tools: makeTools(harness, controller, input.abort),
          maxConcurrency: input.maxConcurrency,
          ...(input.parallelToolCalls === undefined ? {} : { parallelToolCalls: input.parallelToolCalls }),
          signal: controller.signal,
          approve: ({ toolName }: { toolName: string }) =>
            toolName === 'guarded'
              ? { approved: false as const, reason: 'not today' }
              : { approved: true as const },
        };
        const result =
          input.api === 'chat'
            ? await runTools({ ...common, api: 'chat', messages: 'go' })
            : await runTools({ ...common, api: 'responses', input: 'go' });
        checkRun(input, result, harness, controller.signal.aborted);
        // Every request the loop sent was itself well paired (what a server checks:
        // docs/protocol/chat-completions.md#pairing-rules, docs/protocol/responses.md#pairing-rules).
        for (const request of transport.requests) expectPaired(itemsToResponsesInput(request.items, []));
      }),
      { numRuns: 150 },
    );
  });
});
