import type { GatewayConfig, ServerLimits } from '../config/gateway-config.js';
import { gatewayDefaults } from '../defaults.js';

/** The server limits in force: the configuration's overrides on top of `gatewayDefaults.server`. */
export function serverLimitsOf(config: GatewayConfig): ServerLimits {
  const defaults = gatewayDefaults.server;
  const given = config.server ?? {};
  return {
    headersTimeoutMs: given.headersTimeoutMs ?? defaults.headersTimeoutMs,
    requestTimeoutMs: given.requestTimeoutMs ?? defaults.requestTimeoutMs,
    keepAliveTimeoutMs: given.keepAliveTimeoutMs ?? defaults.keepAliveTimeoutMs,
    maxConnections: given.maxConnections ?? defaults.maxConnections,
    maxBufferedBodyBytes: given.maxBufferedBodyBytes ?? defaults.maxBufferedBodyBytes,
  };
}
