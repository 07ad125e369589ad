import type { z } from 'zod';
import { configFileSchema } from './config-file-schema.js';

const providerShape = configFileSchema.shape.providers.valueType.shape;

/** A top-level config-file key, or `provider.<key>` for a key of one provider. */
export type ConfigValueKey =
  | Exclude<keyof typeof configFileSchema.shape, 'providers'>
  | `provider.${keyof typeof providerShape}`;

/** The outcome of {@link checkConfigValue}: the parsed value, or what is wrong with it. */
export type ConfigValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

function schemaOf(key: ConfigValueKey): z.ZodType {
  if (key.startsWith('provider.')) {
    return providerShape[key.slice('provider.'.length) as keyof typeof providerShape];
  }
  return configFileSchema.shape[key as Exclude<ConfigValueKey, `provider.${string}`>];
}

/** The messages of a failed parse, as the config file reports them after its `path:`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return [...new Set(issues.map((issue) => issue.message))].join('; ');
}

/**
 * Checks one value against the config file's schema for `key`, so a command-line flag or an
 * environment variable is held to the same rule, with the same message, as the config key it
 * stands for (docs/configuration.md).
 */
export function checkConfigValue(key: ConfigValueKey, value: unknown): ConfigValueCheck {
  const result = schemaOf(key).safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, message: describeIssues(result.error.issues) };
}
