import type { RepairFact, RequestLog, UpstreamAttemptFact } from './request-log.js';

/** What an observer knows of a request: its id, when it started and the facts it collected so far. */
export interface ObservedRequest {
  requestId: string;
  startedAt: number;
  log: RequestLog;
}

/** How a request ended, for {@link GatewayObserver.onRequestEnd}. */
export interface RequestEnd {
  method: string;
  status: number;
  durationMs: number;
  /** The client went away (or the gateway shut down) before the answer was complete. */
  aborted: boolean;
}

/** One store call, timed. */
export interface StoreOpFact {
  operation: string;
  durationMs: number;
  ok: boolean;
}

/**
 * The one place the pipeline reports to (docs/observability.md). Metrics and traces are observers;
 * routes and pipeline steps never touch a metric or a span themselves. Every method must be cheap and
 * must not throw: it runs on the request's path.
 */
export interface GatewayObserver {
  onRequestStart(request: ObservedRequest): void;
  onRequestEnd(request: ObservedRequest, end: RequestEnd): void;
  onUpstreamAttempt(request: ObservedRequest, attempt: UpstreamAttemptFact): void;
  onRepair(request: ObservedRequest, repair: RepairFact): void;
  onStoreOp(op: StoreOpFact): void;
  /** Flushes and releases what the observer holds (exporters); called when the gateway closes. */
  close(): Promise<void>;
}

/** An observer that does nothing (metrics off, no tracing). */
export const noopObserver: GatewayObserver = {
  onRequestStart() {},
  onRequestEnd() {},
  onUpstreamAttempt() {},
  onRepair() {},
  onStoreOp() {},
  async close() {},
};

/** One observer that forwards to several (metrics and traces), skipping the loop when there is one. */
export function combineObservers(observers: readonly GatewayObserver[]): GatewayObserver {
  if (observers.length === 0) return noopObserver;
  if (observers.length === 1) return observers[0] as GatewayObserver;
  return {
    onRequestStart(request) {
      for (const observer of observers) observer.onRequestStart(request);
    },
    onRequestEnd(request, end) {
      for (const observer of observers) observer.onRequestEnd(request, end);
    },
    onUpstreamAttempt(request, attempt) {
      for (const observer of observers) observer.onUpstreamAttempt(request, attempt);
    },
    onRepair(request, repair) {
      for (const observer of observers) observer.onRepair(request, repair);
    },
    onStoreOp(op) {
      for (const observer of observers) observer.onStoreOp(op);
    },
    async close() {
      await Promise.all(observers.map((observer) => observer.close()));
    },
  };
}
