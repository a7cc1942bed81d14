/**
 * The rollups the server offers in the user's scope (table name → rows), from the catalog: slices read the smallest one
 * that keeps their columns (`pickTable`), and it is loaded into DuckDB-WASM on first use (see `lazy-tables.ts`).
 */
export const rollupRows = new Map<string, number>();
