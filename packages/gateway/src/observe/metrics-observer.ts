import { Gauge, Registry } from 'prom-client';
import { adjustmentKind } from './adjustment-kind.js';
import { registerDefaultMetrics } from './default-metrics.js';
import {
  type CounterSeries,
  FastCounter,
  FastHistogram,
  type HistogramSeries,
  observeInto,
} from './fast-metrics.js';
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

function createMetrics(registry: Registry) {
  const route = ['route', 'provider', 'model'];
  return {
    requests: new FastCounter(
      'toolbridge_requests_total',
      'Requests by route, provider, model and HTTP status.',
      [...route, 'status'],
    ).registerIn(registry),
    duration: new FastHistogram(
      'toolbridge_request_duration_seconds',
      'Time from the request to the end of the answer.',
      route,
      SECONDS,
    ).registerIn(registry),
    ttfb: new FastHistogram(
      'toolbridge_upstream_ttfb_seconds',
      "Time from an upstream attempt's start to its response headers.",
      ['provider', 'model'],
      SECONDS,
    ).registerIn(registry),
    tokens: new FastCounter(
      'toolbridge_tokens_total',
      'Tokens by type: input (cached included), cached (the cached part of input), output.',
      ['provider', 'model', 'type'],
    ).registerIn(registry),
    cost: new FastCounter(
      'toolbridge_cost_usd_total',
      'Cost in US dollars from the price table (docs/configuration.md#prices).',
      ['provider', 'model'],
    ).registerIn(registry),
    unpriced: new FastCounter(
      'toolbridge_unpriced_requests_total',
      'Requests whose model has no price: tokens are counted, cost is unknown (not zero).',
      ['provider', 'model'],
    ).registerIn(registry),
    repairs: new FastCounter(
      'toolbridge_repairs_total',
      'Calls the gateway repaired by re-asking the upstream, by outcome.',
      ['provider', 'model', 'outcome'],
    ).registerIn(registry),
    adjustments: new FastCounter(
      'toolbridge_adjustments_total',
      'x-toolbridge-adjusted notes by kind (tool_choice emulation, dropped or repaired calls, …).',
      ['route', 'kind'],
    ).registerIn(registry),
    retries: new FastCounter(
      'toolbridge_upstream_retries_total',
      'Upstream attempts that failed and were retried, by reason.',
      ['provider', 'reason'],
    ).registerIn(registry),
    inFlight: new Gauge({
      name: 'toolbridge_in_flight_requests',
      help: 'Requests being served right now.',
      registers: [registry],
    }),
    store: new FastHistogram(
      'toolbridge_store_operation_duration_seconds',
      'Latency of store operations by operation and outcome.',
      ['operation', 'outcome'],
      STORE_SECONDS,
    ).registerIn(registry),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

/** The series one request touches, bound once per route/provider/model/status. */
interface RequestSeries {
  requests: CounterSeries;
  duration: HistogramSeries;
  input: CounterSeries;
  cached: CounterSeries;
  output: CounterSeries;
  /** Bound on first use, so a model never priced shows no cost series at all (unknown, not 0). */
  cost: CounterSeries | null;
  unpriced: CounterSeries | null;
  provider: string;
  model: string;
}

/** Nested maps, not a joined key: finding a request's series allocates nothing. */
type SeriesTree = Map<string, Map<string, Map<string, Map<number, RequestSeries>>>>;

function branch<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function bindRequestSeries(metrics: Metrics, labels: [string, string, string, number]): RequestSeries {
  const [route, provider, model, status] = labels;
  return {
    requests: metrics.requests.series(route, provider, model, String(status)),
    duration: metrics.duration.series(route, provider, model),
    input: metrics.tokens.series(provider, model, 'input'),
    cached: metrics.tokens.series(provider, model, 'cached'),
    output: metrics.tokens.series(provider, model, 'output'),
    cost: null,
    unpriced: null,
    provider,
    model,
  };
}

/**
 * Prometheus metrics fed by the gateway's observer calls (docs/observability.md#metrics). Label values
 * are bounded: routes are the router's names, providers and models only configured ones. Recording a
 * request is a few map lookups and additions on series bound once (`fast-metrics.ts`).
 */
export function createMetricsObserver(options: MetricsObserverOptions): MetricsObserver {
  const registry = new Registry();
  registerDefaultMetrics(registry, 'toolbridge_');
  const metrics = createMetrics(registry);
  const modelLabel = boundedLabel(new Set(options.models));
  const providerLabel = boundedLabel(new Set(options.providers));
  const tree: SeriesTree = new Map();
  const ttfbSeries = new Map<string, Map<string, HistogramSeries>>();
  const seriesFor = (route: string, provider: string, model: string, status: number): RequestSeries => {
    const byProvider = branch(tree, route, () => new Map());
    const byModel = branch(byProvider, provider, () => new Map());
    const byStatus = branch(byModel, model, () => new Map());
    return branch(byStatus, status, () => bindRequestSeries(metrics, [route, provider, model, status]));
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
      const series = seriesFor(route, providerLabel(log.provider), modelLabel(log.model), end.status);
      series.requests.value += 1;
      observeInto(series.duration, SECONDS, end.durationMs / 1000);
      if (log.inputTokens !== undefined) {
        series.input.value += log.inputTokens;
        series.cached.value += log.cachedTokens ?? 0;
        series.output.value += log.outputTokens ?? 0;
        if (log.costUsd === null) {
          series.unpriced ??= metrics.unpriced.series(series.provider, series.model);
          series.unpriced.value += 1;
        } else if (log.costUsd !== undefined) {
          series.cost ??= metrics.cost.series(series.provider, series.model);
          series.cost.value += log.costUsd;
        }
      }
      if (log.adjusted !== undefined) {
        for (const note of log.adjusted) metrics.adjustments.series(route, adjustmentKind(note)).value += 1;
      }
    },
    onUpstreamAttempt(_request, attempt) {
      const provider = providerLabel(attempt.provider);
      if (attempt.ttfbMs !== null) {
        const model = modelLabel(attempt.upstreamModel);
        const series = branch(
          branch(ttfbSeries, provider, () => new Map()),
          model,
          () => metrics.ttfb.series(provider, model),
        );
        observeInto(series, SECONDS, attempt.ttfbMs / 1000);
      }
      if (attempt.outcome === 'retried')
        metrics.retries.series(provider, attempt.reason ?? 'other').value += 1;
    },
    onRepair(request, repair) {
      const { log } = request;
      metrics.repairs.series(providerLabel(log.provider), modelLabel(log.model), repair.outcome).value += 1;
    },
    onStoreOp(op) {
      observeInto(
        metrics.store.series(op.operation, op.ok ? 'ok' : 'error'),
        STORE_SECONDS,
        op.durationMs / 1000,
      );
    },
    async close() {},
  };
}
