import type { ToolSetCache } from '@toolbridge/core';
import type { ClientResolver } from '../access/resolve-client.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { AdminAccess } from '../http/check-admin-auth.js';
import type { Readiness } from '../http/readiness.js';
import type { Logger } from '../logging/create-logger.js';
import type { GatewayObserver } from '../observe/gateway-observer.js';
import type { MetricsObserver } from '../observe/metrics-observer.js';
import type { ToolSetFacts } from '../pipeline/tool-set-facts.js';
import type { UpstreamTarget } from '../pipeline/upstream-target.js';
import type { AccessStore } from '../storage/access-store.js';
import type { ResponseStore } from '../storage/response-store.js';

/** What route handlers need, built once by `createGateway`. */
export interface GatewayDeps {
  config: GatewayConfig;
  store: ResponseStore;
  logger: Logger;
  /** Virtual keys, rate windows and spend; null when the gateway checks no keys. */
  accessStore: AccessStore | null;
  /** The key check: the request's project and limits, or a 401. */
  resolveClient: ClientResolver;
  /** `Host` names answered (null: any), see `checkHost`. */
  allowedHosts: ReadonlySet<string> | null;
  /** Browser origins given CORS headers (empty: none), see `applyCors`. */
  corsOrigins: ReadonlySet<string>;
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
  /** Checks kept per tool set across requests (`pipeline/tool-set-facts.ts`). */
  toolSets: ToolSetCache<ToolSetFacts>;
}
