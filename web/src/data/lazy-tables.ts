/**
 * The catalog's tables as the page's queries see them: each with its version (the catalog etag, which names the
 * user's scope too) and a loader into DuckDB-WASM. `runSql` loads the tables its SQL names before it runs, so a page
 * fetches only what its queries read — mostly small rollups; a large fine table only when a query the server cannot
 * answer needs its detail (the workbench's, see `askElsewhereFirst`) — and the etags key the result cache.
 */
export interface CatalogTable {
  table: string;
  etag: string;
  /** A cube's fine table, a rollup of one, or a name table (the catalog's kinds). */
  kind: 'cube' | 'rollup' | 'dimension';
  /** Its rows in the user's scope. */
  rows: number;
  /** Loads the table unless it is there at this etag; concurrent calls share one load. */
  load: () => Promise<void>;
  /** Whether the table is in DuckDB-WASM at this etag. */
  loaded: () => boolean;
}

/**
 * The most rows of a cube's fine table (in the user's scope) a dashboard loads into DuckDB-WASM; a larger one is left
 * to the server. The execution cube at the top of bingtuan — 1.1 M rows, 77 MB — took 2–3 s of both cores of a small
 * machine to fetch and insert; a division's share (at most 92,680 rows) or the performance cube (29,097) a fraction.
 */
export const LOCAL_FINE_ROWS = 200_000;

/**
 * Whether a query that says where else its answer comes from (`hasOrigin`) should be asked there first: while the
 * engine is not running, or when it reads a fine table larger than `LOCAL_FINE_ROWS` that is not loaded.
 */
export function askElsewhereFirst(hasOrigin: boolean, tables: readonly CatalogTable[], engineRunning: boolean): boolean {
  if (!hasOrigin) return false;
  return !engineRunning || tables.some((t) => t.kind === 'cube' && t.rows > LOCAL_FINE_ROWS && !t.loaded());
}

const tables = new Map<string, CatalogTable & { pattern: RegExp }>();

/** Registers (or replaces) a table of the catalog. */
export function registerLazyTable(t: CatalogTable): void {
  tables.set(t.table, { ...t, pattern: new RegExp(`(^|[^A-Za-z0-9_])${t.table}($|[^A-Za-z0-9_])`, 'i') });
}

/** Forgets every table (a new session, scope or page kind). */
export function clearLazyTables(): void {
  tables.clear();
}

/** The registered tables `sql` names (its identifiers, whole words). */
export function tablesNamed(sql: string): CatalogTable[] {
  return [...tables.values()].filter((t) => t.pattern.test(sql));
}

/** Loads every registered table `sql` names. */
export async function ensureTablesFor(sql: string): Promise<void> {
  const wanted = tablesNamed(sql);
  if (wanted.length) await Promise.all(wanted.map((t) => t.load()));
}
