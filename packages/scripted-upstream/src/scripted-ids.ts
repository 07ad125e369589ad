import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(length: number): string {
  let out = '';
  // 62 does not divide 256; the small bias does not matter for test identifiers.
  for (const byte of randomBytes(length)) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/**
 * Identifier generators with OpenAI's observed prefixes and lengths (docs/protocol/chat-completions.md#ids,
 * docs/protocol/responses.md#response-object). Written here rather than shared with core so the double stays
 * independent of the code it tests.
 */
export const scriptedIds = {
  /** `chatcmpl-` + 29 alphanumerics. */
  chatCompletion: (): string => `chatcmpl-${alphanumeric(29)}`,
  /** `call_` + 24 alphanumerics. */
  call: (): string => `call_${alphanumeric(24)}`,
  /** `resp_` + 48 hex. */
  response: (): string => `resp_${hex(48)}`,
  /** `msg_` + 48 hex. */
  message: (): string => `msg_${hex(48)}`,
  /** `fc_` + 48 hex (a function_call item id, not its call_id). */
  functionCall: (): string => `fc_${hex(48)}`,
  /** `fp_` + 10 hex. */
  systemFingerprint: (): string => `fp_${hex(10)}`,
  /** `toolu_01` + 22 alphanumerics: an Anthropic `tool_use` id. */
  toolUse: (): string => `toolu_01${alphanumeric(22)}`,
  /** `msg_01` + 22 alphanumerics: an Anthropic message id. */
  anthropicMessage: (): string => `msg_01${alphanumeric(22)}`,
  /** `req_` + 32 hex, sent as `x-request-id`. */
  request: (): string => `req_${hex(32)}`,
} as const;
