/**
 * The rollup tables built in DuckDB-WASM beside their cubes, with their row counts: slices read the smallest one that
 * keeps their columns (`pickTable`). Filled as cubes load; a table not listed here is not read.
 */
export const rollupRows = new Map<string, number>();
