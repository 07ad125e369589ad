import { createHmac, randomBytes } from 'node:crypto';

/** Per-process key: signatures issued by one double verify only on that double, like real ones. */
const SECRET = randomBytes(32);

/** Google's documented value that skips signature validation (history whose signatures were lost). */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** The family a signature is bound to: the model without a `-preview…` / `-latest` tag. */
export function signatureFamily(model: string): string {
  return model.toLowerCase().replace(/-(preview|latest|exp)(-.*)?$/, '');
}

/** Whether the model issues (and requires) thought signatures on function calls: Gemini 3 models. */
export function usesSignatures(model: string): boolean {
  return model.startsWith('gemini-3');
}

/**
 * An opaque signature bound to the model family and to the exact call (name and arguments), so the
 * double can tell whether the gateway sent back the right signature on the right part.
 */
export function signCall(model: string, name: string, args: string): string {
  const mac = createHmac('sha256', SECRET)
    .update(`${signatureFamily(model)}\u0000${name}\u0000${args}`)
    .digest();
  return Buffer.concat([Buffer.from('scripted-thought:'), mac]).toString('base64');
}

/** A signature for a text-only answer (the last part of a response without calls). */
export function signText(model: string, text: string): string {
  return signCall(model, '#text', text);
}

/** True when `signature` is the placeholder or was issued by {@link signCall} for this call. */
export function verifyCall(signature: string, model: string, name: string, args: string): boolean {
  return signature === SKIP_SIGNATURE || signature === signCall(model, name, args);
}
