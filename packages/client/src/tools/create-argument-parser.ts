import { compileArgumentValidator } from '@toolbridge/core';
import { z } from 'zod';
import type { ToolParameters } from './resolve-tool-parameters.js';
import { stripOptionalNulls } from './strip-optional-nulls.js';
import type { ParseArgumentsResult } from './tool.js';

function zodMessage(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function parseWithZod<Args>(
  schema: NonNullable<ToolParameters['zod']>,
  value: unknown,
  original: unknown,
): ParseArgumentsResult<Args> {
  const first = z.safeParse(schema, value);
  if (first.success) return { ok: true, value: first.data as Args };
  // A strict model sends null for a property that was optional before normalization.
  const second = z.safeParse(schema, stripOptionalNulls(value, original));
  if (second.success) return { ok: true, value: second.data as Args };
  return { ok: false, kind: 'schema_violation', message: zodMessage(first.error) };
}

/**
 * Builds a tool's argument parser: core's compiled JSON Schema validator first (the schema the model
 * saw), then, for zod tools, zod's own parse (refinements, transforms, defaults). An empty argument
 * string counts as `{}`, which some servers send for tools without parameters. Never throws.
 */
export function createArgumentParser<Args>(
  parameters: ToolParameters,
): (argumentsText: string) => ParseArgumentsResult<Args> {
  const validator = compileArgumentValidator(parameters.schema);
  return (argumentsText) => {
    const result = validator.validate(argumentsText.trim() === '' ? '{}' : argumentsText);
    if (!result.ok) return { ok: false, kind: result.kind, message: result.message };
    if (parameters.zod === undefined) return { ok: true, value: result.value as Args };
    return parseWithZod<Args>(parameters.zod, result.value, parameters.original);
  };
}
