// Turns the measurements into the printed tables, the target verdicts and the correctness verdict.
import { fixed, ratio, renderTable, signed } from './table.mjs';

const find = (closedLoop, scenario, target) =>
  closedLoop.find((row) => row.scenario === scenario && row.target === target);

/** Closed-loop table: absolute figures and ratios against the bare proxy of the same scenario. */
export function closedLoopTable(closedLoop) {
  const rows = closedLoop.map((row) => {
    // S3 has no bare-proxy equivalent: its rate is compared with the bare proxy's S1 rate.
    const bare = find(closedLoop, row.scenario === 'S3' ? 'S1' : row.scenario, 'bare');
    const samples = `${row.samples.ok}/${row.samples.ok + row.samples.failed}`;
    return [
      row.scenario,
      row.target,
      fixed(row.rps, 0),
      row.target === 'bare' ? '1.00×' : ratio(row.rps, bare?.rps) + (row.scenario === 'S3' ? ' (S1)' : ''),
      fixed(row.p50Ms, 1),
      fixed(row.p99Ms, 1),
      row.errors + row.non2xx,
      fixed(row.cpuMsPer1k, 0),
      row.scenario === 'S3' ? '–' : ratio(row.cpuMsPer1k, bare?.cpuMsPer1k),
      fixed(row.peakRssMb, 0),
      `${fixed(100 * (row.targetBusy ?? Number.NaN), 0)}%`,
      `${fixed(100 * ((row.upstreamBusy ?? 0) + (row.loaderBusy ?? 0)), 0)}%`,
      `${fixed(100 * row.foreignBusy, 0)}%`,
      samples,
    ];
  });
  return renderTable(
    [
      'scen',
      'target',
      'req/s',
      '×bare',
      'p50 ms',
      'p99 ms',
      'err',
      'CPU ms/1k',
      '×bare',
      'RSS MB',
      'core1',
      'core0',
      'other',
      'verified',
    ],
    rows,
  );
}

/** Sequential table: medians of round medians, p99 over all samples, added latency over bare. */
export function sequentialTable(sequential) {
  const rows = [];
  for (const [scenario, { foreignBusy, ...results }] of Object.entries(sequential)) {
    for (const [target, result] of Object.entries(results)) {
      const added = result.addedOverBare ?? {};
      const streaming =
        result.roundMedian.firstArgsMs !== null && result.roundMedian.firstArgsMs !== undefined;
      rows.push([
        scenario,
        target,
        result.requests,
        fixed(result.roundMedian.totalMs, 3),
        fixed(result.all.totalMs?.p99, 3),
        added.totalMs
          ? `${signed(added.totalMs.median)} [${signed(added.totalMs.q1)}, ${signed(added.totalMs.q3)}]`
          : '–',
        streaming ? fixed(result.roundMedian.firstByteMs, 3) : '–',
        streaming ? fixed(result.roundMedian.firstArgsMs, 3) : '–',
        streaming && added.firstArgsMs ? signed(added.firstArgsMs.median) : '–',
        result.turn2 ? fixed(result.turn2.p50, 3) : '–',
        result.failures,
        `${fixed(100 * foreignBusy, 0)}%`,
      ]);
    }
  }
  return renderTable(
    [
      'scen',
      'target',
      'n',
      'p50 ms',
      'p99 ms',
      'added p50 vs bare [IQR]',
      'TTFB ms',
      '1st args ms',
      'added',
      'turn2 p50',
      'fail',
      'other',
    ],
    rows,
  );
}

/**
 * The five goals T1–T5 (bench/README.md, Goals), plus the calibration gate, each with value, threshold and
 * verdict.
 */
