import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientIdentity } from '../access/client-identity.js';
import type { Logger } from '../logging/create-logger.js';
import type { GatewayObserver } from '../observe/gateway-observer.js';
import type { RequestLog } from '../observe/request-log.js';
import type { BodyBudget } from './body-budget.js';
import type { RequestAbort } from './request-abort.js';

/** Per-request state shared by the router, the route, the pipeline and the observers. */
export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  /** Aborted when the client disconnects or the gateway shuts down past its grace period. */
  signal: RequestAbort;
  startedAt: number;
  /** Request-body bytes shared by every request still being read (`readBody`). */
  bodyBudget?: BodyBudget;
  /** Who sent the request: its project (which owns what it stores) and key; set by the key check. */
  client: ClientIdentity;
  /** The gateway's logger while debug lines are on, else null (`logging/request-trace.ts`). */
  debugLogger: Logger | null;
  /** Facts filled by routes and the pipeline: the access log, metrics, traces and the viewer read them. */
  log: RequestLog;
  /** Where the pipeline reports attempts and repairs (docs/observability.md). */
  observer: GatewayObserver;
}
