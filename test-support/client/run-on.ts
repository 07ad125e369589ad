import type { CommonRunOptions, RunResult, StateMode } from '@toolbridge/client';
import { runTools } from '@toolbridge/client';
import type { Backend } from './backend.js';

/** One of the four ways a run can talk to the backend. */
export interface Setup {
  api: 'chat' | 'responses';
  stream: boolean;
}

/** Chat and Responses, each with and without streaming. */
export const SETUPS: readonly Setup[] = [
  { api: 'chat', stream: false },
  { api: 'chat', stream: true },
  { api: 'responses', stream: false },
  { api: 'responses', stream: true },
];

/** Options of a test run; connection, model and stream come from the setup unless overridden. */
export type TestRunOptions = Omit<CommonRunOptions, 'model'> & { model?: string; state?: StateMode };

/** Runs `prompt` through `runTools` on the setup's endpoint, against `backend`. */
export function runOn(
  setup: Setup,
  backend: Backend,
  prompt: string,
  options: TestRunOptions,
): Promise<RunResult> {
  const { state, ...rest } = options;
  const common = {
    baseURL: backend.baseURL,
    apiKey: 'test',
    model: 'gpt-5.4',
    stream: setup.stream,
    ...rest,
  };
  if (setup.api === 'chat') return runTools({ ...common, api: 'chat', messages: prompt });
  return runTools({ ...common, api: 'responses', input: prompt, ...(state === undefined ? {} : { state }) });
}

/** The bodies of the model requests the backend received (failed attempts included). */
export function sentBodies(backend: Backend): Array<Record<string, unknown>> {
  return backend.requests
    .filter((request) => request.method === 'POST')
    .map((request) => request.body as Record<string, unknown>);
}
