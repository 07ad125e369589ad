import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';

/** The error for `runTools` options that cannot work; `message` says what to change. */
export function invalidOptions(message: string, cause?: unknown): ToolbridgeClientError {
  return new ToolbridgeClientError({ code: 'invalid_options', message, cause });
}
