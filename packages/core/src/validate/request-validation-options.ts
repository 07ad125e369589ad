import { coreDefaults } from '../defaults.js';

/** Knobs of `validateChatRequest` / `validateResponsesRequest`; defaults come from `coreDefaults`. */
export interface RequestValidationOptions {
  /** Longest accepted tool name (spec §1.3: 64 documented, 128 accepted by OpenAI in 2026). */
  maxToolNameLength?: number;
  /** Most tools accepted in one request (spec §1.4). */
  maxTools?: number;
  /** Let unknown top-level keys through instead of rejecting them as OpenAI does (spec §6.2). */
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
