import { type RunResult, runTools } from '@toolbridge/client';
import { CliError } from '../cli-error.js';
import { type DemoScenario, demoScenarios } from '../demo/demo-scenarios.js';
import { type DemoBackendOptions, startDemoBackend } from '../demo/start-demo-backend.js';
import { createTracePrinter, type TracePrinter } from '../demo/trace-printer.js';
import { weatherTool } from '../demo/weather-tool.js';
import type { Terminal } from '../output/terminal.js';

export interface DemoOptions extends DemoBackendOptions {
  model?: string;
  api?: string;
  json: boolean;
  verbose: boolean;
  out: Terminal;
  err: Terminal;
}

async function runScenario(
  scenario: DemoScenario,
  baseURL: string,
  model: string,
  printer: TracePrinter,
): Promise<RunResult> {
  const common = {
    baseURL,
    apiKey: 'demo',
    model,
    tools: [weatherTool],
    stream: scenario.stream,
    maxTurns: 4,
    ...printer.callbacks(scenario),
  };
  return scenario.api === 'chat'
    ? runTools({ ...common, api: 'chat', messages: scenario.question })
    : runTools({ ...common, api: 'responses', input: scenario.question });
}

function apisOf(api: string | undefined): Array<'chat' | 'responses'> {
  if (api === undefined || api === 'both') return ['chat', 'responses'];
  if (api === 'chat' || api === 'responses') return [api];
  throw new CliError(`--api must be chat, responses or both (got '${api}').`, { exitCode: 2 });
}

/**
 * `toolbridge demo`: the guide's weather loop (docs/protocol/guide.md) end to end — through the gateway, with
 * the official SDK underneath `runTools` — on both endpoints, plain, streaming and with two parallel calls.
 */
export async function demoCommand(options: DemoOptions): Promise<number> {
  if (options.upstream !== undefined && options.model === undefined) {
    throw new CliError('--upstream needs --model (the model to run the demo with).', { exitCode: 2 });
  }
  const apis = apisOf(options.api);
  const model = options.model ?? (options.upstreamApi === 'gemini' ? 'gemini-3-flash' : 'gpt-5.4');
  const backend = await options.err.spin('starting the gateway…', () => startDemoBackend(options));
  const printer = createTracePrinter(options.out, options);
  if (!options.json) options.out.line(options.out.style('dim', `${backend.description}; model ${model}`));
  let failures = 0;
  try {
    for (const scenario of apis.flatMap(demoScenarios)) {
      printer.begin(scenario, [{ name: weatherTool.name, strict: true }]);
      try {
        const result = await runScenario(scenario, backend.baseURL, model, printer);
        printer.end(scenario, result);
        if (result.stoppedBy !== 'answer') failures += 1;
      } catch (error) {
        printer.fail(scenario, error);
        failures += 1;
      }
    }
  } finally {
    await backend.close();
  }
  if (!options.json) {
    options.out.line();
    options.out.line(
      failures === 0
        ? options.out.style('green', 'demo finished: every run answered.')
        : options.out.style('red', `demo finished with ${failures} failed run(s).`),
    );
  }
  return failures === 0 ? 0 : 1;
}
