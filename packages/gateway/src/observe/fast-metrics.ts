import type { Metric, Registry } from 'prom-client';

/**
 * Counters and histograms whose recording is a plain addition on a series bound once, registered in a
 * prom-client registry that renders them like its own. Written by hand because prom-client's label
 * children re-hash their label set on every `inc`/`observe` (measured: 220 ns per counter increment,
 * 270 ns per observation; a request touches about ten of them), while these cost a few nanoseconds;
 * prom-client still does the registry, the text format and the process metrics.
 */

type Labels = Record<string, string>;

/** One counter series: add to `value`. */
export interface CounterSeries {
  value: number;
}

/** One histogram series: call {@link observeInto}. */
export interface HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  counts: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

abstract class FastMetric<Series> {
  readonly aggregator = 'sum';
  readonly #series = new Map<string, { labels: Labels; series: Series }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** The series for these label values (in `labelNames` order), made on first use and kept. */
  series(...values: string[]): Series {
    const key = values.join('\u0000');
    let entry = this.#series.get(key);
    if (entry === undefined) {
      const labels: Labels = {};
      this.labelNames.forEach((name, index) => {
        labels[name] = values[index] ?? '';
      });
      entry = { labels, series: this.create() };
      this.#series.set(key, entry);
    }
    return entry.series;
  }

  /** What prom-client's registry reads when it renders (the shape its own metrics return). */
  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: MetricValue[];
  }> {
    const values: MetricValue[] = [];
    for (const { labels, series } of this.#series.values()) this.render(labels, series, values);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#series.clear();
  }

  /** Registers this metric in a prom-client registry (which only calls `get` and `reset` on it). */
  registerIn(registry: Registry): this {
    registry.registerMetric(this as unknown as Metric);
    return this;
  }

  abstract readonly type: string;
  protected abstract create(): Series;
  protected abstract render(labels: Labels, series: Series, values: MetricValue[]): void;
}

/** A monotonic counter. */
export class FastCounter extends FastMetric<CounterSeries> {
  readonly type = 'counter';

  protected create(): CounterSeries {
    return { value: 0 };
  }

  protected render(labels: Labels, series: CounterSeries, values: MetricValue[]): void {
    values.push({ labels, value: series.value });
  }
}

/** A histogram with fixed upper bounds (seconds, ascending). */
export class FastHistogram extends FastMetric<HistogramSeries> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  protected create(): HistogramSeries {
    return { counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
  }

  protected render(labels: Labels, series: HistogramSeries, values: MetricValue[]): void {
    let cumulative = 0;
    this.buckets.forEach((bound, index) => {
      cumulative += series.counts[index] ?? 0;
      values.push({ labels: { ...labels, le: bound }, value: cumulative, metricName: `${this.name}_bucket` });
    });
    values.push({
      labels: { ...labels, le: '+Inf' },
      value: series.count,
      metricName: `${this.name}_bucket`,
    });
    values.push({ labels, value: series.sum, metricName: `${this.name}_sum` });
    values.push({ labels, value: series.count, metricName: `${this.name}_count` });
  }
}

/** Records one observation: a linear walk over a dozen bounds, cheaper than a search at this size. */
export function observeInto(series: HistogramSeries, buckets: readonly number[], value: number): void {
  let index = 0;
  while (index < buckets.length && value > (buckets[index] as number)) index++;
  series.counts[index] = (series.counts[index] ?? 0) + 1;
  series.sum += value;
  series.count += 1;
}
