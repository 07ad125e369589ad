import { createHash, randomBytes } from 'node:crypto';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/**
 * Signatures of the double's thinking blocks. Like Anthropic's, a signature covers the block's text,
 * so a thinking block sent back altered (or with another block's signature) is refused; the double
 * needs no secret because nothing but its own output ever carries these prefixes.
 */
export const thinkingSignature = {
  /** The signature of a thinking text. */
  sign(thinking: string): string {
    return `EqScripted${digest(`scripted-thinking\n${thinking}`)}`;
  },

  /** Whether `signature` was made by {@link thinkingSignature.sign} for exactly this text. */
  verify(thinking: string, signature: string): boolean {
    return signature === thinkingSignature.sign(thinking);
  },

  /** Fresh opaque data for a `redacted_thinking` block, checkable by {@link thinkingSignature.verifyRedacted}. */
  redacted(): string {
    const nonce = randomBytes(12).toString('hex');
    return `EmScripted${nonce}.${digest(`scripted-redacted\n${nonce}`)}`;
  },

  /** Whether redacted data came from this double unchanged. */
  verifyRedacted(data: string): boolean {
    const match = /^EmScripted([0-9a-f]{24})\.(.+)$/.exec(data);
    return match !== null && match[2] === digest(`scripted-redacted\n${match[1]}`);
  },
};
