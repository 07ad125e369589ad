import type { JsonObject } from '../items/canonical.js';

/**
 * Response-object fields an upstream that speaks Responses reports about its own run, which the gateway
 * passes on instead of rebuilding them from the client's request (docs/open-responses.md#response-object):
 * when it finished, the sampling it actually used, its reasoning and text settings. Everything else in
 * the Response is the gateway's own (id, status, output, usage, the echoed tools and chain fields).
 */
export const upstreamResponseFieldNames: readonly string[] = [
  'completed_at',
  'temperature',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'top_logprobs',
  'reasoning',
  'text',
  'truncation',
  'max_output_tokens',
  'max_tool_calls',
  'service_tier',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
];

/** The pass-through fields an upstream's Response object carries; `undefined` when it has none. */
export function pickUpstreamResponseFields(response: JsonObject): JsonObject | undefined {
  let picked: JsonObject | undefined;
  for (const name of upstreamResponseFieldNames) {
    if (!Object.hasOwn(response, name) || response[name] === undefined) continue;
    picked ??= {};
    picked[name] = response[name];
  }
  return picked;
}
