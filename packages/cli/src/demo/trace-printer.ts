import type { RunCallbacks, RunResult, RunStep, ToolCallResult, ToolStartEvent } from '@toolbridge/client';
import type { Terminal } from '../output/terminal.js';
import type { DemoScenario } from './demo-scenarios.js';

/** Prints the loop as it happens: human-readable lines, or JSON lines with `--json`. */
export interface TracePrinter {
  callbacks(scenario: DemoScenario): RunCallbacks;
  begin(scenario: DemoScenario, tools: readonly { name: string; strict: boolean }[]): void;
  end(scenario: DemoScenario, result: RunResult): void;
  fail(scenario: DemoScenario, error: unknown): void;
}

function short(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function usd(value: number): string {
  return `$${value.toFixed(6)}`;
}

/** The JSON-lines printer: one object per event, for machines. */
function jsonPrinter(out: Terminal, verbose: boolean): TracePrinter {
  const emit = (scenario: DemoScenario, event: string, fields: Record<string, unknown>): void =>
    out.line(JSON.stringify({ scenario: scenario.title, api: scenario.api, event, ...fields }));
  return {
    callbacks: (scenario) => ({
      onStepStart: ({ stepIndex }) => emit(scenario, 'step-start', { step: stepIndex }),
      onToolEnd: (result) =>
        emit(scenario, 'tool-result', {
          callId: result.callId,
          tool: result.toolName,
          outcome: result.outcome,
          output: result.output,
        }),
      onStepEnd: (step) =>
        emit(scenario, 'step-end', {
          step: step.index,
          calls: step.calls.map((call) => ({
            callId: call.callId,
            tool: call.toolName,
            arguments: call.argumentsText,
          })),
          text: step.text,
          finishReason: step.finishReason,
          usage: step.usage,
          ...(verbose ? { request: step.request, response: step.response } : {}),
        }),
    }),
    begin: (scenario, tools) =>
      emit(scenario, 'begin', { question: scenario.question, stream: scenario.stream, tools }),
    end: (scenario, result) =>
      emit(scenario, 'end', {
        answer: result.text,
        stoppedBy: result.stoppedBy,
        usage: result.usage,
        cost: result.cost,
      }),
    fail: (scenario, error) =>
      emit(scenario, 'error', { message: error instanceof Error ? error.message : String(error) }),
  };
}

/** The human printer: the guide's four steps, with call ids, results and costs. */
function humanPrinter(out: Terminal, verbose: boolean): TracePrinter {
  const arrow = (text: string): string => out.style('cyan', text);
  let streaming = false;
  const stepEnd = (step: RunStep): void => {
    if (streaming) out.line();
    streaming = false;
    if (verbose) {
      out.line(out.style('dim', `   request  ${JSON.stringify(step.request)}`));
      out.line(out.style('dim', `   response ${JSON.stringify(step.response)}`));
    }
    const started = new Set(step.results.filter((result) => result.executed).map((result) => result.callId));
    for (const call of step.calls) {
      // Calls that never ran (invalid arguments, unknown tool) had no start event: show them here.
      if (!started.has(call.callId)) {
        out.line(
          `${arrow('←')} 2. model asks for ${out.style('bold', call.toolName)} ${call.argumentsText}  ${out.style('dim', `[${call.callId}]`)}`,
        );
      }
    }
    if (step.calls.length === 0)
      out.line(`${arrow('←')} 4. answer: ${out.style('green', short(step.text, 400))}`);
  };
  const toolEnd = (result: ToolCallResult): void => {
    const verb = result.executed ? `ran ${result.toolName} locally` : `did not run ${result.toolName}`;
    out.line(
      `${arrow('⚙')} 3. ${verb} → ${short(result.output)}  ${out.style('dim', `(${result.outcome}, ${result.durationMs.toFixed(1)} ms)`)}`,
    );
  };
  const toolStart = (event: ToolStartEvent): void => {
    if (streaming) out.line();
    streaming = false;
    out.line(
      `${arrow('←')} 2. model asks for ${out.style('bold', event.toolName)} ${JSON.stringify(event.args)}  ${out.style('dim', `[${event.callId}]`)}`,
    );
  };
  return {
    callbacks: () => ({
      onStepStart: ({ stepIndex }) => {
        const what = stepIndex === 0 ? 'question and tool definitions' : 'tool results, paired by call id';
        out.line(`${arrow('→')} request ${stepIndex + 1}: ${what}`);
      },
      onTextDelta: ({ delta }) => {
        if (!streaming) process.stdout.write(`${out.style('dim', '   streaming: ')}`);
        streaming = true;
        process.stdout.write(out.style('dim', delta));
      },
      onToolStart: toolStart,
      onToolEnd: toolEnd,
      onStepEnd: stepEnd,
    }),
    begin: (scenario, tools) => {
      out.line();
      out.line(
        out.style('bold', `── ${scenario.title} ${'─'.repeat(Math.max(0, 48 - scenario.title.length))}`),
      );
      out.line(`   user: ${scenario.question}`);
      out.line(
        `${arrow('→')} 1. tools sent: ${tools.map((tool) => `${tool.name}${tool.strict ? ' (strict)' : ''}`).join(', ')}`,
      );
    },
    end: (_scenario, result) => {
      const cost = result.cost
        ? ` · cost ${usd(result.cost.total)}`
        : ' · cost n/a (model not in the price table)';
      out.line(
        out.style(
          'dim',
          `   ${result.steps.length} requests · ${result.usage.inputTokens} input tokens (${result.usage.cachedTokens} cached) · ${result.usage.outputTokens} output tokens${cost} · stopped by ${result.stoppedBy}`,
        ),
      );
    },
    fail: (scenario, error) => {
      out.line(
        `${out.style('red', '✗')} ${scenario.title} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  };
}

/** Picks the printer for the flags. */
export function createTracePrinter(
  out: Terminal,
  options: { json: boolean; verbose: boolean },
): TracePrinter {
  return options.json ? jsonPrinter(out, options.verbose) : humanPrinter(out, options.verbose);
}
