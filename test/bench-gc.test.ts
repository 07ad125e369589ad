// The --gc bench mode's reading of V8's --trace-gc-nvp lines (bench/gc.mjs).
import { describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { parseNvpLine, summarizeGc } from '../bench/gc.mjs';

const scavenge = (atMs: number, pause: number, allocated: number, promoted: number): string =>
  `[19477:0x3b177db0]      ${atMs} ms: pause=${pause} mutator=37.1 gc=s reduce_memory=0 scavenge=2.74 ` +
  `total_size_before=4801560 allocated=${allocated} promoted=${promoted} promotion_ratio=31.7% average_survival_ratio=46.5%`;
const markCompact = (atMs: number, pause: number): string =>
  `[19477:0x3b177db0]      ${atMs} ms: pause=${pause} mutator=900.2 gc=mc reduce_memory=0 mark=4.1 promoted=0`;

describe('bench --gc', () => {
  it('reads the fields of one --trace-gc-nvp line, and ignores other output', () => {
    expect(parseNvpLine(scavenge(126, 2.8, 1147888, 309632))).toMatchObject({
      atMs: 126,
      pause: 2.8,
      gc: 's',
      allocated: 1147888,
      promoted: 309632,
      promotion_ratio: 31.7,
    });
    expect(parseNvpLine('{"level":30,"msg":"request"}')).toBeNull();
  });

  it('sums only the collections inside the window, per scavenge and per 1,000 requests', () => {
    const lines = [
      scavenge(50, 9, 4e6, 3e6),
      scavenge(1000, 1, 10e6, 0.1e6),
      scavenge(1500, 3, 14e6, 0.3e6),
      markCompact(1800, 6),
      '{"level":30,"msg":"request"}',
      scavenge(9000, 50, 1e6, 1e6),
    ];
    const summary = summarizeGc(lines, { fromMs: 900, toMs: 2000, requests: 500 });
    expect(summary.scavenges).toBe(2);
    expect(summary.fullCollections).toBe(1);
    expect(summary.allocatedMbPerScavenge).toBeCloseTo(12);
    expect(summary.promotedMbPerScavenge).toBeCloseTo(0.2);
    expect(summary.meanScavengeMs).toBeCloseTo(2);
    expect(summary.maxPauseMs).toBe(6);
    expect(summary.pauseMsPer1k).toBeCloseTo(20);
  });
});
