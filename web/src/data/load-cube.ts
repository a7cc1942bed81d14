import { fetchArrow, fetchJson, type Catalog, type CatalogItem, type Health } from './api.ts';
import { withConnection, type Connection } from './duckdb.ts';
import { rollupRows } from './rollup-rows.ts';

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Polls `/api/health` until the server says its cubes are current; reports each not-ready answer. A ready server
 * with no `dataAsOf` has no data at all (an empty install).
 */
export async function waitUntilReady(opts: { signal: AbortSignal; intervalMs?: number; onWaiting?: (h: Health | null, error?: unknown) => void }): Promise<Health> {
  const interval = opts.intervalMs ?? 2000;
  for (;;) {
    let health: Health | null = null;
    try {
      health = await fetchJson<Health>('/api/health', opts.signal);
      if (health.ready) return health;
      opts.onWaiting?.(health);
    } catch (e) {
      if (opts.signal.aborted) throw e;
      opts.onWaiting?.(null, e); // the server may be restarting: keep polling
    }
    await sleep(interval, opts.signal);
  }
}

export function fetchCatalog(signal?: AbortSignal): Promise<Catalog> {
  return fetchJson<Catalog>('/api/cubes', signal);
}

/** Etags of the tables loaded into DuckDB, by catalog id. */
export type LoadedTables = Map<string, { table: string; etag: string }>;

/**
 * Loads the catalog items `ids` into DuckDB-WASM under their catalog table names, fetching in parallel. Items whose
 * etag matches `loaded` are skipped; a changed table is loaded beside the old one and swapped in one transaction, so
 * queries never see a missing table. `onFetched` sees a table's bytes before DuckDB-WASM takes them over (they are
 * transferred to its worker: copy what you keep). Returns the new state of `loaded` and how many tables changed.
 */
export async function loadTables(
  catalog: Catalog,
  ids: readonly string[],
  loaded: LoadedTables,
  opts: { signal?: AbortSignal; onFetched?: (item: CatalogItem, bytes: Uint8Array) => void } = {},
): Promise<{ loaded: LoadedTables; changed: number }> {
  const items = ids.map((id) => {
    const item = catalog.items.find((i) => i.id === id);
    if (!item) throw new Error(`服务端目录中缺少数据集 ${id}`);
    if (!TABLE_NAME.test(item.table)) throw new Error(`数据集 ${id} 的表名无效：${item.table}`);
    return item;
  });
  const stale = items.filter((i) => loaded.get(i.id)?.etag !== i.etag);
  await Promise.all(
    stale.map(async (item) => {
      const bytes = await fetchArrow(`/api/cubes/${encodeURIComponent(item.id)}`, opts.signal);
      performance.mark(`fc:fetched:${item.id}`, { detail: bytes.byteLength });
      opts.onFetched?.(item, bytes);
      await insertTable(item.table, bytes);
      performance.mark(`fc:inserted:${item.id}`);
    }),
  );
  const next: LoadedTables = new Map(loaded);
  for (const i of stale) next.set(i.id, { table: i.table, etag: i.etag });
  return { loaded: next, changed: stale.length };
}

/**
 * Loads IPC bytes as `table`. A table already there is replaced in one transaction (loaded beside it, then swapped),
 * so a query never sees a missing table.
 */
export async function insertTable(table: string, ipc: Uint8Array): Promise<void> {
  await withConnection((conn) => insertOn(conn, table, ipc));
}

/** `insertTable` on a given connection (e.g. of an instance not yet in use, see `replaceDatabase`). */
export async function insertOn(conn: Connection, table: string, ipc: Uint8Array): Promise<void> {
  const probe = await conn.prepare('SELECT 1 FROM information_schema.tables WHERE table_name = ?');
  const exists = (await probe.query(table)).numRows > 0;
  await probe.close();
  const staging = exists ? `${table}__next` : table;
  if (exists) await conn.query(`DROP TABLE IF EXISTS ${staging}`);
  // DuckDB-WASM bundles its own Arrow: always hand it IPC bytes, never an apache-arrow Table of another version.
  await conn.insertArrowFromIPCStream(ipc, { name: staging, create: true });
  if (!exists) return;
  await conn.query('BEGIN TRANSACTION');
  try {
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    await conn.query(`ALTER TABLE ${staging} RENAME TO ${table}`);
    await conn.query('COMMIT');
  } catch (e) {
    await conn.query('ROLLBACK');
    throw e;
  }
}

/**
 * Publishes the catalog's rollups (table → rows in the user's scope) for `pickTable`: a slice reads the smallest rollup
 * that keeps its columns, loading it on first use, instead of the whole cube.
 */
export function publishRollups(catalog: Catalog): void {
  rollupRows.clear();
  for (const i of catalog.items) if (i.kind === 'rollup' && TABLE_NAME.test(i.table)) rollupRows.set(i.table, i.rowCount);
}

/** The cube a catalog table belongs to: a rollup's cube, else the table's own id. */
export function cubeOf(catalog: Catalog, id: string): string {
  return catalog.items.find((i) => i.id === id)?.rollupOf ?? id;
}

/** The ids of a cube's tables in the catalog: the cube and its rollups. */
export function cubeTables(catalog: Catalog, cubeId: string): string[] {
  return catalog.items.filter((i) => i.id === cubeId || i.rollupOf === cubeId).map((i) => i.id);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
