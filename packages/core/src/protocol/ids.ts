import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Random bytes from a pool refilled 4 KiB at a time: one `randomBytes` call per request was a visible
 * share of the gateway's per-request CPU, and ids need no more than a CSPRNG's bytes, not one call each.
 */
function take(length: number): Buffer {
  if (offset + length > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, length));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + length);
  offset += length;
  return bytes;
}

function alphanumeric(length: number): string {
  const bytes = take(length);
  let out = '';
  // 62 does not divide 256; the slight bias is irrelevant for identifiers.
  for (const byte of bytes) out += ALPHANUMERIC[byte % 62];
  return out;
}

function hex(length: number): string {
  return take(Math.ceil(length / 2))
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
  /** `req_` + 24 hex: a gateway request id (`x-request-id`). */
  request: (): string => `req_${hex(24)}`,
  /** `chatcmpl-` + 29 alphanumerics. */
  chatCompletion: (): string => `chatcmpl-${alphanumeric(29)}`,
} as const;
