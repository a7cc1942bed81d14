import type * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { duckdbConfig } from './duckdb-config.ts';

export type Database = duckdb.AsyncDuckDB;
export type Connection = duckdb.AsyncDuckDBConnection;

// Without COOP/COEP headers the page is not cross-origin isolated, so the threaded (coi) bundle is never usable here;
// selectBundle picks EH wherever WebAssembly exceptions exist (every current Chromium) and MVP otherwise.
const bundles: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The exception-handling bundle's worker and binary (what Chromium runs), for the wall screens' offline shell. */
export const duckdbEhAssets = [ehWorker, ehWasm] as const;

let instance: Promise<Database> | undefined;

/** The page's one DuckDB-WASM instance, started on first use (the wasm download begins immediately). */
export function getDatabase(): Promise<Database> {
  instance ??= open().catch((e: unknown) => {
    instance = undefined; // a later call may retry, e.g. after a network failure
    throw e;
  });
  return instance;
}

async function open(): Promise<Database> {
  // Its own chunk (with its bundled Arrow 17), fetched in parallel with the app rather than before it.
  const duckdb = await import('@duckdb/duckdb-wasm');
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open(duckdbConfig);
  performance.mark('fc:duckdb-ready');
  return db;
}

/** Runs `fn` on a fresh connection and closes it afterwards. */
export async function withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
  const db = await getDatabase();
  const conn = await db.connect();
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
