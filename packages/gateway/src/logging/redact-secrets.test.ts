import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../config/gateway-config.js';
import { mapUpstreamError } from '../upstream/map-upstream-error.js';
import { createLogger } from './create-logger.js';
import { createRedactor, providerSecrets, redactUrl } from './redact-secrets.js';

const provider = {
  name: 'p',
  baseUrl: 'https://svc-user:pa%24%24word-1@llm.example.com/v1?api-key=qk-123456&api-version=2024-06-01',
  apiKey: 'sk-upstream-0123456789',
  headers: { 'x-api-key': 'hk-987654', 'openai-organization': 'org-1' },
} as unknown as ProviderConfig;

describe('redacting upstream credentials', () => {
  it('masks the key, credential headers, URL user info (raw and decoded) and credential query values', () => {
    const redact = createRedactor(providerSecrets(provider));
    const text =
      'auth sk-upstream-0123456789 / hk-987654 / svc-user:pa%24%24word-1 / pa$$word-1 / qk-123456 / 2024-06-01 / org-1';
    expect(redact(text)).toBe(
      'auth [redacted] / [redacted] / [redacted]:[redacted] / [redacted] / [redacted] / 2024-06-01 / org-1',
    );
  });

  it('shows a URL without its credentials', () => {
    expect(redactUrl(provider.baseUrl)).toBe(
      'https://[redacted]@llm.example.com/v1?api-key=[redacted]&api-version=2024-06-01',
    );
    expect(redactUrl('http://127.0.0.1:9/v1')).toBe('http://127.0.0.1:9/v1');
  });

  it('masks secrets in every log line, JSON-escaped ones included', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
      redact: createRedactor(['sk-abc"def', 'sk-plain-1234']),
    });
    logger.info({ detail: 'sent sk-plain-1234 and sk-abc"def' }, 'oops');
    expect(lines.join('')).not.toMatch(/sk-plain-1234|sk-abc/);
    expect(lines.join('')).toContain('[redacted]');
  });

  it('relays upstream 4xx and 5xx text only with the credentials masked', () => {
    const redact = createRedactor(providerSecrets(provider));
    const error = mapUpstreamError({
      provider: 'p',
      status: 400,
      fields: { message: 'bad key sk-upstream-0123456789', type: null, param: null, code: null },
      headers: {},
      redact,
    });
    expect(error.message).toBe("Upstream 'p' rejected the request: bad key [redacted]");
  });

  it('never relays the body of an upstream 401/403: it names the provider instead', () => {
    for (const status of [401, 403]) {
      const error = mapUpstreamError({
        provider: 'p',
        status,
        fields: {
          message: 'Bearer sk-upstream-0123456789 is not valid',
          type: null,
          param: null,
          code: null,
        },
        headers: {},
      });
      expect(error.code).toBe('upstream_authentication_failed');
      expect(error.message).not.toContain('sk-upstream');
      expect(error.message).toContain(`Upstream 'p' refused the gateway's credentials (HTTP ${status})`);
    }
  });
});
