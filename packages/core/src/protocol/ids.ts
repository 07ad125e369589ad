import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256; the slight bias is irrelevant for identifiers.
  for (const byte of bytes) out += ALPHANUMERIC[byte % 62];
  return out;
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** Id generators with OpenAI's observed prefixes and lengths (spec §3.5, §4.3). */
export const ids = {
  /** `resp_` + 48 hex. */
  response: (): string => `resp_${hex(48)}`,
  /** `msg_` + 48 hex. */
  message: (): string => `msg_${hex(48)}`,
  /** `fc_` + 48 hex: a function_call item id (not its call_id). */
  functionCall: (): string => `fc_${hex(48)}`,
  /** `fco_` + 48 hex: a function_call_output item id assigned when a client sent none. */
  functionCallOutput: (): string => `fco_${hex(48)}`,
  /** `call_` + 24 alphanumerics (29 chars, under Chat's 40-char limit). */
  call: (): string => `call_${alphanumeric(24)}`,
  /** `chatcmpl-` + 29 alphanumerics. */
  chatCompletion: (): string => `chatcmpl-${alphanumeric(29)}`,
} as const;
