import { createRequire } from 'node:module';
import type { Registry } from 'prom-client';

type DefaultMetric = (
  registry: Registry,
  config: { prefix: string; eventLoopMonitoringPrecision: number },
) => void;

const require = createRequire(import.meta.url);

/**
 * prom-client's default process metrics (CPU, memory, heap, file descriptors, handles, event-loop lag,
 * Node version) under `prefix`, without the garbage-collection histogram. That one runs a
 * PerformanceObserver callback after every collection: at a few thousand requests a second the
 * bench measured it at about 8% of the gateway's CPU per request (bench/README.md), more than every
 * other metric together. `collectDefaultMetrics` has no option to leave one out, so the collectors
 * are taken from prom-client's own modules (the version is pinned in package.json).
 */
const COLLECTORS = [
  'processCpuTotal',
  'processStartTime',
  'osMemoryHeap',
  'processOpenFileDescriptors',
  'processMaxFileDescriptors',
  'eventLoopLag',
  'processResources',
  'processHandles',
  'processRequests',
  'heapSizeAndUsed',
  'heapSpacesSizeAndUsed',
  'version',
] as const;

export function registerDefaultMetrics(registry: Registry, prefix: string): void {
  const config = { prefix, eventLoopMonitoringPrecision: 10 };
  for (const name of COLLECTORS) {
    // processResources needs process.getActiveResourcesInfo (Node ≥ 17), as prom-client checks.
    if (name === 'processResources' && typeof process.getActiveResourcesInfo !== 'function') continue;
    const collect = require(`prom-client/lib/metrics/${name}.js`) as DefaultMetric;
    collect(registry, config);
  }
}
