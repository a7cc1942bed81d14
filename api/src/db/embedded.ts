import { Worker } from 'node:worker_threads';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, Queryable } from './types.ts';

/** An error raised by the database, with PostgreSQL's SQLSTATE when there is one. */
export class DbError extends Error {
  constructor(message: string, readonly code?: string, readonly detail?: string) {
    super(message);
    this.name = 'DbError';
  }
}

/** Serializes work on the single embedded backend; a transaction holds it from BEGIN to COMMIT. */
class Lock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const COPY_CHUNK = 16 * 1024 * 1024;

/**
 * The embedded default database: PGlite under `dataDir` (in memory when omitted), run in a worker thread.
 * Exposes the same interface and SQL as {@link createPostgresDb}.
 */
export function createEmbeddedDb(dataDir?: string): Db {
  let lockFile: string | null = null;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lockFile = join(dataDir, 'fiscal-cockpit.lock');
    takeLock(lockFile);
  }
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
  });
  worker.unref();
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let dead: Error | null = null;
  worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: { message: string; code?: string; detail?: string } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new DbError(m.error!.message, m.error!.code, m.error!.detail));
  });
  const fail = (err: Error) => {
    dead = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new DbError(`embedded database stopped (exit ${code})`)));

  const call = (msg: Record<string, unknown>): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...msg, id });
    }).finally(() => {
      if (pending.size === 0) worker.unref();
    });
  };

  const raw: Queryable = {
    query: async <T>(sql: string, params?: readonly unknown[]) => (await call({ op: 'query', sql, params: params ? [...params] : [] })) as T[],
    // PGlite writes the whole result to a blob, handed over (transferred, not copied) as one chunk.
    copyOut: async (sql: string, onChunk: (chunk: Uint8Array) => void) => onChunk((await call({ op: 'copyout', sql })) as Uint8Array),
    exec: async (sql: string) => {
      await call({ op: 'exec', sql });
    },
    async copyFrom(table, columns, chunks) {
      const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      let buf: string[] = [];
      let size = 0;
      let rows = 0;
      const flush = async () => {
        if (size === 0) return;
        rows += Number(await call({ op: 'copy', sql, csv: buf.join('') }));
        buf = [];
        size = 0;
      };
      for await (const chunk of chunks as AsyncIterable<string>) {
        buf.push(chunk);
        size += chunk.length;
        if (size >= COPY_CHUNK) await flush();
      }
      await flush();
      return rows;
    },
  };

  const lock = new Lock();
  return {
    kind: 'embedded',
    query: (sql, params) => lock.run(() => raw.query(sql, params)),
    copyOut: (sql, onChunk) => lock.run(() => raw.copyOut(sql, onChunk)),
    exec: (sql) => lock.run(() => raw.exec(sql)),
    copyFrom: (t, c, ch) => lock.run(() => raw.copyFrom(t, c, ch)),
    transaction: (fn) =>
      lock.run(async () => {
        await raw.exec('BEGIN');
        try {
          const result = await fn(raw);
          await raw.exec('COMMIT');
          return result;
        } catch (err) {
          await raw.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    async close() {
      if (lockFile) rmSync(lockFile, { force: true });
      if (dead) return;
      await lock.run(() => call({ op: 'close' })).catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** The embedded database allows one process: a second one (say the CLI while the server runs) is refused clearly. */
function takeLock(file: string) {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new DbError(`内置数据库正被进程 ${pid} 使用（${file}）：请先停止它，或设置 DATABASE_URL 使用 PostgreSQL`, 'lock');
      } catch (e) {
        if (e instanceof DbError) throw e; // the process is alive
      }
    }
  } catch (e) {
    if (e instanceof DbError) throw e;
  }
  writeFileSync(file, String(process.pid));
  process.once('exit', () => rmSync(file, { force: true }));
}
