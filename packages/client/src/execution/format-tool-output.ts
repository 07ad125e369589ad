import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';

/**
 * Turns what a tool returned into the text sent back to the model: strings pass through, everything
 * else is JSON (`undefined` becomes `null`). Values JSON cannot represent (BigInt, cycles) throw a
 * `tool_error`, which the caller records like any tool failure.
 */
export function formatToolOutput(value: unknown, context: { callId: string; toolName: string }): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value ?? null) ?? 'null';
  } catch (error) {
    throw new ToolbridgeClientError({
      code: 'tool_error',
      message: `Tool ${context.toolName} returned a value that cannot be serialised as JSON; return a string or plain data.`,
      cause: error,
      ...context,
    });
  }
}

/** The error text the model sees for a failed call: `{"error":{"code","message"}}`. */
export function formatToolError(error: ToolbridgeClientError): string {
  return JSON.stringify({ error: { code: error.code, message: error.message } });
}
