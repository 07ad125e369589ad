import type { QueryResultRow } from 'pg';
import type {
  ChatCompletionStore,
  ChatCompletionsPage,
  ListChatCompletionsOptions,
  StoredChatCompletion,
} from './chat-completion-store.js';
import { createdBeforeBound, deleteRowBudget } from './created-before-bound.js';
import {
  type ChatCompletionRow,
  chatConflict,
  checkListBounds,
  decodeStoredChatCompletion,
  unknownCursor,
} from './decode-stored-chat-completion.js';
import { encodeStoredChatCompletion } from './encode-stored-chat-completion.js';

/** Retention: the oldest completions first, through the (created_at, id) index, a bounded batch. */
const DELETE_OLDER = `DELETE FROM toolbridge_chat_completions WHERE seq IN (
  SELECT seq FROM toolbridge_chat_completions WHERE created_at < $1 ORDER BY created_at, id LIMIT $2)
  RETURNING seq`;

/** Runs one query with the owning store's open check and error mapping. */
export type PgQuery = <Row extends QueryResultRow>(
  action: string,
  text: string,
  values: unknown[],
) => Promise<{ rows: Row[] }>;

const COLUMNS = `id, project_id AS "projectId", created_at AS "createdAt", model,
  metadata::text AS "metadataJson", messages::text AS "messagesJson", completion::text AS "completionJson",
  provider, cost_usd AS "costUsd", latency_ms AS "latencyMs", trace AS "traceJson"`;

const INSERT = `INSERT INTO toolbridge_chat_completions (id, project_id, created_at, model, metadata, messages,
    completion, provider, status, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, trace)
  VALUES ($1, $2, $3, $4, $5::json, $6::json, $7::json, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (id) DO NOTHING RETURNING 1 AS saved`;
const SELECT = `SELECT ${COLUMNS} FROM toolbridge_chat_completions WHERE id = $1 AND project_id = $2`;
const CURSOR = 'SELECT seq FROM toolbridge_chat_completions WHERE id = $1 AND project_id = $2';
const UPDATE = `UPDATE toolbridge_chat_completions SET metadata = $1::json WHERE id = $2 AND project_id = $3
  RETURNING ${COLUMNS}`;
const DELETE = 'DELETE FROM toolbridge_chat_completions WHERE id = $1 AND project_id = $2 RETURNING 1';

/** `metadata ->> key` without failing on `\u0000` escapes (see `migrate-postgres-schema.ts`). */
const METADATA_DOC = String.raw`regexp_replace(metadata::text, '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd', 'g')::json`;

/** Stored Chat Completions in `toolbridge_chat_completions` (schema step 3), listed in `seq` order. */
export class PostgresChatCompletionStore implements ChatCompletionStore {
  readonly #query: PgQuery;

  constructor(query: PgQuery) {
    this.#query = query;
  }

  async save(record: StoredChatCompletion): Promise<void> {
    const row = encodeStoredChatCompletion(record);
    const { rows } = await this.#query('chatCompletions.save', INSERT, [
      row.id,
      row.projectId,
      row.createdAt,
      row.model,
      row.metadataJson,
      row.messagesJson,
      row.completionJson,
      row.provider,
      row.status,
      row.inputTokens,
      row.outputTokens,
      row.cachedTokens,
      row.costUsd,
      row.latencyMs,
      row.traceJson,
    ]);
    if (rows.length === 0) throw chatConflict(row.id);
  }

  async get(id: string, projectId = 'default'): Promise<StoredChatCompletion | null> {
    const { rows } = await this.#query<ChatCompletionRow>('chatCompletions.get', SELECT, [id, projectId]);
    const row = rows[0];
    return row === undefined ? null : decodeStoredChatCompletion(row);
  }

  async list(options: ListChatCompletionsOptions = {}): Promise<ChatCompletionsPage> {
    const { projectId = 'default', limit = 20, order = 'asc', after, model, metadata = [] } = options;
    checkListBounds(limit, order);
    const values: unknown[] = [projectId];
    const where = ['project_id = $1'];
    if (after !== undefined) {
      const { rows } = await this.#query<{ seq: string }>('chatCompletions.list', CURSOR, [after, projectId]);
      const cursor = rows[0];
      if (cursor === undefined) throw unknownCursor(after);
      values.push(cursor.seq);
      where.push(`seq ${order === 'asc' ? '>' : '<'} $${values.length}`);
    }
    if (model !== undefined) {
      values.push(model);
      where.push(`model = $${values.length}`);
    }
    for (const [key, value] of metadata) {
      values.push(key, value);
      where.push(`${METADATA_DOC} ->> $${values.length - 1} = $${values.length}`);
    }
    values.push(limit + 1);
    // Built from fixed fragments only; every value is a bound parameter.
    const text = `SELECT ${COLUMNS} FROM toolbridge_chat_completions WHERE ${where.join(' AND ')}
      ORDER BY seq ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${values.length}`;
    const { rows } = await this.#query<ChatCompletionRow>('chatCompletions.list', text, values);
    return { data: rows.slice(0, limit).map(decodeStoredChatCompletion), hasMore: rows.length > limit };
  }

  async updateMetadata(
    id: string,
    metadata: Record<string, string> | null,
    projectId = 'default',
  ): Promise<StoredChatCompletion | null> {
    const json = metadata === null ? null : JSON.stringify(metadata);
    const { rows } = await this.#query<ChatCompletionRow>('chatCompletions.updateMetadata', UPDATE, [
      json,
      id,
      projectId,
    ]);
    const row = rows[0];
    return row === undefined ? null : decodeStoredChatCompletion(row);
  }

  async delete(id: string, projectId = 'default'): Promise<boolean> {
    const { rows } = await this.#query('chatCompletions.delete', DELETE, [id, projectId]);
    return rows.length > 0;
  }

  async deleteOlderThan(createdBefore: number, { maxRows }: { maxRows: number }): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const budget = deleteRowBudget({ maxRows });
    const { rows } = await this.#query('chatCompletions.deleteOlderThan', DELETE_OLDER, [bound, budget]);
    return rows.length;
  }
}
