import { type RunResult, runTools } from '@toolbridge/client';
import OpenAI from 'openai';
import { CliError } from '../cli-error.js';
import { createTracePrinter } from '../demo/create-trace-printer.js';
import { type DemoScenario, demoScenarios } from '../demo/demo-scenarios.js';
import { type DemoBackendOptions, startDemoBackend } from '../demo/start-demo-backend.js';
import { tappedFetch } from '../demo/tapped-fetch.js';
import type { TracePrinter } from '../demo/trace-printer.js';
import { weatherTool } from '../demo/weather-tool.js';
import type { WireBody } from '../demo/wire-hop.js';
import type { CommandSpec } from '../options/option-spec.js';
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
  client: OpenAI,
  model: string,
  printer: TracePrinter,
): Promise<RunResult> {
  const common = {
    client,
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
export async function runDemo(options: DemoOptions): Promise<number> {
  if (options.upstream !== undefined && options.model === undefined) {
    throw new CliError('--upstream needs --model (the model to run the demo with).', { exitCode: 2 });
  }
  const apis = apisOf(options.api);
  const model = options.model ?? (options.upstreamApi === 'gemini' ? 'gemini-3-flash' : 'gpt-5.4');
  const printer = createTracePrinter(options.out, options);
  const onWire = options.verbose ? (wire: WireBody) => printer.wire(wire) : undefined;
  const backend = await options.err.spin('starting the gateway…', () =>
    startDemoBackend({ ...options, ...(onWire !== undefined ? { onWire } : {}) }),
  );
  // With --verbose the client's own hops are reported too (client→gateway, gateway→client).
  const client = new OpenAI({
    baseURL: backend.baseURL,
    apiKey: 'demo',
    maxRetries: 0,
    ...(onWire !== undefined ? { fetch: tappedFetch(onWire) } : {}),
  });
  if (!options.json) options.out.line(options.out.style('dim', `${backend.description}; model ${model}`));
  let failures = 0;
  try {
    for (const scenario of apis.flatMap(demoScenarios)) {
      printer.begin(scenario, [{ name: weatherTool.name, strict: true }]);
      try {
        const result = await runScenario(scenario, client, model, printer);
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

/** The text value of an option, if given. */
function text(values: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

/** `toolbridge demo`: the weather loop end to end, offline by default. */
export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: "Run the guide's weather example end to end, offline, on both endpoints",
  positionals: [],
  options: [
    {
      name: 'api',
      type: 'string',
      placeholder: 'API',
      choices: ['chat', 'responses', 'both'],
      description: 'Which endpoint(s) to run: chat | responses | both (default)',
    },
    { name: 'json', type: 'boolean', description: 'Print the trace as JSON lines (full-precision costs)' },
    { name: 'verbose', type: 'boolean', description: 'Show every wire body after the hop it belongs to' },
    {
      name: 'model',
      type: 'string',
      placeholder: 'MODEL',
      description: 'Model to ask (default gpt-5.4; gemini-3-flash for --upstream-api gemini)',
    },
    {
      name: 'upstream',
      type: 'string',
      placeholder: 'URL',
      config: 'provider.baseUrl',
      description: 'Run against a real upstream instead of the scripted one (needs --model)',
    },
    {
      name: 'upstream-api',
      type: 'string',
      placeholder: 'API',
      config: 'provider.api',
      description:
        'The format the upstream speaks: chat | responses | anthropic | gemini (without --upstream: the scripted one)',
    },
    {
      name: 'upstream-key-env',
      type: 'string',
      placeholder: 'VAR',
      config: 'provider.apiKeyEnv',
      description: 'Environment variable with its key (default OPENAI_API_KEY when set)',
    },
    {
      name: 'upstream-kind',
      type: 'string',
      placeholder: 'KIND',
      config: 'provider.kind',
      description: 'Capability preset of that upstream',
    },
  ],
  examples: [
    'npx toolbridge demo                      # offline: scripted upstream, no API key',
    'npx toolbridge demo --json               # the same trace as JSON lines',
    'npx toolbridge demo --upstream-api anthropic   # offline, over the scripted Anthropic Messages upstream',
    'npx toolbridge demo --upstream-api gemini      # offline, over the scripted Gemini upstream',
    'OPENAI_API_KEY=sk-… npx toolbridge demo --upstream https://api.openai.com/v1 --upstream-api chat --model gpt-5.4-mini',
  ],
  run: ({ values, out, err }) => {
    const optional = {
      upstream: text(values, 'upstream'),
      upstreamApi: text(values, 'upstreamApi'),
      upstreamKeyEnv: text(values, 'upstreamKeyEnv'),
      upstreamKind: text(values, 'upstreamKind'),
      model: text(values, 'model'),
      api: text(values, 'api'),
    };
    const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
    return runDemo({
      ...given,
      json: values['json'] === true,
      verbose: values['verbose'] === true,
      out,
      err,
    });
  },
};
