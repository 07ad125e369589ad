import { hash } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The client-facing id of a Gemini call that came without `functionCall.id`: `call_` + 24
 * alphanumerics derived from the response id, the call's position in the response, its name and
 * arguments. Deterministic, so decoding the same answer again (a stored response, the same stream
 * read twice) gives the same ids; unique per response because Gemini's `responseId` (or the id the
 * gateway minted for the response) is part of the seed. The id is never sent back to Gemini: calls
 * with a synthetic id go upstream without `id` (docs/protocol/gemini.md, "Ids").
 */
export function syntheticGeminiCallId(seed: {
  responseId: string;
  ordinal: number;
  name: string;
  args: string;
}): string {
  // One-shot `hash` (Node ≥ 20.12), not a Hash object per call: a third of the cost (bench S1g profile).
  const digest = hash(
    'sha256',
    `${seed.responseId}\u0000${seed.ordinal}\u0000${seed.name}\u0000${seed.args}`,
    'buffer',
  );
  let out = 'call_';
  for (let index = 0; index < 24; index++) out += ALPHANUMERIC[(digest[index] ?? 0) % 62];
  return out;
}
