/**
 * @toolbridge/gateway — the OpenAI-compatible function-calling gateway: both endpoints over either
 * upstream format, with Responses state, streaming and enforcement.
 * @module
 */

export { type CreatedVirtualKey, createVirtualKey, VIRTUAL_KEY_PREFIX } from './access/create-virtual-key.js';
export { describeKey, type KeyView } from './access/describe-key.js';
export { type NewKeySpec, parseBudget, parseExpires } from './access/key-spec.js';
export { PROJECT_NAME, projectNameProblem } from './access/project-name.js';
export { type ServedGateway, type ServeGatewayOptions, serveGateway } from './cluster/serve-gateway.js';
export { type ConfigValueCheck, type ConfigValueKey, checkConfigValue } from './config/check-config-value.js';
export { ConfigError } from './config/config-error.js';
export type {
  GatewayConfig,
  ProjectConfig,
  ProviderConfig,
  RouteConfig,
  ServerLimits,
} from './config/gateway-config.js';
export { loadGatewayConfig, type ServeFlags } from './config/load-config.js';
export { readStoreLocation } from './config/read-store-location.js';
export { type CreateGatewayOptions, createGateway, type Gateway } from './create-gateway.js';
export { gatewayDefaults } from './defaults.js';
export { GatewayError } from './errors/gateway-error.js';
export { createLogger } from './logging/create-logger.js';
export { redactUrl } from './logging/redact-secrets.js';
export { capabilityPresets, type ProviderCapabilities } from './providers/provider-capabilities.js';
export { type RunningGateway, type StartGatewayOptions, startGateway } from './serve-node.js';
export * from './storage/index.js';
