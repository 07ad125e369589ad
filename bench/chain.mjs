// `npm run bench -- --chain`: what following a previous_response_id chain costs the gateway, in one
// process and one run. Each turn of an agent on the Responses API continues the last response, and
// every stored Response echoes the turn's tools (50 strict tools: ~20 KB). The gateway rebuilds the
// conversation from the chain on every turn; this measures that read from the built SQLite store
// (packages/gateway/dist) at several chain depths, two ways on the same file:
//   records  loadChain + each record's input and output items: every Response parsed whole (the
//            gateway's way before the output column, kept here as the reference);
//   items    loadChainItems: the input items and the output column only (the gateway's way now).
// Both must return the same items before anything is timed. The two alternate in rounds, so drift on
// this shared machine falls on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteResponseStore } from '@toolbridge/gateway';
import { heavyResponsesBody } from './lib/scenario-bodies.mjs';
import { median, microsecondsPerCall } from './lib/stats.mjs';
import { fixed, renderTable } from './lib/table.mjs';
import { writeResult } from './lib/write-result.mjs';

const PROJECT = 'default';
const DEPTHS = { full: [1, 5, 10, 20, 40], quick: [1, 5, 10] };
const ROUNDS = { full: 15, quick: 3 };
/** Loads per path and round: enough for ~10 ms at the deepest chain, so timer noise stays small. */
const LOADS_PER_ROUND = 20;

/** The tools a Response echoes for S4r's request: flat, with `strict` resolved and nulls filled in. */
function echoedTools() {
  const { tools } = JSON.parse(heavyResponsesBody('bench'));
  return tools.map((tool) => ({ ...tool, description: tool.description ?? null, strict: true }));
}

/** Turn `turn` of a chain: one tool result in, one call out, as the gateway stores them. */
function record(prefix, turn, tools) {
  const id = `resp_${prefix}_${turn}`;
  const callId = `call_${prefix}_${turn}`;
  const output = [
    {
      type: 'function_call',
      id: `fc_${prefix}_${turn}`,
      call_id: callId,
      name: 'tool_01_operation',
      arguments: JSON.stringify({ field_0: 'x', field_1: turn, field_2: true }),
      status: 'completed',
    },
  ];
  return {
    id,
    createdAt: 1_800_000_000 + turn,
    previousResponseId: turn === 0 ? null : `resp_${prefix}_${turn - 1}`,
    inputItems: [
      turn === 0
        ? { type: 'message', id: `msg_${prefix}_0`, role: 'user', content: 'Reconcile the open orders.' }
        : {
            type: 'function_call_output',
            id: `fco_${prefix}_${turn}`,
            call_id: `call_${prefix}_${turn - 1}`,
            output: JSON.stringify({ reconciled: true, lines: turn }),
            status: 'completed',
          },
    ],
    response: {
      id,
      object: 'response',
      created_at: 1_800_000_000 + turn,
      status: 'completed',
      model: 'bench',
      output,
      tools,
      usage: null,
    },
  };
}

async function viaRecords(store, id) {
  const chain = await store.loadChain(PROJECT, id);
  return chain.flatMap((entry) => [...entry.inputItems, ...entry.response.output]);
}

async function viaItems(store, id) {
  return store.loadChainItems(PROJECT, id);
}

const timeLoads = (load, store, id) => microsecondsPerCall(() => load(store, id), LOADS_PER_ROUND);

/** Runs the measurement; returns { rows, file }. */
export async function runChainLoad(options) {
  const profile = options.quick ? 'quick' : 'full';
  const depths = DEPTHS[profile];
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-chain-'));
  const store = SqliteResponseStore.open(join(dir, 'chain.db'));
  const tools = echoedTools();
  const rows = [];
  try {
    const deepest = Math.max(...depths);
    for (let turn = 0; turn < deepest; turn++) await store.save(PROJECT, record('agent', turn, tools));
    for (const depth of depths) {
      const id = `resp_agent_${depth - 1}`;
      const [expected, actual] = [await viaRecords(store, id), await viaItems(store, id)];
      if (JSON.stringify(actual) !== JSON.stringify(expected) || expected.length !== depth * 2)
        throw new Error(`loadChainItems differs from loadChain at depth ${depth}`);
      const records = [];
      const items = [];
      await timeLoads(viaRecords, store, id);
      await timeLoads(viaItems, store, id);
      for (let round = 0; round < ROUNDS[profile]; round++) {
        records.push(await timeLoads(viaRecords, store, id));
        items.push(await timeLoads(viaItems, store, id));
      }
      const [before, after] = [median(records), median(items)];
      rows.push({ depth, recordsUs: before, itemsUs: after, ratio: after / before });
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nFollowing a previous_response_id chain (SQLite, ${tools.length} tools echoed per Response; ` +
      `median of ${ROUNDS[profile]} rounds × ${LOADS_PER_ROUND} loads)\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['depth', 'records µs', 'items µs', 'items ÷ records'],
      rows.map((row) => [
        String(row.depth),
        fixed(row.recordsUs, 0),
        fixed(row.itemsUs, 0),
        fixed(row.ratio, 2),
      ]),
    )}\n`,
  );
  const file = options.write
    ? writeResult({ schema: 'toolbridge-bench-chain/1', rows }, { suffix: '-chain' })
    : null;
  if (file !== null) process.stdout.write(`written: ${file}\n`);
  return { rows, file };
}
