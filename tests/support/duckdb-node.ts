import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duck from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));

/** DuckDB-WASM under Node (the synchronous build), the same engine as in the browser. */
export async function openDuckDb() {
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duck.createDuckDB(bundles, new duck.VoidLogger(), duck.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  return {
    /** Loads Arrow IPC stream bytes as a table. */
    load(name: string, ipc: Uint8Array) {
      conn.insertArrowFromIPCStream(ipc, { name, create: true });
    },
    /** Runs a query with bound parameters; returns plain row objects (BIGINT as bigint). */
    query(sql: string, params: unknown[] = []): Record<string, unknown>[] {
      const stmt = conn.prepare(sql);
      try {
        const t = stmt.query(...params);
        return t.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
      } finally {
        stmt.close();
      }
    },
    close() {
      conn.close();
    },
  };
}
