// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, top toolbridge
// functions by inclusive time, and time per area (gateway, core, undici, pino, node:http, GC, ...).
// Usable alone: node bench/lib/summarize-cpuprofile.mjs FILE.cpuprofile [top]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './deps.mjs';

const REPO_URL = `${pathToFileURL(REPO_ROOT).href}/`;

/** A readable location: repo-relative, dist mapped to its src file, node_modules from the package on. */
function location(url) {
  if (url === '') return '';
  let path = url.startsWith(REPO_URL) ? url.slice(REPO_URL.length) : url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules !== -1) return path.slice(modules + 'node_modules/'.length);
  path = path.replace(/^packages\/([^/]+)\/dist\/(.*)\.js$/, 'packages/$1/src/$2.ts');
  return path;
}

/** The area a frame belongs to, for the per-area breakdown. */
function area(frame) {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  if (url.includes('/packages/gateway/')) return 'toolbridge gateway';
  if (url.includes('/packages/core/')) return 'toolbridge core';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) {
    const name = url.slice(5).replace(/^internal\//, '');
    if (/^(_http|http)/.test(name)) return 'node:http';
    if (name.startsWith('streams') || name.startsWith('stream')) return 'node:streams';
    if (name.startsWith('process/task_queues') || name.startsWith('timers')) return 'node:event loop';
    return `node:${name.split('/')[0]}`;
  }
  return location(url);
}

function frameKey(frame) {
  const where = location(frame.url);
  const line = frame.url.includes('/dist/') || where === '' ? '' : `:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where ? `  ${where}${line}` : ''}`;
}

/**
 * Self and inclusive microseconds per function and per area. `fromUs`/`toUs` (CLOCK_MONOTONIC
 * microseconds, the clock of `process.hrtime` in every process here) keep only the samples of the
 * measured window, leaving start-up and warm-up out.
 */
export function summarizeCpuProfile(profile, { top = 25, fromUs = -Infinity, toUs = Infinity } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const areas = new Map();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);
  for (let index = 0; index < profile.samples.length; index++) {
    at += profile.timeDeltas[index] ?? 0;
    // timeDeltas[i + 1] is the time until the next sample, i.e. the time sample i stood for.
    const micros = profile.timeDeltas[index + 1] ?? 0;
    const node = nodes.get(profile.samples[index]);
    if (!node || at < fromUs || at > toUs) continue;
    total += micros;
    const nodeArea = area(node.callFrame);
    if (nodeArea === 'idle') {
      idle += micros;
      continue;
    }
    add(self, frameKey(node.callFrame), micros);
    add(areas, nodeArea, micros);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id).callFrame;
      if (!frame.url.includes('/packages/')) continue;
      const key = frameKey(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, micros);
    }
  }
  const busy = total - idle;
  const rank = (map, count) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, ms: micros / 1000, percentOfBusy: (100 * micros) / busy }));
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    topSelf: rank(self, top),
    topInclusiveToolbridge: rank(inclusive, top),
    areas: rank(areas, 20),
  };
}

/** Text rendering of a summary. */
export function renderSummary(summary, title) {
  const lines = [
    `${title}: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms profiled`,
  ];
  const section = (heading, rows) => {
    lines.push(`  ${heading}`);
    for (const row of rows)
      lines.push(
        `    ${row.percentOfBusy.toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}`,
      );
  };
  section('by area (self time, % of busy):', summary.areas);
  section('top functions by self time:', summary.topSelf);
  section('toolbridge functions by inclusive time:', summary.topInclusiveToolbridge);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top = '25'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/lib/summarize-cpuprofile.mjs FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const summary = summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')), { top: Number(top) });
  process.stdout.write(`${renderSummary(summary, file)}\n`);
}
