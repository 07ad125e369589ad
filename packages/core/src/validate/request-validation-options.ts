import { coreDefaults } from '../defaults.js';

/** Knobs of `validateChatRequest` / `validateResponsesRequest`; defaults come from `coreDefaults`. */
export interface RequestValidationOptions {
  /**
   * Longest accepted tool name (docs/protocol/tools.md#names: 64 documented, 128 accepted by OpenAI in 2026).
   */
  maxToolNameLength?: number;
  /** Most tools accepted in one request (docs/protocol/tools.md#how-many-tools). */
  maxTools?: number;
  /**
   * Let unknown top-level keys through instead of rejecting them as OpenAI does
   * (docs/protocol/errors.md#generic-validation-errors).
   */
  allowUnknownParameters?: boolean;
}

/** `RequestValidationOptions` with every default filled in. */
export type ResolvedRequestValidationOptions = Required<RequestValidationOptions>;

/** Fills the defaults of `RequestValidationOptions` in one place. */
export function resolveRequestValidationOptions({
  maxToolNameLength = coreDefaults.maxToolNameLength,
  maxTools = coreDefaults.maxTools,
  allowUnknownParameters = false,
}: RequestValidationOptions = {}): ResolvedRequestValidationOptions {
  return { maxToolNameLength, maxTools, allowUnknownParameters };
}
