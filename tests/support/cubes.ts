import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildAll } from '../../api/src/cubes/pipeline.ts';
import { CubeStore } from '../../api/src/cubes/store.ts';
import type { Db } from '../../api/src/db/types.ts';
import { openDuckDb } from './duckdb-node.ts';

/**
 * Builds every cube from `db`, writes the Arrow files to a temp store, and loads every served table — cubes, their
 * rollups (summed by PostgreSQL) and the name tables — into DuckDB-WASM under Node, as a page would
 * (`rollups`: rollup table name → rows).
 */
export async function buildAndLoad(db: Db) {
  const dir = mkdtempSync(join(tmpdir(), 'fc-cubes-'));
  const store = new CubeStore(dir);
  await rebuildAll(db, store);
  const duck = await openDuckDb();
  for (const s of store.list()) duck.load(s.table, readFileSync(s.files.identity.path));
  const rollups = new Map(store.list().filter((s) => s.kind === 'rollup').map((s) => [s.table, s.rowCount] as const));
  return {
    store,
    duck,
    rollups,
    cleanup() {
      duck.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
