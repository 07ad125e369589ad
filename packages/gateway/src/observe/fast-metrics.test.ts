import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastCounter, FastHistogram, observeInto } from './fast-metrics.js';

// The hand-written counters and histograms render exactly as Prometheus expects through prom-client's
// registry: one line per series, cumulative `le` buckets, +Inf, _sum and _count.
describe('fast metrics in a prom-client registry', () => {
  it('renders counters once per label set and histograms with cumulative buckets', async () => {
    const registry = new Registry();
    const counter = new FastCounter('demo_total', 'Demo.', ['kind']).registerIn(registry);
    const histogram = new FastHistogram('demo_seconds', 'Demo.', ['kind'], [0.1, 1]).registerIn(registry);
    counter.series('a').value += 2;
    counter.series('a').value += 1; // the same series, not a second line
    for (const seconds of [0.05, 0.1, 0.5, 3]) observeInto(histogram.series('a'), histogram.buckets, seconds);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE demo_total counter\ndemo_total{kind="a"} 3\n');
    expect(text).toContain(
      [
        '# TYPE demo_seconds histogram',
        'demo_seconds_bucket{kind="a",le="0.1"} 2',
        'demo_seconds_bucket{kind="a",le="1"} 3',
        'demo_seconds_bucket{kind="a",le="+Inf"} 4',
        'demo_seconds_sum{kind="a"} 3.65',
        'demo_seconds_count{kind="a"} 4',
      ].join('\n'),
    );
  });
});
