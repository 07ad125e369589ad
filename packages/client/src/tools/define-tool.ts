import { coreDefaults, type JsonObject } from '@toolbridge/core';
import type { z } from 'zod';
import { clientDefaults } from '../defaults.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { createArgumentParser } from './create-argument-parser.js';
import type { ZodSchema } from './is-zod-schema.js';
import { resolveToolParameters } from './resolve-tool-parameters.js';
import type { NeedsApproval, Tool, ToolExecuteContext } from './tool.js';

/** What `defineTool` takes. `parameters` is a JSON Schema object or a zod v4 schema. */
export interface DefineToolOptions<Parameters, Args, Result> {
  /** `^[a-zA-Z0-9_-]+$`, at most 128 characters (docs/protocol/tools.md#names). */
  name: string;
  /** Tells the model when to call the tool. */
  description?: string;
  parameters: Parameters;
  /**
   * Normalize the schema to strict form (docs/protocol/strict-mode.md) and ask the server to enforce it;
   * refused if impossible.
   */
  strict?: boolean;
  /** Runs with parsed, validated arguments; must stop when `context.signal` fires. */
  execute: (args: Args, context: ToolExecuteContext) => Result | Promise<Result>;
  /** Overrides the run's tool timeout. */
  timeoutMs?: number;
  needsApproval?: NeedsApproval<Args>;
}

const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

function checkDefinition(options: { name: unknown; timeoutMs?: number | undefined }): void {
  const { name, timeoutMs } = options;
  const fail = (message: string): ToolbridgeClientError =>
    new ToolbridgeClientError({
      code: 'invalid_tool_definition',
      message,
      cause: undefined,
      ...(typeof name === 'string' ? { toolName: name } : {}),
    });
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw fail(`Tool name ${JSON.stringify(name)} must match ^[a-zA-Z0-9_-]+$ (letters, digits, _ and -).`);
  }
  if (name.length > coreDefaults.maxToolNameLength) {
    throw fail(
      `Tool name ${name} is ${name.length} characters long; at most ${coreDefaults.maxToolNameLength} are allowed.`,
    );
  }
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw fail(`Tool ${name}: timeoutMs must be a positive number of milliseconds (got ${timeoutMs}).`);
  }
}

async function decideApproval<Args>(
  needsApproval: NeedsApproval<Args> | undefined,
  args: Args,
  context: ToolExecuteContext,
): Promise<boolean | undefined> {
  if (typeof needsApproval === 'function') return Boolean(await needsApproval(args, context));
  return needsApproval;
}

/**
 * Defines a tool the loop can run. Zod schemas are converted with `z.toJSONSchema`; a strict tool's
 * schema is normalized by core and the definition is refused, listing every issue's JSON pointer and
 * reason, when that is impossible. `execute` only ever sees arguments that passed validation.
 */
export function defineTool<Schema extends ZodSchema, Result>(
  options: DefineToolOptions<Schema, z.core.output<Schema>, Result>,
): Tool<z.core.output<Schema>, Result>;
export function defineTool<Args = JsonObject, Result = unknown>(
  options: DefineToolOptions<JsonObject, Args, Result>,
): Tool<Args, Result>;
export function defineTool<Args, Result>(
  options: DefineToolOptions<JsonObject | ZodSchema, Args, Result>,
): Tool<Args, Result> {
  const {
    name,
    description,
    parameters,
    strict = clientDefaults.strictTools,
    execute,
    timeoutMs,
    needsApproval,
  } = options;
  checkDefinition({ name, timeoutMs });
  const resolved = resolveToolParameters({ toolName: name, parameters, strict });
  const parseArguments = createArgumentParser<Args>(resolved);
  return {
    name,
    description,
    parameters: resolved.schema,
    strict,
    timeoutMs,
    declaresApproval: needsApproval !== undefined && needsApproval !== false,
    parseArguments,
    needsApproval: (args, context) => decideApproval(needsApproval, args, context),
    execute: async (args, context) => execute(args, context),
  };
}
