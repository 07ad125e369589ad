import type Database from 'better-sqlite3';
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

/** Runs a query with the owning store's open check and error mapping. */
export type RunQuery = <T>(action: string, query: () => T) => T;

const COLUMNS = `id, project_id AS projectId, created_at AS createdAt, model, metadata AS metadataJson,
  messages AS messagesJson, completion AS completionJson, provider, cost_usd AS costUsd,
  latency_ms AS latencyMs, trace AS traceJson`;

/**
 * Stored Chat Completions in the same SQLite file as the responses (`chat_completions`, schema step 3).
 * List order is insertion order (`seq`), which is creation order, with a stable cursor.
 */
export class SqliteChatCompletionStore implements ChatCompletionStore {
  readonly #database: Database.Database;
  readonly #run: RunQuery;
  readonly #insert: Database.Statement;
  readonly #select: Database.Statement<[string, string], ChatCompletionRow>;
  readonly #updateMetadata: Database.Statement<[string | null, string, string]>;
  readonly #delete: Database.Statement<[string, string]>;
  readonly #cursor: Database.Statement<[string, string], { seq: number }>;
  readonly #deleteOlder: Database.Statement<[number, number]>;

  constructor(database: Database.Database, run: RunQuery) {
    this.#database = database;
    this.#run = run;
    // Oldest first through the (created_at, id) index, a bounded batch per statement.
    this.#deleteOlder = database.prepare(
      `DELETE FROM chat_completions WHERE seq IN (
         SELECT seq FROM chat_completions WHERE created_at < ? ORDER BY created_at, id LIMIT ?)`,
    );
    this.#insert = database.prepare(
      `INSERT INTO chat_completions (id, project_id, created_at, model, metadata, messages, completion,
         provider, status, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, trace)
       VALUES (@id, @projectId, @createdAt, @model, @metadataJson, @messagesJson, @completionJson,
         @provider, @status, @inputTokens, @outputTokens, @cachedTokens, @costUsd, @latencyMs, @traceJson)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.#select = database.prepare(
      `SELECT ${COLUMNS} FROM chat_completions WHERE id = ? AND project_id = ?`,
    );
    this.#updateMetadata = database.prepare(
      'UPDATE chat_completions SET metadata = ? WHERE id = ? AND project_id = ?',
    );
    this.#delete = database.prepare('DELETE FROM chat_completions WHERE id = ? AND project_id = ?');
    this.#cursor = database.prepare('SELECT seq FROM chat_completions WHERE id = ? AND project_id = ?');
  }

  async save(record: StoredChatCompletion): Promise<void> {
    const row = encodeStoredChatCompletion(record);
    const { changes } = this.#run('chatCompletions.save', () => this.#insert.run(row));
    if (changes === 0) throw chatConflict(row.id);
  }

  async get(id: string, projectId = 'default'): Promise<StoredChatCompletion | null> {
    const row = this.#run('chatCompletions.get', () => this.#select.get(id, projectId));
    return row === undefined ? null : decodeStoredChatCompletion(row);
  }

  async list(options: ListChatCompletionsOptions = {}): Promise<ChatCompletionsPage> {
    const { projectId = 'default', limit = 20, order = 'asc', after, model, metadata = [] } = options;
    checkListBounds(limit, order);
    const where = ['project_id = @projectId'];
    const params: Record<string, string | number> = { projectId, limit: limit + 1 };
    if (after !== undefined) {
      const cursor = this.#run('chatCompletions.list', () => this.#cursor.get(after, projectId));
      if (cursor === undefined) throw unknownCursor(after);
      where.push(order === 'asc' ? 'seq > @after' : 'seq < @after');
      params['after'] = cursor.seq;
    }
    if (model !== undefined) {
      where.push('model = @model');
      params['model'] = model;
    }
    metadata.forEach(([key, value], index) => {
      where.push(
        `EXISTS (SELECT 1 FROM json_each(metadata) WHERE key = @key${index} AND value = @value${index})`,
      );
      params[`key${index}`] = key;
      params[`value${index}`] = value;
    });
    // Built from fixed fragments only; every value is a bound parameter.
    const sql = `SELECT ${COLUMNS} FROM chat_completions WHERE ${where.join(' AND ')}
      ORDER BY seq ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT @limit`;
    const rows = this.#run('chatCompletions.list', () =>
      this.#database.prepare<Record<string, string | number>, ChatCompletionRow>(sql).all(params),
    );
    return { data: rows.slice(0, limit).map(decodeStoredChatCompletion), hasMore: rows.length > limit };
  }

  async updateMetadata(
    id: string,
    metadata: Record<string, string> | null,
    projectId = 'default',
  ): Promise<StoredChatCompletion | null> {
    const json = metadata === null ? null : JSON.stringify(metadata);
    const { changes } = this.#run('chatCompletions.updateMetadata', () =>
      this.#updateMetadata.run(json, id, projectId),
    );
    return changes === 0 ? null : this.get(id, projectId);
  }

  async delete(id: string, projectId = 'default'): Promise<boolean> {
    return this.#run('chatCompletions.delete', () => this.#delete.run(id, projectId)).changes > 0;
  }

  async deleteOlderThan(createdBefore: number, { maxRows }: { maxRows: number }): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const budget = deleteRowBudget({ maxRows });
    return this.#run('chatCompletions.deleteOlderThan', () => this.#deleteOlder.run(bound, budget)).changes;
  }
}
