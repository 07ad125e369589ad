/**
 * Micro-benchmark of `SqliteResponseStore.save`: one transaction per save against group commit
 * (ADR 0005), at 1 and 16 concurrent writers, on a real WAL file. Not a test; it only prints.
 *
 *   npx tsc --outDir .toolbridge/sqlite-bench --rootDir packages/gateway/src --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck --strict \
 *     packages/gateway/src/storage/sqlite-group-commit.bench.ts
 *   node .toolbridge/sqlite-bench/storage/sqlite-group-commit.bench.js
 *
 * (The build leaves `*.bench.ts` out of `dist`; `.toolbridge/` is git-ignored.)
 *
 * Options: `--saves=N` per run (default 4000), `--rounds=N` (default 5, the median is printed),
 * `--synchronous=normal|full` (default normal, the gateway's default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PROJECT_ID as PROJECT, type StoredResponse } from './response-store.js';
import { SqliteResponseStore } from './sqlite-response-store.js';

interface RunResult {
  savesPerSecond: number;
  cpuMicrosPerSave: number;
  p50Ms: number;
  p99Ms: number;
}

const { values } = parseArgs({
  options: {
    saves: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '5' },
    synchronous: { type: 'string', default: 'normal' },
  },
});
const saves = Number(values.saves);
const rounds = Number(values.rounds);
const synchronous = values.synchronous === 'full' ? 'full' : 'normal';

/** A turn like bench scenario S3's follow-up: user message + tool output in, one call out (~3 KB). */
function makeRecord(id: string): StoredResponse {
  const createdAt = Math.floor(Date.now() / 1000);
  return {
    id,
    createdAt,
    previousResponseId: null,
    inputItems: [
      {
        type: 'message',
        id: `msg_${id}`,
        role: 'user',
        content: [{ type: 'input_text', text: 'Weather in Paris?' }],
        status: 'completed',
      },
      {
        type: 'function_call_output',
        id: `fco_${id}`,
        call_id: `call_${id}`,
        output: '18C sunny',
        status: 'completed',
      },
    ],
    response: {
      id,
      object: 'response',
      created_at: createdAt,
      completed_at: createdAt,
      presence_penalty: 0,
      frequency_penalty: 0,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: 'You are a helpful assistant that reports weather updates.',
      max_output_tokens: null,
      max_tool_calls: null,
      model: 'gpt-5.4',
      output: [
        {
          type: 'function_call',
          id: `fc_${id}`,
          call_id: `call2_${id}`,
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          status: 'completed',
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      prompt_cache_key: null,
      reasoning: null,
      safety_identifier: null,
      service_tier: 'default',
      store: true,
      temperature: 1,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: Array.from({ length: 4 }, (_, index) => ({
        type: 'function',
        name: `tool_${index}`,
        description: 'A tool the model may call; the description is about as long as real ones are.',
        parameters: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            unit: { type: 'string', enum: ['c', 'f'] },
          },
          required: ['city', 'unit'],
          additionalProperties: false,
        },
        strict: true,
      })),
      top_logprobs: 0,
      top_p: 1,
      truncation: 'disabled',
      usage: {
        input_tokens: 75,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 20,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 95,
      },
      user: null,
      metadata: {},
    },
  };
}

async function run(options: {
  groupCommit: boolean;
  concurrency: number;
  round: number;
}): Promise<RunResult> {
  const directory = mkdtempSync(join(tmpdir(), 'toolbridge-bench-'));
  const store = SqliteResponseStore.open(join(directory, 'bench.db'), {
    groupCommit: options.groupCommit,
    synchronous,
  });
  try {
    const prefix = `resp_${options.groupCommit ? 'g' : 's'}${options.concurrency}_${options.round}`;
    const records = Array.from({ length: saves }, (_, index) => makeRecord(`${prefix}_${index}`));
    for (let index = 0; index < 200; index += 1)
      await store.save(PROJECT, makeRecord(`${prefix}_warm_${index}`));
    const latencies: number[] = [];
    let next = 0;
    const writer = async (): Promise<void> => {
      for (let index = next++; index < records.length; index = next++) {
        const started = performance.now();
        await store.save(PROJECT, records[index]!);
        latencies.push(performance.now() - started);
      }
    };
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, writer));
    const elapsedMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    latencies.sort((a, b) => a - b);
    return {
      savesPerSecond: (saves / elapsedMs) * 1000,
      cpuMicrosPerSave: (used.user + used.system) / saves,
      p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
      p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    };
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function median(results: readonly RunResult[], key: keyof RunResult): number {
  const sorted = results.map((result) => result[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

console.log(
  `SqliteResponseStore.save, WAL, synchronous=${synchronous}, ${saves} saves per run, median of ${rounds} rounds`,
);
console.log('mode                   conc   saves/s   CPU µs/save   p50 ms   p99 ms');
for (const concurrency of [1, 16]) {
  for (const groupCommit of [false, true]) {
    const results: RunResult[] = [];
    for (let round = 0; round < rounds; round += 1)
      results.push(await run({ groupCommit, concurrency, round }));
    const mode = groupCommit ? 'group commit (batched)' : 'one tx per save       ';
    console.log(
      `${mode} ${String(concurrency).padStart(4)} ${median(results, 'savesPerSecond').toFixed(0).padStart(9)} ${median(results, 'cpuMicrosPerSave').toFixed(1).padStart(13)} ${median(results, 'p50Ms').toFixed(3).padStart(8)} ${median(results, 'p99Ms').toFixed(3).padStart(8)}`,
    );
  }
}
