/**
 * Tables loaded into DuckDB-WASM on first use. The data layer registers a loader for each table the catalog offers;
 * `runSql` waits for the tables its SQL names before it runs. So a page fetches only what its queries read — mostly
 * small rollups — and a cube's fine table only when a slice needs its detail.
 */
const loaders = new Map<string, { load: () => Promise<void>; pattern: RegExp }>();

/** Registers (or replaces) the loader of `table`; it must resolve at once when the table is already current. */
export function registerLazyTable(table: string, load: () => Promise<void>): void {
  loaders.set(table, { load, pattern: new RegExp(`(^|[^A-Za-z0-9_])${table}($|[^A-Za-z0-9_])`, 'i') });
}

/** Forgets every loader (a new session or scope). */
export function clearLazyTables(): void {
  loaders.clear();
}

/** Loads every registered table `sql` names (its identifiers, whole words). */
export async function ensureTablesFor(sql: string): Promise<void> {
  const wanted: Array<Promise<void>> = [];
  for (const { load, pattern } of loaders.values()) if (pattern.test(sql)) wanted.push(load());
  if (wanted.length) await Promise.all(wanted);
}
