import { type ChatCompletion, isJsonObject, type ResponseObject, safeParseJson } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';

function invalid(provider: string, detail: string): GatewayError {
  return new GatewayError({
    code: 'upstream_invalid_response',
    message: `Upstream '${provider}' returned a response the gateway cannot read: ${detail}.`,
  });
}

function isToolCallList(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) &&
      value.every(
        (call) =>
          isJsonObject(call) &&
          typeof call['id'] === 'string' &&
          isJsonObject(call['function']) &&
          typeof call['function']['name'] === 'string' &&
          typeof call['function']['arguments'] === 'string',
      ))
  );
}

/** Parses and shape-checks an upstream Chat completion body (model data is hostile). */
export function parseChatCompletionBody(provider: string, text: string): ChatCompletion {
  const parsed = safeParseJson(text);
  if (!parsed.success) throw invalid(provider, `the body is not JSON (${parsed.error.message})`);
  const value = parsed.value;
  if (!isJsonObject(value) || !Array.isArray(value['choices'])) throw invalid(provider, 'no "choices" array');
  const choice = value['choices'][0];
  if (!isJsonObject(choice) || !isJsonObject(choice['message']))
    throw invalid(provider, 'choices[0].message is missing');
  const message = choice['message'];
  if (!isToolCallList(message['tool_calls']))
    throw invalid(provider, 'choices[0].message.tool_calls is malformed');
  if (
    message['content'] !== undefined &&
    message['content'] !== null &&
    typeof message['content'] !== 'string'
  ) {
    throw invalid(provider, 'choices[0].message.content is not a string');
  }
  if (message['tool_calls'] === null) delete message['tool_calls'];
  value['id'] = typeof value['id'] === 'string' ? value['id'] : '';
  value['created'] = typeof value['created'] === 'number' ? value['created'] : Math.floor(Date.now() / 1000);
  value['model'] = typeof value['model'] === 'string' ? value['model'] : '';
  return value as unknown as ChatCompletion;
}

/** Parses and shape-checks an upstream Response object body. */
export function parseResponseObjectBody(provider: string, text: string): ResponseObject {
  const parsed = safeParseJson(text);
  if (!parsed.success) throw invalid(provider, `the body is not JSON (${parsed.error.message})`);
  const value = parsed.value;
  if (!isJsonObject(value) || !Array.isArray(value['output'])) throw invalid(provider, 'no "output" array');
  for (const item of value['output']) {
    if (!isJsonObject(item)) throw invalid(provider, 'an output item is not an object');
    if (
      item['type'] === 'function_call' &&
      (typeof item['call_id'] !== 'string' || typeof item['name'] !== 'string')
    ) {
      throw invalid(provider, 'a function_call item lacks call_id or name');
    }
  }
  if (value['status'] === 'failed') {
    const error = isJsonObject(value['error']) ? value['error'] : {};
    throw new GatewayError({
      code: 'upstream_error',
      message: `Upstream '${provider}' failed: ${String(error['message'] ?? 'response status failed')}`,
    });
  }
  return value as unknown as ResponseObject;
}
