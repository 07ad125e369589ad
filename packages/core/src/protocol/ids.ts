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

const SEQUENCE_LIMIT = 0x1000000;
let sequence = take(3).readUIntBE(0, 3);

/**
 * 48 hex characters that sort in creation order within a process: 8 of Unix seconds (OpenAI's own
 * `resp_` ids start the same way), 6 of a wrapping counter, 34 random. Stored ids are B-tree keys
 * (the store's primary key and item index): ascending keys append to the same few pages, where
 * random ones dirty one page each per save, which every commit then writes in full (bench S3).
 */
function ordered(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  sequence = (sequence + 1) % SEQUENCE_LIMIT;
  return `${seconds}${sequence.toString(16).padStart(6, '0')}${hex(34)}`;
}

/**
 * Id generators with OpenAI's observed prefixes and lengths (docs/protocol/chat-completions.md#ids,
 * docs/protocol/responses.md#response-object).
 */
export const ids = {
  /** `resp_` + 48 hex, in creation order (see `ordered`). */
  response: (): string => `resp_${ordered()}`,
  /** `msg_` + 48 hex, in creation order. */
  message: (): string => `msg_${ordered()}`,
  /** `fc_` + 48 hex, in creation order: a function_call item id (not its call_id). */
  functionCall: (): string => `fc_${ordered()}`,
  /** `rs_` + 48 hex, in creation order: a reasoning item id. */
  reasoning: (): string => `rs_${ordered()}`,
  /** `fco_` + 48 hex, in creation order: a function_call_output item id assigned when a client sent none. */
  functionCallOutput: (): string => `fco_${ordered()}`,
  /** `call_` + 24 alphanumerics (29 chars, under Chat's 40-char limit). */
  call: (): string => `call_${alphanumeric(24)}`,
  /** `req_` + 24 hex: a gateway request id (`x-request-id`). */
  request: (): string => `req_${hex(24)}`,
  /** `chatcmpl-` + 29 alphanumerics. */
  chatCompletion: (): string => `chatcmpl-${alphanumeric(29)}`,
} as const;
