import type { IncomingMessage } from 'node:http';
import type { GatewayConfig } from '../config/gateway-config.js';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Addresses that only the machine itself can reach. */
function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * The `Host` names the gateway answers to, or null for any: the configured `allowedHosts` (`*` = any);
 * without them, the loopback names when the gateway is bound to a loopback address, else any host
 * (docs/configuration.md#browsers). The bound address itself is always allowed.
 */
export function allowedHostsOf(config: GatewayConfig): ReadonlySet<string> | null {
  const configured = config.allowedHosts;
  if (configured === undefined && !isLoopback(config.host)) return null;
  const names = configured ?? [...gatewayDefaults.loopbackHosts];
  if (names.includes('*')) return null;
  const bound = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return new Set([...names, bound].map((name) => name.toLowerCase()));
}

/** The host name of a `Host` header: lower case, port removed, IPv6 kept in brackets. */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value : value.slice(0, end + 1);
  }
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/**
 * Refuses (403) a request whose `Host` is not an allowed name. A web page can make a browser reach a
 * gateway on loopback through DNS rebinding — its own name resolving to 127.0.0.1 — but the browser
 * still sends that foreign name as `Host` (SECURITY.md).
 */
export function checkHost(request: IncomingMessage, allowed: ReadonlySet<string> | null): void {
  if (allowed === null) return;
  const header = request.headers.host ?? '';
  if (allowed.has(hostName(header))) return;
  const shown = header.length > 100 ? `${header.slice(0, 100)}…` : header;
  throw new GatewayError({
    code: 'host_not_allowed',
    message: `This gateway does not answer to the host '${shown}' (allowed: ${[...allowed].join(', ')}). It refuses other names to stop DNS-rebinding attacks from web pages; to reach it under this name, add it to "allowedHosts" in the config file (or --allowed-hosts).`,
    openaiCode: 'host_not_allowed',
  });
}
