import type Database from 'better-sqlite3';
import { mergeTraffic, type TrafficRow, toTrafficEntry, trafficLimit } from './merge-traffic.js';
import type { RunQuery } from './sqlite-chat-completion-store.js';
import type { StoredTrace } from './stored-trace.js';
import { decodeTrace, type TraceRow } from './trace-columns.js';
import type { ListTrafficOptions, TrafficEntry, TrafficPage, TrafficStore } from './traffic-store.js';

const SHARED = `id, created_at AS createdAt, model, provider, status, input_tokens AS inputTokens,
  output_tokens AS outputTokens, cached_tokens AS cachedTokens, cost_usd AS costUsd, latency_ms AS latencyMs,
  trace AS traceJson, project_id AS projectId`;

const TABLES = {
  response: {
    table: 'responses',
    columns: `'response' AS kind, ${SHARED}, previous_response_id AS previousResponseId`,
  },
  'chat.completion': {
    table: 'chat_completions',
    columns: `'chat.completion' AS kind, ${SHARED}, NULL AS previousResponseId`,
  },
} as const;

/** The viewer's traffic list over the SQLite tables (indexes from schema step 3). */
export class SqliteTrafficStore implements TrafficStore {
  readonly #database: Database.Database;
  readonly #run: RunQuery;
  readonly #statements = new Map<string, Database.Statement<Record<string, string | number>, TrafficRow>>();

  readonly #traces: Database.Statement<[string], TraceRow & { id: string }>;

  constructor(database: Database.Database, run: RunQuery) {
    this.#database = database;
    this.#run = run;
    this.#traces = database.prepare(
      `SELECT id, provider, cost_usd AS costUsd, latency_ms AS latencyMs, trace AS traceJson
         FROM responses WHERE id IN (SELECT value FROM json_each(?))`,
    );
  }

  async responseTraces(ids: readonly string[]): Promise<Map<string, StoredTrace>> {
    const rows = this.#run('responseTraces', () => this.#traces.all(JSON.stringify(ids)));
    return new Map(rows.map((row) => [row.id, decodeTrace(row)]));
  }

  async listTraffic(options: ListTrafficOptions = {}): Promise<TrafficPage> {
    const limit = trafficLimit(options);
    const kinds = options.kind === undefined ? (['response', 'chat.completion'] as const) : [options.kind];
    const lists = kinds.map((kind) => this.#page(kind, options, limit));
    return mergeTraffic(lists, limit);
  }

  #page(kind: keyof typeof TABLES, options: ListTrafficOptions, limit: number): TrafficEntry[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: limit + 1 };
    if (options.projectId !== undefined) {
      where.push('project_id = @projectId');
      params['projectId'] = options.projectId;
    }
    for (const field of ['model', 'provider', 'status'] as const) {
      const value = options[field];
      if (value !== undefined) {
        where.push(`${field} = @${field}`);
        params[field] = value;
      }
    }
    if (options.before !== undefined) {
      where.push('(created_at < @beforeAt OR (created_at = @beforeAt AND id < @beforeId))');
      params['beforeAt'] = options.before.createdAt;
      params['beforeId'] = options.before.id;
    }
    const { table, columns } = TABLES[kind];
    // Fixed fragments only (at most 2 × 2⁵ shapes, each prepared once); values are bound parameters.
    const sql = `SELECT ${columns} FROM ${table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT @limit`;
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare<Record<string, string | number>, TrafficRow>(sql);
      this.#statements.set(sql, statement);
    }
    const prepared = statement;
    return this.#run('listTraffic', () => prepared.all(params)).map(toTrafficEntry);
  }
}
