// Open-loop load at a fixed arrival rate, for the latency ladder (`--ladder`). Request i is due at
// start + i / rate whatever happened to the ones before it, and its latency counts from that due
// time, so a target that stalls is charged for the queue it builds (no coordinated omission, which
// a closed loop like autocannon's hides: there a slow answer also delays the next request).

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { watchProcesses } from './proc-stats.mjs';
import { responseIdOf } from './scenarios.mjs';
import { quantile } from './stats.mjs';
import { readerFor } from './verify-tool-call.mjs';

/** Sends one request and reads the whole answer; verifies it when `verify`. */
async function send(pool, { path, headers, body }, kind, { verify, timeoutMs }) {
  const response = await pool.request({
    path,
    method: 'POST',
    headers,
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) return { problem: `HTTP ${response.statusCode}: ${text.slice(0, 200)}` };
  if (!verify) return { problem: null, text };
  const reader = readerFor(kind);
  reader.feed(Buffer.from(text), 0);
  return { problem: reader.finish().problem, text };
}

/**
 * One request of the scenario (for Responses, turn 1 and then its follow-up, each timed as one
 * request: turn 1 from its due time, the follow-up from when turn 1 ended, when a client sends it).
 */
async function exchange(pool, route, dueAt, options, record) {
  if (route.turn1 === undefined) {
    const result = await send(pool, route, route.kind, options);
    record(performance.now() - dueAt, result.problem);
    return;
  }
  const first = await send(pool, route.turn1, route.kind, options);
  const firstEnd = performance.now();
  record(firstEnd - dueAt, first.problem);
  if (first.problem) return;
  const id = responseIdOf(first.text) ?? 'resp_missing';
  const second = await send(pool, route.turn2(id), route.kind, options);
  record(performance.now() - firstEnd, second.problem && `follow-up: ${second.problem}`);
}

/**
 * Offers `rate` requests per second to `port` for `warmupS + durationS` seconds; only requests due
 * after the warm-up are counted. For Responses routes a due slot starts a pair, at rate / 2 pairs
 * per second, so the offered rate stays in requests per second. Waits for every request (each is
 * bounded by `timeoutMs`) before returning latency quantiles from the due times, errors, the
 * achieved rate and how busy the target, upstream and load generator were.
 */
export async function openLoopStep({
  port,
  route,
  rate,
  warmupS,
  durationS,
  connections = 512,
  verifyEvery = 25,
  timeoutMs = 10_000,
  pids,
}) {
  const pool = new Pool(`http://127.0.0.1:${route.port ?? port}`, { connections, pipelining: 1 });
  const slotsPerSecond = route.turn1 === undefined ? rate : rate / 2;
  const warmupSlots = Math.floor(slotsPerSecond * warmupS);
  const totalSlots = warmupSlots + Math.max(1, Math.floor(slotsPerSecond * durationS));
  const latencies = [];
  const result = { sent: 0, ok: 0, errors: 0, problems: [], verified: { ok: 0, failed: 0 } };
  const inFlight = new Set();
  let watcher = null;
  let measureStart = null;
  let lastEnd = 0;
  const start = performance.now();
  try {
    for (let slot = 0; slot < totalSlots; ) {
      const due = Math.min(totalSlots, Math.floor(((performance.now() - start) * slotsPerSecond) / 1000) + 1);
      for (; slot < due; slot++) {
        const dueAt = start + (slot * 1000) / slotsPerSecond;
        const counted = slot >= warmupSlots;
        if (counted && measureStart === null) {
          measureStart = performance.now();
          watcher = watchProcesses([...new Set([pids.target, pids.upstream, process.pid])]);
        }
        const verify = counted && slot % verifyEvery === 0;
        const record = (latencyMs, problem) => {
          if (!counted) return;
          result.sent += 1;
          lastEnd = performance.now();
          if (problem) {
            result.errors += 1;
            if (result.problems.length < 3) result.problems.push(problem);
            if (verify) result.verified.failed += 1;
            return;
          }
          result.ok += 1;
          latencies.push(latencyMs);
          if (verify) result.verified.ok += 1;
        };
        const task = exchange(pool, route, dueAt, { verify, timeoutMs }, record)
          .catch((error) => record(performance.now() - dueAt, `request failed: ${error.message}`))
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  const usage = watcher?.stop();
  const windowMs = Math.max(1, lastEnd - (measureStart ?? lastEnd));
  const busy = (pid) => {
    const cpu = usage?.get(pid)?.cpuMs;
    return cpu === null || cpu === undefined ? null : cpu / windowMs;
  };
  return {
    rate,
    durationS,
    ...result,
    achievedRps: (result.ok * 1000) / windowMs,
    p50Ms: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.length > 0 ? latencies.reduce((max, value) => Math.max(max, value)) : null,
    targetBusy: busy(pids.target),
    // The target's CPU per request served at this fixed rate: unlike a closed loop's figure, every
    // target is compared at the same load, so batching at a higher rate cannot flatter one of them.
    targetCpuUsPerRequest:
      result.ok > 0 && busy(pids.target) !== null ? (busy(pids.target) * windowMs * 1000) / result.ok : null,
    upstreamBusy: pids.upstream === pids.target ? null : busy(pids.upstream),
    loaderBusy: busy(process.pid),
    foreignBusy: usage?.machine.foreignBusy ?? null,
  };
}
