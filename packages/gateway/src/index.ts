/**
 * @toolbridge/gateway — the OpenAI-compatible function-calling gateway: both endpoints over either
 * upstream format, with Responses state, streaming and enforcement.
 * @module
 */
export { type ConfigValueCheck, type ConfigValueKey, checkConfigValue } from './config/check-config-value.js';
export { ConfigError } from './config/config-error.js';
export type { GatewayConfig, ProviderConfig, RouteConfig } from './config/gateway-config.js';
export { loadGatewayConfig, type ServeFlags } from './config/load-config.js';
export { type CreateGatewayOptions, createGateway, type Gateway } from './create-gateway.js';
export { gatewayDefaults } from './defaults.js';
export { GatewayError } from './errors/gateway-error.js';
export { createLogger } from './logging/create-logger.js';
export { capabilityPresets, type ProviderCapabilities } from './providers/provider-capabilities.js';
export { type RunningGateway, type StartGatewayOptions, startGateway } from './serve-node.js';
export * from './storage/index.js';
