import type * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { duckdbConfig } from './duckdb-config.ts';
import { startHostWorker } from './duckdb-host.ts';

export type Database = duckdb.AsyncDuckDB;
export type Connection = duckdb.AsyncDuckDBConnection;

// Without COOP/COEP headers the page is not cross-origin isolated, so the threaded (coi) bundle is never usable here;
// selectBundle picks EH wherever WebAssembly exceptions exist (every current Chromium) and MVP otherwise.
const bundles: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The worker script and binary Chromium runs (the EH bundle), for the wall screens' offline shell. */
export const duckdbEhAssets = [ehWorker, ehWasm] as const;

/** One DuckDB-WASM instance: its worker, and how many queries and loads are using it (an old one ends when idle). */
interface Engine {
  db: Database;
  worker: Worker;
  busy: number;
  /** The connection queries share (one round trip fewer per query than a fresh one). */
  shared?: Promise<Connection>;
}

let instance: Promise<Engine> | undefined;
/** Whether an instance has started and opened (queries answer at once, bar their tables' loading). */
let opened = false;

/** Whether DuckDB-WASM is running in this page (started and opened). */
export function engineReady(): boolean {
  return opened;
}

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
  // DuckDB's worker script runs inside ours (duckdb-host.ts), which can also tell the memory's size.
  // Absolute URLs: a worker started from a Blob resolves relative ones against the Blob's URL, not the page's.
  const abs = (u: string) => new URL(u, location.href).href;
  const worker = startHostWorker(abs(bundle.mainWorker!));
  // DuckDB-WASM leaves its requests pending when its worker fails (a script that does not load, memory that cannot be
  // had): the worker's error event fails the start instead, so nothing waits on a dead worker.
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => reject(new Error(`DuckDB-WASM 的工作线程出错：${e.message || '脚本未能加载'}`)), { once: true }),
  );
  failed.catch(() => undefined);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  try {
    await Promise.race([failed, db.instantiate(abs(bundle.mainModule), bundle.pthreadWorker ? abs(bundle.pthreadWorker) : null).then(() => db.open(duckdbConfig))]);
  } catch (e) {
    worker.terminate();
    throw e;
  }
  performance.mark('fc:duckdb-ready');
  opened = true;
  return { db, worker, busy: 0 };
}

/** Queries and loads running on any instance (see `engineBusy`). */
let inUse = 0;

async function using<T>(e: Engine, fn: () => Promise<T>): Promise<T> {
  e.busy++;
  inUse++;
  try {
    return await fn();
  } finally {
    e.busy--;
    inUse--;
  }
}

/** Whether DuckDB-WASM has a query or a table load under way (one started and not yet answered). */
export function engineBusy(): boolean {
  return inUse > 0;
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

/** `p`, or a rejection naming `what` once `ms` have passed (then `onTimeout` runs). */
function within<T>(p: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} 超时（${Math.round(ms / 1000)} 秒）`));
    }, ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Replaces the running instance with a fresh one: starts it in a new worker, lets `fill` load it (through the
 * connection it is given) while the old one goes on answering, swaps it in — unless `commit()` says no by then (the
 * screen that asked has gone) — and ends the old worker once nothing uses it (or after 60 s), which hands its
 * WebAssembly memory, which never shrinks, back to the browser. Resolves true if swapped. If the start or `fill` fails,
 * or takes longer than `timeoutMs`, the new instance is ended and the old one stays.
 */
export async function replaceDatabase(fill: (conn: Connection) => Promise<void>, opts: { commit?: () => boolean; timeoutMs?: number } = {}): Promise<boolean> {
  const old = await instance?.catch(() => undefined);
  let next: Engine | undefined;
  let abandoned = false;
  const start = async () => {
    const e = await open();
    next = e;
    if (abandoned) {
      e.worker.terminate();
      throw new Error('abandoned');
    }
    await withConnectionTo(e, fill);
    return e;
  };
  let fresh: Engine;
  try {
    fresh = await within(start(), opts.timeoutMs ?? 120_000, '更换 DuckDB-WASM 实例', () => {
      abandoned = true;
      next?.worker.terminate();
    });
  } catch (e) {
    next?.worker.terminate();
    throw e;
  }
  if (opts.commit && !opts.commit()) {
    fresh.worker.terminate();
    return false;
  }
  instance = Promise.resolve(fresh);
  if (old) void retire(old);
  return true;
}

async function retire(e: Engine): Promise<void> {
  // A caller that got this instance just before the swap counts itself busy in a continuation still queued: let
  // those run before the first look.
  await new Promise((r) => setTimeout(r, 0));
  const until = Date.now() + 60_000;
  while (e.busy > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  await e.db.terminate().catch(() => undefined);
  e.worker.terminate();
}
