import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildAll } from '../../api/src/cubes/pipeline.ts';
import { CubeStore } from '../../api/src/cubes/store.ts';
import type { Db } from '../../api/src/db/types.ts';
import { compileRollup, rollupBuildOrder, rollupSource, rollupTable } from '../../queries/cubes/rollups.ts';
import { cubes, duckdb, type Cube } from '../../queries/index.ts';
import { openDuckDb } from './duckdb-node.ts';

type Duck = Awaited<ReturnType<typeof openDuckDb>>;

/**
 * Builds a cube's rollups beside its table in DuckDB, as the browser does when it loads the cube (finer first, coarser
 * summed from them); records each table's row count in `rows`.
 */
export function buildRollups(duck: Duck, cube: Cube, rows: Map<string, number> = new Map()): Map<string, number> {
  for (const r of rollupBuildOrder(cube)) {
    const name = rollupTable(cube, r);
    duck.query(`CREATE OR REPLACE TABLE ${name} AS ${compileRollup(cube, r, duckdb, rollupSource(cube, r, rows)).sql}`);
    rows.set(name, Number(duck.query(`SELECT count(*)::INTEGER AS n FROM ${name}`)[0].n));
  }
  return rows;
}

/**
 * Builds every cube from `db`, writes the Arrow files to a temp store, and loads them into DuckDB-WASM under Node
 * with their rollups (`rollups`: table name → rows).
 */
export async function buildAndLoad(db: Db) {
  const dir = mkdtempSync(join(tmpdir(), 'fc-cubes-'));
  const store = new CubeStore(dir);
  await rebuildAll(db, store);
  const duck = await openDuckDb();
  for (const s of store.list()) duck.load(s.table, readFileSync(s.files.identity.path));
  const rollups = new Map<string, number>();
  for (const cube of Object.values(cubes)) if (store.get(cube.id)) buildRollups(duck, cube, rollups);
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
