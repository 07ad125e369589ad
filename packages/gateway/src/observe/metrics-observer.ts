import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { adjustmentKind } from './adjustment-kind.js';
import type { GatewayObserver, ObservedRequest, RequestEnd } from './gateway-observer.js';
import { boundedLabel } from './label-values.js';

/** The metrics side of the observer, plus what `GET /metrics` serves. */
export interface MetricsObserver extends GatewayObserver {
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** What bounds the label values: only these names appear as `model` / `provider` labels. */
export interface MetricsObserverOptions {
  models: Iterable<string>;
  providers: Iterable<string>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const STORE_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

type Child<M extends { labels(...values: string[]): unknown }> = ReturnType<M['labels']>;

function createMetrics(registry: Registry) {
  const registers = [registry];
  const route = ['route', 'provider', 'model'] as const;
  return {
    requests: new Counter({
      name: 'toolbridge_requests_total',
      help: 'Requests by route, provider, model and HTTP status.',
      labelNames: [...route, 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'toolbridge_request_duration_seconds',
      help: 'Time from the request to the end of the answer.',
      labelNames: route,
      buckets: SECONDS,
      registers,
    }),
    ttfb: new Histogram({
      name: 'toolbridge_upstream_ttfb_seconds',
      help: "Time from an upstream attempt's start to its response headers.",
      labelNames: ['provider', 'model'],
      buckets: SECONDS,
      registers,
    }),
    tokens: new Counter({
      name: 'toolbridge_tokens_total',
      help: 'Tokens by type: input (cached included), cached (the cached part of input), output.',
      labelNames: ['provider', 'model', 'type'],
      registers,
    }),
    cost: new Counter({
      name: 'toolbridge_cost_usd_total',
      help: 'Cost in US dollars from the price table (docs/configuration.md#prices).',
      labelNames: ['provider', 'model'],
      registers,
    }),
    unpriced: new Counter({
      name: 'toolbridge_unpriced_requests_total',
      help: 'Requests whose model has no price: tokens are counted, cost is unknown (not zero).',
      labelNames: ['provider', 'model'],
      registers,
    }),
    repairs: new Counter({
      name: 'toolbridge_repairs_total',
      help: 'Calls the gateway repaired by re-asking the upstream, by outcome.',
      labelNames: ['provider', 'model', 'outcome'],
      registers,
    }),
    adjustments: new Counter({
      name: 'toolbridge_adjustments_total',
      help: 'x-toolbridge-adjusted notes by kind (tool_choice emulation, dropped or repaired calls, …).',
      labelNames: ['route', 'kind'],
      registers,
    }),
    retries: new Counter({
      name: 'toolbridge_upstream_retries_total',
      help: 'Upstream attempts that failed and were retried, by reason.',
      labelNames: ['provider', 'reason'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'toolbridge_in_flight_requests',
      help: 'Requests being served right now.',
      registers,
    }),
    store: new Histogram({
      name: 'toolbridge_store_operation_duration_seconds',
      help: 'Latency of store operations by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: STORE_SECONDS,
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

/** The label children one request touches, bound once per route/provider/model/status. */
interface RequestChildren {
  requests: Child<Metrics['requests']>;
  duration: Child<Metrics['duration']>;
  input: Child<Metrics['tokens']>;
  cached: Child<Metrics['tokens']>;
  output: Child<Metrics['tokens']>;
  cost: Child<Metrics['cost']>;
  unpriced: Child<Metrics['unpriced']>;
}

/** Nested maps, not a joined key: finding a request's children allocates nothing. */
type ChildTree = Map<string, Map<string, Map<string, Map<number, RequestChildren>>>>;

function branch<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function bindRequestChildren(metrics: Metrics, labels: [string, string, string, number]): RequestChildren {
  const [route, provider, model, status] = labels;
  return {
    requests: metrics.requests.labels(route, provider, model, String(status)),
    duration: metrics.duration.labels(route, provider, model),
    input: metrics.tokens.labels(provider, model, 'input'),
    cached: metrics.tokens.labels(provider, model, 'cached'),
    output: metrics.tokens.labels(provider, model, 'output'),
    cost: metrics.cost.labels(provider, model),
    unpriced: metrics.unpriced.labels(provider, model),
  };
}

/**
 * Prometheus metrics (prom-client, a registry of its own) fed by the gateway's observer calls. Label
 * values are bounded: routes are the router's names, providers and models only configured ones.
 */
export function createMetricsObserver(options: MetricsObserverOptions): MetricsObserver {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'toolbridge_' });
  const metrics = createMetrics(registry);
  const modelLabel = boundedLabel(new Set(options.models));
  const providerLabel = boundedLabel(new Set(options.providers));
  const tree: ChildTree = new Map();
  const childrenFor = (route: string, provider: string, model: string, status: number): RequestChildren => {
    const byProvider = branch(tree, route, () => new Map());
    const byModel = branch(byProvider, provider, () => new Map());
    const byStatus = branch(byModel, model, () => new Map());
    return branch(byStatus, status, () => bindRequestChildren(metrics, [route, provider, model, status]));
  };
  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    onRequestStart() {
      metrics.inFlight.inc();
    },
    onRequestEnd(request: ObservedRequest, end: RequestEnd) {
      metrics.inFlight.dec();
      const { log } = request;
      const route = log.route ?? 'unmatched';
      const children = childrenFor(route, providerLabel(log.provider), modelLabel(log.model), end.status);
      children.requests.inc();
      children.duration.observe(end.durationMs / 1000);
      if (log.inputTokens !== undefined) {
        children.input.inc(log.inputTokens);
        children.cached.inc(log.cachedTokens ?? 0);
        children.output.inc(log.outputTokens ?? 0);
        if (log.costUsd === null) children.unpriced.inc();
        else if (log.costUsd !== undefined) children.cost.inc(log.costUsd);
      }
      if (log.adjusted !== undefined) {
        for (const note of log.adjusted) metrics.adjustments.labels(route, adjustmentKind(note)).inc();
      }
    },
    onUpstreamAttempt(_request, attempt) {
      const provider = providerLabel(attempt.provider);
      if (attempt.ttfbMs !== null) {
        metrics.ttfb.labels(provider, modelLabel(attempt.upstreamModel)).observe(attempt.ttfbMs / 1000);
      }
      if (attempt.outcome === 'retried') metrics.retries.labels(provider, attempt.reason ?? 'other').inc();
    },
    onRepair(request, repair) {
      const { log } = request;
      metrics.repairs.labels(providerLabel(log.provider), modelLabel(log.model), repair.outcome).inc();
    },
    onStoreOp(op) {
      metrics.store.labels(op.operation, op.ok ? 'ok' : 'error').observe(op.durationMs / 1000);
    },
    async close() {},
  };
}
