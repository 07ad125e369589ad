import type { GatewayConfig } from '../config/gateway-config.js';
import type { AdminAccess } from '../http/check-admin-auth.js';
import type { Readiness } from '../http/readiness.js';
import type { Logger } from '../logging/create-logger.js';
import type { GatewayObserver } from '../observe/gateway-observer.js';
import type { MetricsObserver } from '../observe/metrics-observer.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import type { ResponseStore } from '../storage/response-store.js';

/** What route handlers need, built once by `createGateway`. */
export interface GatewayDeps {
  config: GatewayConfig;
  store: ResponseStore;
  logger: Logger;
  /** Client keys accepted by the gateway (empty: no authentication). */
  apiKeys: Buffer[];
  /** Routes a model name to its upstream (throws 404 model_not_found). */
  resolveTarget(model: string): UpstreamTarget;
  /** Metrics and traces (docs/observability.md). */
  observer: GatewayObserver;
  /** What `GET /metrics` serves; null with `metrics: false`. */
  metrics: MetricsObserver | null;
  /** What `GET /ready` reports. */
  readiness: Readiness;
  /** Who may reach `/metrics` and `/ui`. */
  adminAccess: AdminAccess;
}
