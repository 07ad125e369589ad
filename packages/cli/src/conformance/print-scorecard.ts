import type { Terminal } from '../output/terminal.js';
import type { CaseResult, CaseStatus, ConformanceReport } from './conformance-report.js';
import { show } from './describe-check.js';

const MARKS: Record<CaseStatus, { mark: string; style: 'green' | 'red' | 'yellow' | 'cyan' }> = {
  pass: { mark: '✓', style: 'green' },
  fail: { mark: '✗', style: 'red' },
  unsupported: { mark: '–', style: 'yellow' },
  'no-call': { mark: '?', style: 'cyan' },
};

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function caseLines(out: Terminal, entry: CaseResult, widths: { id: number; api: number }): string[] {
  const { mark, style } = MARKS[entry.status];
  const head = `  ${out.style(style, mark)} ${pad(entry.id, widths.id)}${pad(entry.api, widths.api)}${entry.title}`;
  if (entry.status === 'pass') return [head];
  const [first] = entry.evidence;
  if (entry.status === 'unsupported') {
    const why = typeof first?.actual === 'string' ? first.actual : show(first?.actual, 160);
    return [head, out.style('dim', `      not supported: ${first?.step ?? ''}: ${why}`)];
  }
  if (entry.status === 'no-call')
    return [
      head,
      out.style(
        'dim',
        `      model did not call: expected ${show(first?.expected)}, got ${show(first?.actual)}`,
      ),
    ];
  return [
    head,
    ...entry.evidence.flatMap((evidence) => [
      `      ${out.style('bold', evidence.step)}: ${evidence.check}`,
      `        expected ${show(evidence.expected, 160)}`,
      `        got      ${out.style('red', show(evidence.actual, 160))}`,
    ]),
  ];
}

/** The one-line summary of a run, e.g. `83 cases: 80 passed, 1 failed, … score 99 % (80 of 81 decided)`. */
export function summaryLine(report: ConformanceReport): string {
  const { total, passed, failed, unsupported, noCall, score } = report.summary;
  const decided = passed + failed;
  const percent =
    score === null
      ? 'no score (nothing decided)'
      : `score ${Math.floor(score * 1000) / 10} % (${passed} of ${decided} decided)`;
  return `${total} cases: ${passed} passed, ${failed} failed, ${unsupported} not supported, ${noCall} model did not call — ${percent}`;
}

/**
 * Prints the scorecard (docs/conformance.md#the-scorecard): the features probed, then one row per
 * case grouped by area, with the evidence of every failure, then the summary line.
 */
export function printScorecard(out: Terminal, report: ConformanceReport): void {
  out.line(
    out.style(
      'bold',
      `toolbridge conformance  ${report.baseUrl}  model ${report.model}  apis ${report.apis.join(', ')}`,
    ),
  );
  if (report.features.length > 0) {
    out.line();
    out.line(out.style('bold', 'features'));
    const width = Math.max(...report.features.map((feature) => feature.id.length)) + 2;
    for (const feature of report.features) {
      const mark = feature.supported ? out.style('green', '✓') : out.style('yellow', '–');
      const evidence = feature.evidence[0];
      const why =
        feature.supported || evidence === undefined
          ? ''
          : out.style('dim', `  (${evidence.check}: got ${show(evidence.actual)})`);
      out.line(`  ${mark} ${pad(feature.id, width)}${feature.title}${why}`);
    }
  }
  const widths = {
    id: Math.max(4, ...report.cases.map((entry) => entry.id.length)) + 2,
    api: Math.max(4, ...report.cases.map((entry) => entry.api.length)) + 2,
  };
  const areas = [...new Set(report.cases.map((entry) => entry.area))];
  for (const area of areas) {
    out.line();
    out.line(out.style('bold', area));
    for (const entry of report.cases.filter((each) => each.area === area))
      for (const line of caseLines(out, entry, widths)) out.line(line);
  }
  out.line();
  const style = report.summary.failed > 0 ? 'red' : 'green';
  out.line(out.style(style, summaryLine(report)));
}
