import type * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import hostWorker from './duckdb-host.worker.ts?worker&url';
import { duckdbConfig } from './duckdb-config.ts';

export type Database = duckdb.AsyncDuckDB;
export type Connection = duckdb.AsyncDuckDBConnection;

// Without COOP/COEP headers the page is not cross-origin isolated, so the threaded (coi) bundle is never usable here;
// selectBundle picks EH wherever WebAssembly exceptions exist (every current Chromium) and MVP otherwise.
const bundles: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The worker scripts and binary Chromium runs (the EH bundle), for the wall screens' offline shell. */
export const duckdbEhAssets = [hostWorker, ehWorker, ehWasm] as const;

/** One DuckDB-WASM instance: its worker, and how many queries and loads are using it (an old one ends when idle). */
interface Engine {
  db: Database;
  worker: Worker;
  busy: number;
  /** The connection queries share (one round trip fewer per query than a fresh one). */
  shared?: Promise<Connection>;
}

let instance: Promise<Engine> | undefined;

/** The page's DuckDB-WASM instance, started on first use (the wasm download begins immediately). */
function engine(): Promise<Engine> {
  instance ??= open().catch((e: unknown) => {
    instance = undefined; // a later call may retry, e.g. after a network failure
    throw e;
  });
  return instance;
}

export async function getDatabase(): Promise<Database> {
  return (await engine()).db;
}

async function open(): Promise<Engine> {
  // Its own chunk (with its bundled Arrow 17), fetched in parallel with the app rather than before it.
  const duckdb = await import('@duckdb/duckdb-wasm');
  const bundle = await duckdb.selectBundle(bundles);
  // DuckDB's worker script runs inside ours (duckdb-host.worker.ts), which can also tell the memory's size.
  const worker = new Worker(hostWorker);
  worker.postMessage({ fcHost: 'load', script: new URL(bundle.mainWorker!, location.href).href });
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open(duckdbConfig);
  } catch (e) {
    worker.terminate();
    throw e;
  }
  performance.mark('fc:duckdb-ready');
  return { db, worker, busy: 0 };
}

async function using<T>(e: Engine, fn: () => Promise<T>): Promise<T> {
  e.busy++;
  try {
    return await fn();
  } finally {
    e.busy--;
  }
}

/** Runs `fn` on a fresh connection of the current instance and closes it afterwards. */
export async function withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
  return withConnectionTo(await engine(), fn);
}

function withConnectionTo<T>(e: Engine, fn: (conn: Connection) => Promise<T>): Promise<T> {
  return using(e, async () => {
    const conn = await e.db.connect();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  });
}

/** Runs `fn` on the connection queries share (reopened after a failure to open it). */
export async function withSharedConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
  const e = await engine();
  return using(e, async () => {
    e.shared ??= e.db.connect().catch((x: unknown) => {
      e.shared = undefined;
      throw x;
    });
    return fn(await e.shared);
  });
}

/**
 * The size of the running instance's WebAssembly memory in bytes (null if none runs or its worker does not answer
 * within a second). Linear memory only grows: this is the engine's high-water mark, not its data.
 */
export async function wasmMemoryBytes(): Promise<number | null> {
  const e = await instance?.catch(() => undefined);
  if (!e) return null;
  const { port1, port2 } = new MessageChannel();
  return new Promise<number | null>((resolve) => {
    const t = setTimeout(() => finish(null), 1000);
    const finish = (n: number | null) => {
      clearTimeout(t);
      port1.close();
      resolve(n);
    };
    port1.onmessage = (m) => finish(typeof m.data === 'number' ? m.data : null);
    e.worker.postMessage({ fcHost: 'memory', port: port2 }, [port2]);
  });
}

/**
 * Replaces the running instance with a fresh one: starts it in a new worker, lets `fill` load it (through the
 * connection it is given) while the old one goes on answering, swaps it in, and ends the old worker once nothing uses
 * it (or after 60 s) — which hands its WebAssembly memory, which never shrinks, back to the browser. If `fill` fails
 * the new instance is dropped and the old one stays.
 */
export async function replaceDatabase(fill: (conn: Connection) => Promise<void>): Promise<void> {
  const old = await instance?.catch(() => undefined);
  const next = await open();
  try {
    await withConnectionTo(next, fill);
  } catch (e) {
    next.worker.terminate();
    throw e;
  }
  instance = Promise.resolve(next);
  if (old) void retire(old);
}

async function retire(e: Engine): Promise<void> {
  const until = Date.now() + 60_000;
  while (e.busy > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  await e.db.terminate().catch(() => undefined);
  e.worker.terminate();
}