export function evaluateTargets({ closedLoop, sequential }) {
  const verdicts = [];
  const add = (id, description, value, threshold, pass, unit = '') =>
    verdicts.push({
      id,
      description,
      value,
      threshold,
      unit,
      pass: value === null || value === undefined ? null : pass,
    });
  const bareS1 = find(closedLoop, 'S1', 'bare');
  const toolbridgeS1 = find(closedLoop, 'S1', 'toolbridge');
  const toolbridgeS3 = find(closedLoop, 'S3', 'toolbridge');
  const directS1 = find(closedLoop, 'S1', 'direct');
  const s1Ratio = toolbridgeS1 && bareS1 ? toolbridgeS1.rps / bareS1.rps : null;
  add('T1', 'S1 throughput ≥ 0.8× bare proxy', s1Ratio, 0.8, s1Ratio >= 0.8, '×');
  // When the bare proxy cannot saturate its core (core 0 — upstream + load generator — runs out
  // first), requests per CPU-second is the fairer per-core comparison.
  const s1CpuRatio =
    toolbridgeS1?.cpuMsPer1k && bareS1?.cpuMsPer1k ? bareS1.cpuMsPer1k / toolbridgeS1.cpuMsPer1k : null;
  add('T1/cpu', 'S1 requests per CPU-second ≥ 0.8× bare proxy', s1CpuRatio, 0.8, s1CpuRatio >= 0.8, '×');
  for (const scenario of ['S1', 'S4']) {
    const added = sequential[scenario]?.toolbridge?.addedOverBare?.totalMs?.median;
    add(
      scenario === 'S1' ? 'T2' : 'T2/S4',
      `${scenario} sequential added latency (c=1) ≤ 0.2 ms p50`,
      added,
      0.2,
      added <= 0.2,
      ' ms',
    );
  }
  for (const scenario of ['S2', 'S2p']) {
    const added = sequential[scenario]?.toolbridge?.addedOverBare?.firstArgsMs?.median;
    add(
      scenario === 'S2' ? 'T3' : 'T3/S2p',
      `${scenario} time to first arguments delta within 1 ms of bare`,
      added,
      1,
      added <= 1,
      ' ms',
    );
  }
  const s3Ratio = toolbridgeS3 && bareS1 ? toolbridgeS3.rps / bareS1.rps : null;
  add('T4', 'S3 rate ≥ 0.6× bare proxy S1 rate', s3Ratio, 0.6, s3Ratio >= 0.6, '×');
  const s3CpuRatio =
    toolbridgeS3?.cpuMsPer1k && bareS1?.cpuMsPer1k ? bareS1.cpuMsPer1k / toolbridgeS3.cpuMsPer1k : null;
  add('T4/cpu', 'S3 requests per CPU-second ≥ 0.6× bare proxy S1', s3CpuRatio, 0.6, s3CpuRatio >= 0.6, '×');
  // The floor does S3's work and nothing else: its ratio is the most any Node gateway could show here.
  const floorS3 = find(closedLoop, 'S3', 'floor');
  const floorRatio = floorS3 && bareS1 ? floorS3.rps / bareS1.rps : null;
  add(
    'T4/floor',
    'S3 floor rate ÷ bare proxy S1 rate: the ceiling of T4 (informative)',
    floorRatio,
    null,
    null,
    '×',
  );
  const floorCpuRatio =
    floorS3?.cpuMsPer1k && toolbridgeS3?.cpuMsPer1k ? floorS3.cpuMsPer1k / toolbridgeS3.cpuMsPer1k : null;
  add(
    'T4/vs floor',
    'S3 requests per CPU-second, toolbridge ÷ floor (informative)',
    floorCpuRatio,
    null,
    null,
    '×',
  );
  const rss = toolbridgeS1?.peakRssMb;
  add('T5', 'toolbridge peak RSS under S1 ≤ 150 MB', rss, 150, rss <= 150, ' MB');
  const gate = directS1 && toolbridgeS1 ? directS1.rps / toolbridgeS1.rps : null;
  add('CAL', 'calibration: direct-to-upstream S1 rate ≥ 5× toolbridge S1 rate', gate, 5, gate >= 5, '×');
  const gateBare = directS1 && bareS1 ? directS1.rps / bareS1.rps : null;
  add(
    'CAL/bare',
    'calibration: direct S1 rate ÷ bare proxy S1 rate (informative)',
    gateBare,
    null,
    null,
    '×',
  );
  return verdicts;
}

export function verdictTable(verdicts) {
  return renderTable(
    ['id', 'goal', 'measured', 'verdict'],
    verdicts.map((verdict) => [
      verdict.id,
      verdict.description,
      typeof verdict.value === 'number'
        ? `${verdict.value.toFixed(verdict.unit === ' MB' ? 0 : 3)}${verdict.unit}`
        : 'n/a',
      verdict.pass === null ? (verdict.threshold === null ? 'info' : 'n/a') : verdict.pass ? 'MET' : 'MISSED',
    ]),
  );
}

/**
 * Correctness: every sampled or sequential response must carry the transcript's call, and the byte
 * relays and toolbridge must stay under 0.1 % errors under load. Returns the list of failures.
 */
export function correctnessFailures({ closedLoop, sequential }) {
  const failures = [];
  for (const row of closedLoop) {
    if (row.samples.failed > 0)
      failures.push(`${row.scenario}/${row.target} closed-loop sample: ${row.samples.problems[0]}`);
    if (row.samples.ok === 0) failures.push(`${row.scenario}/${row.target}: no response was verified`);
    const errors = row.errors + row.non2xx;
    if (row.target !== 'portkey' && errors > 0.001 * (row.requests + errors))
      failures.push(`${row.scenario}/${row.target}: ${errors} errors/non-2xx under load`);
  }
  for (const [scenario, { foreignBusy, ...results }] of Object.entries(sequential)) {
    for (const [target, result] of Object.entries(results)) {
      if (result.failures > 0) failures.push(`${scenario}/${target} sequential: ${result.firstFailure}`);
    }
  }
  return failures;
}

/** The worst "other jobs" CPU seen in any window, in cores. */
export function worstForeignBusy({ closedLoop, sequential }) {
  return Math.max(
    0,
    ...closedLoop.map((row) => row.foreignBusy ?? 0),
    ...Object.values(sequential).map((results) => results.foreignBusy ?? 0),
  );
}
