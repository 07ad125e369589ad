import type { Cost } from '@toolbridge/client';
import type { Terminal } from '../output/terminal.js';
import type { TracePrinter } from './trace-printer.js';

function short(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A cost for people: two significant digits below a dollar ($0.00051), cents above ($1.23). `--json`
 * keeps the full precision.
 */
function usd(cost: Cost | null): string {
  if (cost === null) return 'cost n/a (model not in the price table)';
  const { total } = cost;
  if (total === 0) return 'cost $0';
  return `cost $${total >= 1 ? total.toFixed(2) : String(Number(total.toPrecision(2)))}`;
}

/**
 * The human printer: every line of a run carries its step number (one counter: the model requests
 * of the run), calls show before their results, and with `--verbose` each wire body follows the hop
 * it belongs to.
 */
export function humanTracePrinter(out: Terminal, verbose: boolean): TracePrinter {
  const arrow = (text: string): string => out.style('cyan', text);
  let step = 0;
  let streaming = false;
  const line = (text: string): void => {
    if (streaming) out.line();
    streaming = false;
    out.line(text);
  };
  const tag = (): string => out.style('dim', `step ${step}`);
  return {
    callbacks: () => ({
      onStepStart: ({ stepIndex }) => {
        step = stepIndex + 1;
        const what = stepIndex === 0 ? 'question and tool definitions' : 'tool results, paired by call id';
        line(`${tag()} ${arrow('→')} request: ${what}`);
      },
      onTextDelta: ({ delta }) => {
        if (!streaming) process.stdout.write(`${tag()} ${out.style('dim', '  streaming: ')}`);
        streaming = true;
        process.stdout.write(out.style('dim', delta));
      },
      onToolCalls: ({ calls }) => {
        for (const call of calls) {
          line(
            `${tag()} ${arrow('←')} model asks for ${out.style('bold', call.toolName)} ${call.argumentsText}  ${out.style('dim', `[${call.callId}]`)}`,
          );
        }
      },
      onToolEnd: (result) => {
        const verb = result.executed ? `ran ${result.toolName} locally` : `did not run ${result.toolName}`;
        line(
          `${tag()} ${arrow('⚙')} ${verb} → ${short(result.output)}  ${out.style('dim', `(${result.outcome}, ${result.durationMs.toFixed(1)} ms)`)}`,
        );
      },
      onStepEnd: (result) => {
        if (result.calls.length === 0)
          line(`${tag()} ${arrow('←')} answer: ${out.style('green', short(result.text, 400))}`);
      },
    }),
    begin: (scenario, tools) => {
      step = 0;
      line('');
      line(out.style('bold', `── ${scenario.title} ${'─'.repeat(Math.max(0, 48 - scenario.title.length))}`));
      line(`   user: ${scenario.question}`);
      line(`   tools: ${tools.map((tool) => `${tool.name}${tool.strict ? ' (strict)' : ''}`).join(', ')}`);
    },
    wire: ({ hop, label, body }) => {
      if (!verbose) return;
      // SSE bodies: one event per line, without the blank separator lines.
      const text = body
        .split('\n')
        .filter((part) => part.trim() !== '')
        .join('\n         ');
      line(
        out.style('dim', `${`step ${step}`}   ${hop} ${label}\n         ${text === '' ? '(empty)' : text}`),
      );
    },
    end: (_scenario, result) => {
      line(
        out.style(
          'dim',
          `   ${result.steps.length} steps · ${result.usage.inputTokens} input tokens (${result.usage.cachedTokens} cached) · ${result.usage.outputTokens} output tokens · ${usd(result.cost)} · stopped by ${result.stoppedBy}`,
        ),
      );
    },
    fail: (scenario, error) => {
      line(
        `${out.style('red', '✗')} ${scenario.title} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  };
}
