import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { allowedHostsOf, checkHost } from './check-host.js';

const config = (host: string, allowedHosts?: string[]) =>
  ({ host, ...(allowedHosts === undefined ? {} : { allowedHosts }) }) as GatewayConfig;
const request = (host: string | undefined) =>
  ({ headers: host === undefined ? {} : { host } }) as IncomingMessage;
const accepts = (allowed: ReadonlySet<string> | null, host: string | undefined): boolean => {
  try {
    checkHost(request(host), allowed);
    return true;
  } catch (error) {
    if (GatewayError.isInstance(error) && error.code === 'host_not_allowed') return false;
    throw error;
  }
};

describe('the Host allow-list (DNS rebinding)', () => {
  it('bound to loopback: answers the loopback names on any port, and nothing else', () => {
    const allowed = allowedHostsOf(config('127.0.0.1'));
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'LOCALHOST', '127.0.0.1'])
      expect(accepts(allowed, host)).toBe(true);
    for (const host of ['evil.example:8787', 'localhost.evil.example', '', undefined])
      expect(accepts(allowed, host)).toBe(false);
  });

  it('bound to all interfaces: any host unless allowedHosts says otherwise', () => {
    expect(allowedHostsOf(config('0.0.0.0'))).toBeNull();
    const allowed = allowedHostsOf(config('0.0.0.0', ['gateway.internal']));
    expect(accepts(allowed, 'gateway.internal:443')).toBe(true);
    expect(accepts(allowed, '0.0.0.0:8787')).toBe(true);
    expect(accepts(allowed, 'localhost:8787')).toBe(false);
    expect(allowedHostsOf(config('127.0.0.1', ['*']))).toBeNull();
  });

  it('bound to ::1: the bracketed address is allowed', () => {
    expect(accepts(allowedHostsOf(config('::1')), '[::1]:9000')).toBe(true);
  });
});
