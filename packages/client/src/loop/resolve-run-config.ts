import {
  type CanonicalItem,
  type CanonicalTool,
  chatMessagesToItems,
  defaultPrices,
  responsesInputToItems,
} from '@toolbridge/core';
import { clientDefaults } from '../defaults.js';
import type { Tool } from '../tools/tool.js';
import { createTransport } from '../transport/create-transport.js';
import type { Transport } from '../transport/transport.js';
import { buildToolRegistry } from './build-tool-registry.js';
import { EventSink } from './event-sink.js';
import { invalidOptions } from './invalid-options.js';
import { resolveToolChoice } from './resolve-tool-choice.js';
import type { RunConfig } from './run-config.js';
import type { RunToolsOptions } from './run-tools-options.js';

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw invalidOptions(`${name} must be a whole number of at least 1 (got ${value}).`);
  return value;
}

function milliseconds(name: string, value: number, { allowZero }: { allowZero: boolean }): number {
  if (Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw invalidOptions(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of milliseconds (got ${value}).`,
    );
  }
  return value;
}

function initialItems(options: RunToolsOptions): CanonicalItem[] {
  if (options.api === 'responses') return responsesInputToItems(options.input);
  const { messages } = options;
  return chatMessagesToItems(typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages);
}

function resolveState(options: RunToolsOptions, transport: Transport): RunConfig['state'] {
  if (options.api !== 'responses' || !transport.keepsState) return 'replay';
  const state = options.state ?? clientDefaults.state;
  if (options.store !== false) return state;
  // A response that is not stored cannot be continued
  // (docs/protocol/responses.md#previous_response_id, point 5).
  if (state === 'server')
    throw invalidOptions("state 'server' needs stored responses; remove store: false or use state 'replay'.");
  return 'replay';
}

function checkApprovalSetup(tools: ReadonlyMap<string, Tool>, options: RunToolsOptions): void {
  if (options.approve !== undefined) return;
  const needing = [...tools.values()].filter((tool) => tool.declaresApproval).map((tool) => tool.name);
  if (needing.length > 0)
    throw invalidOptions(
      `Tools ${needing.join(', ')} declare needsApproval; pass an approve hook to runTools.`,
    );
}

function resolveTransport(options: RunToolsOptions): Transport {
  if (options.transport === undefined) return createTransport(options);
  if (options.transport.api !== options.api) {
    throw invalidOptions(
      `The transport speaks '${options.transport.api}' but the run is for api '${options.api}'.`,
    );
  }
  return options.transport;
}

function toCanonicalTool(tool: Tool): CanonicalTool {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.parameters,
    strict: tool.strict,
  };
}

/** Validates `runTools` options and applies every default (`clientDefaults`); throws `invalid_options`. */
export function resolveRunConfig(options: RunToolsOptions): RunConfig {
  const registry = buildToolRegistry(options.tools, options.allowedTools);
  const choice = resolveToolChoice({
    toolChoice: options.toolChoice,
    allowedTools: options.allowedTools,
    tools: registry.all,
  });
  checkApprovalSetup(registry.executable, options);
  const transport = resolveTransport(options);
  const maxConcurrency = positiveInteger(
    'maxConcurrency',
    options.maxConcurrency ?? clientDefaults.maxConcurrency,
  );
  const sequential = options.parallelToolCalls === false || choice.forcedToolName !== null;
  return {
    transport,
    tools: registry.executable,
    baseRequest: {
      model: options.model,
      instructions: options.instructions ?? null,
      tools: [...registry.all.values()].map(toCanonicalTool),
      parallelToolCalls: options.parallelToolCalls ?? null,
      store: options.store ?? null,
      stream: options.stream ?? clientDefaults.stream,
    },
    toolChoice: choice.toolChoice,
    forcedToolName: choice.forcedToolName,
    initialItems: initialItems(options),
    state: resolveState(options, transport),
    maxTurns: positiveInteger('maxTurns', options.maxTurns ?? clientDefaults.maxTurns),
    concurrency: sequential ? 1 : maxConcurrency,
    toolTimeoutMs: milliseconds('toolTimeoutMs', options.toolTimeoutMs ?? clientDefaults.toolTimeoutMs, {
      allowZero: false,
    }),
    toolSettleGraceMs: milliseconds(
      'toolSettleGraceMs',
      options.toolSettleGraceMs ?? clientDefaults.toolSettleGraceMs,
      {
        allowZero: true,
      },
    ),
    finalAnswerOnMaxTurns: options.finalAnswerOnMaxTurns ?? clientDefaults.finalAnswerOnMaxTurns,
    throwOnAbort: options.throwOnAbort ?? clientDefaults.throwOnAbort,
    invalidArgumentsInHistory: options.invalidArgumentsInHistory ?? clientDefaults.invalidArgumentsInHistory,
    prices: { ...defaultPrices, ...options.prices },
    approve: options.approve,
    signal: options.signal ?? new AbortController().signal,
    events: new EventSink(options),
  };
}
