import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { buildRunResult } from './build-run-result.js';
import { Conversation } from './conversation.js';
import { resolveRunConfig } from './resolve-run-config.js';
import type { RunConfig } from './run-config.js';
import type { RunResult, RunStep, StoppedBy } from './run-result.js';
import { runStep } from './run-step.js';
import type { RunToolsOptions } from './run-tools-options.js';

interface LoopState {
  config: RunConfig;
  conversation: Conversation;
  steps: RunStep[];
}

function stopReason(step: RunStep, config: RunConfig): StoppedBy | null {
  if (config.signal.aborted) return 'aborted';
  if (step.calls.length === 0) return 'answer';
  // Like openai-node's runTools: a forced function runs once, and its result is not sent back.
  if (config.forcedToolName !== null) return 'forced-tool';
  return null;
}

async function step(state: LoopState, kind: 'turn' | 'final-answer'): Promise<RunStep> {
  const { config, conversation, steps } = state;
  const toolChoice = kind === 'turn' ? config.toolChoice : { type: 'none' as const };
  const done = await runStep({ config, conversation, stepIndex: steps.length, kind, toolChoice });
  steps.push(done);
  config.events.throwIfFailed();
  return done;
}

async function loop(state: LoopState): Promise<StoppedBy> {
  const { config } = state;
  for (let turn = 0; turn < config.maxTurns; turn += 1) {
    const stop = stopReason(await step(state, 'turn'), config);
    if (stop !== null) return stop;
  }
  if (config.finalAnswerOnMaxTurns) {
    await step(state, 'final-answer');
    if (config.signal.aborted) return 'aborted';
  }
  return 'max-turns';
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (ToolbridgeClientError.isInstance(error) && error.code === 'aborted');
}

/**
 * Runs the function-calling loop: ask the model, run the calls it makes, send the results back, until
 * it answers, `maxTurns` is reached, a forced tool has run, or the signal fires. Every call gets
 * exactly one result, paired by call id, in call order. Misconfiguration and transport failures
 * reject with `ToolbridgeClientError`; everything the model got wrong goes back to the model.
 */
export async function runTools(options: RunToolsOptions): Promise<RunResult> {
  const config = resolveRunConfig(options);
  const conversation = new Conversation({
    items: config.initialItems,
    mode: config.state === 'replay' ? 'replay' : 'server',
  });
  const state: LoopState = { config, conversation, steps: [] };
  let stoppedBy: StoppedBy;
  try {
    stoppedBy = await loop(state);
  } catch (error) {
    if (!isAbort(error, config.signal)) throw error;
    stoppedBy = 'aborted';
  }
  if (stoppedBy === 'aborted' && config.throwOnAbort) {
    throw new ToolbridgeClientError({
      code: 'aborted',
      message: 'The run was aborted.',
      cause: config.signal.reason,
    });
  }
  return buildRunResult({ ...state, stoppedBy, model: options.model, prices: config.prices });
}
