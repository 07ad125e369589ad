import { mergeTraffic, type TrafficRow, toTrafficEntry, trafficLimit } from './merge-traffic.js';
import type { PgQuery } from './postgres-chat-completion-store.js';
import type { StoredTrace } from './stored-trace.js';
import { decodeTrace, type TraceRow } from './trace-columns.js';
import type { ListTrafficOptions, TrafficEntry, TrafficPage, TrafficStore } from './traffic-store.js';

const TRACES = `SELECT id, provider, cost_usd AS "costUsd", latency_ms AS "latencyMs", trace AS "traceJson"
  FROM toolbridge_responses WHERE id = ANY ($1::text[])`;

const SHARED = `id, created_at AS "createdAt", model, provider, status, input_tokens AS "inputTokens",
  output_tokens AS "outputTokens", cached_tokens AS "cachedTokens", cost_usd AS "costUsd",
  latency_ms AS "latencyMs", trace AS "traceJson", project_id AS "projectId"`;

const TABLES = {
  response: {
    table: 'toolbridge_responses',
    columns: `'response' AS kind, ${SHARED}, previous_response_id AS "previousResponseId"`,
  },
  'chat.completion': {
    table: 'toolbridge_chat_completions',
    columns: `'chat.completion' AS kind, ${SHARED}, NULL AS "previousResponseId"`,
  },
} as const;

/** The viewer's traffic list over the PostgreSQL tables (indexes from schema step 3). */
export class PostgresTrafficStore implements TrafficStore {
  readonly #query: PgQuery;

  constructor(query: PgQuery) {
    this.#query = query;
  }

  async responseTraces(ids: readonly string[]): Promise<Map<string, StoredTrace>> {
    const { rows } = await this.#query<TraceRow & { id: string }>('responseTraces', TRACES, [ids]);
    return new Map(rows.map((row) => [row.id, decodeTrace(row)]));
  }

  async listTraffic(options: ListTrafficOptions = {}): Promise<TrafficPage> {
    const limit = trafficLimit(options);
    const kinds = options.kind === undefined ? (['response', 'chat.completion'] as const) : [options.kind];
    const lists = await Promise.all(kinds.map((kind) => this.#page(kind, options, limit)));
    return mergeTraffic(lists, limit);
  }

  async #page(
    kind: keyof typeof TABLES,
    options: ListTrafficOptions,
    limit: number,
  ): Promise<TrafficEntry[]> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (options.projectId !== undefined) {
      values.push(options.projectId);
      where.push(`project_id = $${values.length}`);
    }
    for (const field of ['model', 'provider', 'status'] as const) {
      const value = options[field];
      if (value !== undefined) {
        values.push(value);
        where.push(`${field} = $${values.length}`);
      }
    }
    if (options.before !== undefined) {
      values.push(options.before.createdAt, options.before.id);
      const at = `$${values.length - 1}`;
      where.push(`(created_at < ${at} OR (created_at = ${at} AND id < $${values.length}))`);
    }
    values.push(limit + 1);
    const { table, columns } = TABLES[kind];
    // Fixed fragments only; every value is a bound parameter.
    const text = `SELECT ${columns} FROM ${table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT $${values.length}`;
    const { rows } = await this.#query<TrafficRow>('listTraffic', text, values);
    return rows.map(toTrafficEntry);
  }
}
