import type { Rendered } from '../../../queries/index.ts';
import type { Row } from '../dashboards/metric-value.ts';
import type { CatalogTable } from './lazy-tables.ts';

/**
 * Query results kept in IndexedDB, keyed by the SQL, its parameters and the etag of every table it reads — an etag
 * changes with the table's version and names the user's scope, so a hit is exactly the answer DuckDB would give now.
 * A reload draws its panels from here without waiting for DuckDB-WASM to start or the tables to load; whatever is
 * not here runs in DuckDB as usual. Cleared at sign-out; entries unused for a week, or beyond the newest 2,000, go.
 */
const DB_NAME = 'fc-results';
const STORE = 'results';
const MAX_ENTRIES = 2000;
const MAX_AGE_MS = 7 * 24 * 3600_000;
const HINT = 'fc-results-kept';

type Entry = { key: string; rows: Row[]; at: number };

let opened: Promise<IDBDatabase | null> | undefined;
const memory = new Map<string, Row[]>();
/** Bumped by `clearResults`: an answer asked for before a sign-out must not be kept after it. */
let generation = 0;

/** The current generation, taken when a query is asked; `putResult` keeps its answer only if it is still current. */
export function resultGeneration(): number {
  return generation;
}

function open(): Promise<IDBDatabase | null> {
  opened ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('at', 'at');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null); // private mode or storage refused: no cache, queries still run
  });
  return opened;
}

/** The cache key of `q` over `tables`, or null when it reads no catalog table (nothing versions its answer). */
export function resultKey(q: Rendered, tables: readonly CatalogTable[]): string | null {
  if (tables.length === 0) return null;
  const etags = tables.map((t) => `${t.table}=${t.etag}`).sort();
  return JSON.stringify([q.sql, q.params, etags]);
}

export async function getResult(key: string): Promise<Row[] | undefined> {
  const m = memory.get(key);
  if (m) return m;
  // Nothing kept in this browser (a first visit, or after a sign-out): no need to open the store to find nothing.
  if (!keptResultsHint() && pending.size === 0) return undefined;
  const db = await open();
  if (!db) return undefined;
  const entry = await request<Entry | undefined>(db.transaction(STORE).objectStore(STORE).get(key)).catch(() => undefined);
  if (entry) memory.set(key, entry.rows);
  return entry?.rows;
}

/** Answers waiting to be written, by key, each with the generation it was asked in. */
const pending = new Map<string, Entry & { gen: number }>();
let flushScheduled = false;

/**
 * Keeps an answer: at once in memory, and in IndexedDB a moment later, all answers waiting by then in one
 * transaction (a put per answer, each its own transaction cloning its rows on the main thread, cost a click ~20 ms
 * while its panels were being drawn). A page hidden or left first writes them then.
 */
export async function putResult(key: string, rows: Row[], asked: number): Promise<void> {
  if (asked !== generation) return;
  memory.set(key, rows);
  pending.set(key, { key, rows, at: Date.now(), gen: asked });
  if (flushScheduled) return;
  flushScheduled = true;
  // Soon after the last answer of a click (its panels are drawn by then), not at idle time: the page may be busy
  // loading DuckDB's tables for seconds after its first draw, and a reload then should find its answers kept.
  setTimeout(() => void flushResults(), 250);
}

/** Writes the waiting answers now (idle time, or the page being hidden). */
export async function flushResults(): Promise<void> {
  flushScheduled = false;
  const gen = generation;
  const entries = [...pending.values()].filter((e) => e.gen === gen).map(({ gen: _, ...e }) => e);
  pending.clear();
  if (entries.length === 0) return;
  const db = await open();
  if (!db || gen !== generation) return;
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const e of entries) store.put(e);
  await new Promise<void>((resolve) => {
    tx.oncomplete = () => {
      if (gen === generation) setHint(true);
      resolve();
    };
    tx.onerror = tx.onabort = () => resolve();
  });
}

if (typeof addEventListener === 'function') addEventListener('pagehide', () => void flushResults());

/** Drops old entries (idle work after the page has drawn). */
export async function pruneResults(now = Date.now()): Promise<void> {
  const db = await open();
  if (!db) return;
  const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
  const count = await request<number>(store.count());
  let excess = count - MAX_ENTRIES;
  await new Promise<void>((resolve) => {
    const cursor = store.index('at').openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return resolve();
      if (excess > 0 || (c.value as Entry).at < now - MAX_AGE_MS) {
        c.delete();
        excess--;
        c.continue();
      } else resolve();
    };
    cursor.onerror = () => resolve();
  });
}

/**
 * Whether answers were kept in this browser (a flag beside the store, read without waiting for IndexedDB): the page
 * may draw before DuckDB-WASM starts. A flag left after the browser dropped the store only delays the engine's start to
 * the first query.
 */
export function keptResultsHint(): boolean {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
}

/** What the flag was last set to by this page (a put sets it once, not on every answer). */
let hinted: boolean | null = null;

function setHint(kept: boolean): void {
  if (hinted === kept) return;
  hinted = kept;
  try {
    if (kept) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // storage refused: the engine starts at once, as on a first visit
  }
}

/** Forgets every kept result (sign-out). */
export async function clearResults(): Promise<void> {
  generation++;
  memory.clear();
  pending.clear();
  setHint(false);
  const db = await open();
  if (db) await request(db.transaction(STORE, 'readwrite').objectStore(STORE).clear()).catch(() => undefined);
}

function request<T>(r: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result as T);
    r.onerror = () => reject(r.error);
  });
}
