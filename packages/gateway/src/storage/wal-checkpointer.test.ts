import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteResponseStore } from './sqlite-response-store.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-wal-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until<T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WalCheckpointer', () => {
  it('copies the log into the database from its own thread while the writer keeps writing', async () => {
    const path = tempFile();
    const database = new Database(path);
    database.pragma('journal_mode = WAL');
    // Only the worker checkpoints here: the writer's own automatic checkpoint is off.
    database.pragma('wal_autocheckpoint = 0');
    database.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = database.prepare('INSERT INTO t (body) VALUES (?)');
    for (let index = 0; index < 200; index++) insert.run('x'.repeat(2_000));
    const checkpointer = WalCheckpointer.start(path, { intervalMs: 10, busyTimeoutMs: 1_000 });
    try {
      const pass = await until(() => {
        const last = checkpointer.lastPass;
        return last !== undefined && last.checkpointedFrames === last.logFrames ? last : undefined;
      });
      expect(pass.logFrames).toBeGreaterThan(100);
      // The log is all in the database: the writer's next transaction starts the log over.
      insert.run('y');
      const [row] = database.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      expect(row?.log).toBeLessThan(pass.logFrames);
    } finally {
      await checkpointer.stop();
      database.close();
    }
  });

  it('leaves the process running when its worker cannot open the file', async () => {
    const checkpointer = WalCheckpointer.start(join(tempFile(), 'missing', 'nothing.db'), {
      intervalMs: 10,
      busyTimeoutMs: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(checkpointer.lastPass).toBeUndefined();
    await checkpointer.stop();
  });

  it('runs beside a SQLite response store on a file, which stops it on close', async () => {
    const path = tempFile();
    const store = SqliteResponseStore.open(path);
    await store.save('default', {
      id: 'resp_wal_1',
      createdAt: 1_767_225_600,
      previousResponseId: null,
      inputItems: [
        { id: 'msg_wal_1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      ],
      response: { id: 'resp_wal_1', object: 'response', status: 'completed', model: 'm', output: [] },
    } as never);
    // Long enough for the worker to open its connection (it checkpoints every 200 ms by default).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.close();
    // The worker's connection was closed first: the store's, the last one, folded the log into the
    // file and removed it, which SQLite does not do while another connection has the file open.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    expect(reopened.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 1 });
    reopened.close();
  });
});
