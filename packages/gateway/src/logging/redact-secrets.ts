import type { GatewayConfig, ProviderConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Replaces every known secret in a text with `[redacted]`. */
export type Redact = (text: string) => string;

const MASK = '[redacted]';
/** Header or query names whose values are credentials whatever their length. */
const SECRET_NAME = /auth|key|token|secret|passw|cookie|signature|credential|session/i;
/** Values shorter than this are not redacted: masking "1" or "true" everywhere would garble messages. */
const MIN_SECRET_LENGTH = 4;
/** Any header or query value this long is treated as a credential, whatever its name. */
const LONG_VALUE = 20;

function isSecret(name: string, value: string): boolean {
  return SECRET_NAME.test(name) ? value.length >= MIN_SECRET_LENGTH : value.length >= LONG_VALUE;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The credentials a provider's configuration holds: its key, credential headers, and what its URL embeds. */
export function providerSecrets(provider: ProviderConfig): string[] {
  const secrets: string[] = [];
  if (provider.apiKey !== null) secrets.push(provider.apiKey);
  for (const [name, value] of Object.entries(provider.headers))
    if (isSecret(name, value)) secrets.push(value);
  const url = URL.canParse(provider.baseUrl) ? new URL(provider.baseUrl) : null;
  if (url !== null) {
    for (const part of [url.username, url.password]) if (part !== '') secrets.push(part, safeDecode(part));
    for (const [name, value] of url.searchParams) if (isSecret(name, value)) secrets.push(value);
  }
  return secrets;
}

/** Every secret of a configuration: the providers' credentials and the client keys. */
export function configSecrets(config: GatewayConfig): string[] {
  return [...config.providers.flatMap(providerSecrets), ...config.apiKeys];
}

/**
 * A redactor for the given secrets, also in their JSON-escaped spelling (log lines are JSON). Longest
 * first, so a secret that contains another is masked whole. Cheap when nothing matches (one `includes`
 * per secret, no allocation), so it can run on every log line (SECURITY.md).
 */
export function createRedactor(secrets: readonly string[]): Redact {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    all.add(secret);
    all.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...all].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
}

/**
 * A URL fit to show: user name and password replaced, and credential-like query values masked
 * (`https://[redacted]@host/v1?key=[redacted]`). For the start-up line and error messages.
 */
export function redactUrl(text: string): string {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  const auth = url.username !== '' || url.password !== '' ? `${MASK}@` : '';
  const query = [...url.searchParams]
    .map(([name, value]) => `${name}=${isSecret(name, value) ? MASK : encodeURIComponent(value)}`)
    .join('&');
  return `${url.protocol}//${auth}${url.host}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

/** The same error with its message redacted (the error itself when there was nothing to mask). */
export function redactError(error: GatewayError, redact: Redact): GatewayError {
  const message = redact(error.message);
  if (message === error.message) return error;
  return new GatewayError({
    code: error.code,
    message,
    cause: error,
    param: error.param,
    openaiCode: error.openaiCode,
    status: error.status,
    type: error.type,
    headers: error.headers,
  });
}
