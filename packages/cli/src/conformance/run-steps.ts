import type { ApiAdapter } from './api-adapter.js';
import type { ConformanceCheck, ConformanceStep } from './corpus-schema.js';
import { evaluateCheck } from './evaluate-check.js';
import { renderTemplate, TemplateError } from './render-template.js';
import { type StepRequest, sendStep } from './send-step.js';
import type { StepResult } from './step-result.js';

/** One piece of evidence in the scorecard: which step, which property, expected and actual. */
export interface Evidence {
  step: string;
  check: string;
  expected: unknown;
  actual: unknown;
}

/** Where and how to send requests. */
export interface ConformanceTarget {
  baseUrl: string;
  apiKey: string | null;
  timeoutMs?: number;
}

/** Options of {@link runSteps}. */
export interface RunStepsOptions {
  steps: readonly ConformanceStep[];
  adapter: ApiAdapter;
  target: ConformanceTarget;
  /** Template variables (`model`). */
  variables: ReadonlyMap<string, unknown>;
  signal?: AbortSignal | undefined;
}

/** How a sequence of steps went: passed, failed with evidence, or the model did not call. */
export interface StepsOutcome {
  status: 'pass' | 'fail' | 'no-call';
  evidence: Evidence[];
}

function minimumCalls(expectCall: ConformanceStep['expectCall']): number {
  if (expectCall === undefined || expectCall === false) return 0;
  return expectCall === true ? 1 : expectCall.min;
}

function checkStep(
  step: ConformanceStep,
  result: StepResult,
  request: StepRequest,
  scope: { variables: ReadonlyMap<string, unknown>; steps: ReadonlyMap<string, unknown> },
): Evidence[] {
  const evidence: Evidence[] = [];
  if (result.transportError !== null) {
    const check = result.status === 0 ? 'an HTTP answer' : 'the answer read to its end';
    evidence.push({ step: step.name, check, expected: 'a complete answer', actual: result.transportError });
    if (result.status === 0) return evidence;
  }
  for (const raw of step.checks) {
    try {
      const check = renderTemplate(raw, scope) as ConformanceCheck;
      const failure = evaluateCheck(check, { root: result, requestBody: request.body });
      if (failure !== null) evidence.push({ step: step.name, ...failure });
    } catch (error) {
      evidence.push({
        step: step.name,
        check: 'a check',
        expected: 'a valid check',
        actual: (error as Error).message,
      });
    }
  }
  return evidence;
}

/**
 * Runs the steps of one case (or one feature probe) in order: renders each request from the
 * results so far, sends it, and evaluates its checks. Stops at the first step with failures. A
 * step that expects a call and got a 2xx without one ends as `no-call`: the model chose not to call,
 * which says nothing about the protocol (docs/conformance.md#outcomes).
 */
export async function runSteps(options: RunStepsOptions): Promise<StepsOutcome> {
  const steps = new Map<string, StepResult>();
  const scope = { variables: options.variables, steps };
  for (const step of options.steps) {
    let request: StepRequest;
    try {
      request = renderTemplate(step.request, scope) as StepRequest;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return {
        status: 'fail',
        evidence: [{ step: step.name, check: 'the request', expected: 'a value', actual: error.message }],
      };
    }
    const result = await sendStep({
      baseUrl: options.target.baseUrl,
      apiKey: options.target.apiKey,
      request,
      adapter: options.adapter,
      ...(options.target.timeoutMs !== undefined ? { timeoutMs: options.target.timeoutMs } : {}),
      signal: options.signal,
    });
    steps.set(step.name, result);
    const min = minimumCalls(step.expectCall);
    if (min > 0 && result.status >= 200 && result.status < 300 && result.calls.length < min) {
      const actual = `${result.calls.length} call(s)${result.outputText !== null ? `, text ${JSON.stringify(result.outputText.slice(0, 80))}` : ''}`;
      return {
        status: 'no-call',
        evidence: [
          {
            step: step.name,
            check: 'the model made the call the prompt asks for',
            expected: `at least ${min} call(s)`,
            actual,
          },
        ],
      };
    }
    const evidence = checkStep(step, result, request, scope);
    if (evidence.length > 0) return { status: 'fail', evidence };
  }
  return { status: 'pass', evidence: [] };
}
