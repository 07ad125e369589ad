import { safeParseJson } from '@toolbridge/core';
import type { Terminal } from '../output/terminal.js';
import type { DemoScenario } from './demo-scenarios.js';
import type { TracePrinter } from './trace-printer.js';

/**
 * The JSON-lines printer: one object per event, for machines, with full-precision costs. Per step:
 * `step-start`, the wire bodies (`--verbose`), `tool-call` for every call the model made, then one
 * `tool-result` per call, then `step-end`.
 */
export function jsonTracePrinter(out: Terminal, verbose: boolean): TracePrinter {
  let scenario: DemoScenario | undefined;
  let step = 0;
  const emit = (current: DemoScenario, event: string, fields: Record<string, unknown>): void =>
    out.line(JSON.stringify({ scenario: current.title, api: current.api, event, ...fields }));
  return {
    callbacks: (current) => ({
      onStepStart: ({ stepIndex }) => {
        step = stepIndex + 1;
        emit(current, 'step-start', { step });
      },
      onToolCalls: ({ calls }) => {
        for (const call of calls)
          emit(current, 'tool-call', {
            step,
            callId: call.callId,
            tool: call.toolName,
            arguments: call.argumentsText,
          });
      },
      onToolEnd: (result) =>
        emit(current, 'tool-result', {
          step,
          callId: result.callId,
          tool: result.toolName,
          outcome: result.outcome,
          output: result.output,
        }),
      onStepEnd: (result) =>
        emit(current, 'step-end', {
          step: result.index + 1,
          calls: result.calls.map((call) => ({
            callId: call.callId,
            tool: call.toolName,
            arguments: call.argumentsText,
          })),
          text: result.text,
          finishReason: result.finishReason,
          usage: result.usage,
          cost: result.cost,
          ...(verbose ? { request: result.request, response: result.response } : {}),
        }),
    }),
    begin: (current, tools) => {
      scenario = current;
      step = 0;
      emit(current, 'begin', { question: current.question, stream: current.stream, tools });
    },
    wire: ({ hop, label, body }) => {
      if (scenario === undefined) return;
      const parsed = safeParseJson(body);
      emit(scenario, 'wire', { step, hop, label, body: parsed.success ? parsed.value : body });
    },
    end: (current, result) =>
      emit(current, 'end', {
        answer: result.text,
        stoppedBy: result.stoppedBy,
        steps: result.steps.length,
        usage: result.usage,
        cost: result.cost,
      }),
    fail: (current, error) =>
      emit(current, 'error', { step, message: error instanceof Error ? error.message : String(error) }),
  };
}
