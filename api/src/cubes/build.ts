import { compileCubeBuild, compilePartitionList, compileYearList, cubeTableDdl, postgres, type Cube, type Partition } from '../../../queries/index.ts';
import { compileRollup, rollupTable } from '../../../queries/cubes/rollups.ts';
import type { Db } from '../db/types.ts';
import { silentProgress, type Progress } from '../progress.ts';

export interface BuildResult {
  cubeId: string;
  version: number;
  rowCount: number;
  partitions: number;
  dataAsOf: string | null;
}

/** The data's as-of date recorded by the last seed or import (app_meta 'data_as_of'). */
export async function readDataAsOf(db: Db): Promise<string | null> {
  const rows = await db.query<{ value: string }>(`SELECT value #>> '{}' AS value FROM app_meta WHERE key = 'data_as_of'`);
  return rows[0]?.value ?? null;
}

async function bumpVersion(db: Pick<Db, 'query'>, cubeId: string, rowCount: number, dataAsOf: string | null): Promise<number> {
  const rows = await db.query<{ version: string }>(
    `INSERT INTO cube_version (cube_id, version, row_count, data_as_of, built_at) VALUES ($1, 1, $2, $3, now())
     ON CONFLICT (cube_id) DO UPDATE SET version = cube_version.version + 1, row_count = EXCLUDED.row_count,
       data_as_of = EXCLUDED.data_as_of, built_at = now()
     RETURNING version`,
    [cubeId, rowCount, dataAsOf],
  );
  return Number(rows[0].version);
}

/**
 * Builds a cube in PostgreSQL partition by partition into a fresh table, then swaps it in with one transaction:
 * readers see the old cube or the new one, never a half-built one.
 */
/** The partitions of a cube, and for each the regions it covers when it is split by level-2 region. */
async function partitionsOf(db: Db, cube: Cube): Promise<Array<{ partition: Partition; regions?: string[] }>> {
  const years = compileYearList(cube);
  if (!years) return (await db.query<Partition>(compilePartitionList(cube).sql)).map((partition) => ({ partition }));
  const list = (await db.query<{ fiscal_year: number }>(years.sql)).map((r) => Number(r.fiscal_year));
  if (!cube.partitionBy.includes('lvl2_code')) return list.map((y) => ({ partition: { fiscal_year: y } }));
  const paths = await db.query<{ mof_div_code: string; lvl2_code: string | null }>('SELECT mof_div_code, lvl2_code FROM region_path ORDER BY mof_div_code');
  const byLvl2 = new Map<string | null, string[]>();
  for (const p of paths) byLvl2.set(p.lvl2_code, [...(byLvl2.get(p.lvl2_code) ?? []), p.mof_div_code]);
  return list.flatMap((y) => [...byLvl2].map(([lvl2, regions]) => ({ partition: { fiscal_year: y, lvl2_code: lvl2 }, regions })));
}

/**
 * The region columns a slice below the top filters a cube's table on — a subtree at level 2, 3 or 4, a region's own
 * units — each indexed with the fiscal year, so the server's answers from the fine table (a slice no rollup keeps,
 * e.g. the lagging units of one 功能分类) read that region's rows only: at bingtuan 221 → 59 ms for a division, 299 →
 * 6 ms for a regiment. The top level reads the whole table either way.
 */
export function orgIndexColumns(cube: Cube): string[] {
  const dims = new Set(cube.dimensions.map((d) => d.id));
  if (!dims.has('fiscal_year')) return [];
  return ['lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code'].filter((c) => dims.has(c));
}

export async function buildCube(db: Db, cube: Cube, progress: Progress = silentProgress): Promise<BuildResult> {
  const next = `${cube.table}_next`;
  const parts = await partitionsOf(db, cube);
  await db.exec(`DROP TABLE IF EXISTS ${next}; ${cubeTableDdl(cube, next)}`);
  progress.start(`构建数据立方体 ${cube.id}`, parts.length, 'partitions');
  for (const p of parts) {
    const q = compileCubeBuild(cube, next, p.partition, p.regions);
    // Enough memory to aggregate a partition in a hash table rather than an on-disk sort.
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL work_mem = '256MB'`);
      await tx.query(q.sql, q.params);
    });
    progress.tick();
  }
  const dataAsOf = await readDataAsOf(db);
  const indexed = orgIndexColumns(cube);
  for (const c of indexed) await db.exec(`DROP INDEX IF EXISTS ${next}_${c}; CREATE INDEX ${next}_${c} ON ${next} (${c}, fiscal_year)`);
  const result = await db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${next}`);
    await tx.exec(`DROP TABLE IF EXISTS ${cube.table}; ALTER TABLE ${next} RENAME TO ${cube.table}`);
    for (const c of indexed) await tx.exec(`ALTER INDEX ${next}_${c} RENAME TO ${cube.table}_${c}`);
    const version = await bumpVersion(tx, cube.id, Number(n), dataAsOf);
    return { cubeId: cube.id, version, rowCount: Number(n), partitions: parts.length, dataAsOf };
  });
  await db.exec(`ANALYZE ${cube.table}`);
  await rollupTablesOrWarn(db, cube, result.version, progress);
  progress.done(`${result.rowCount} rows, version ${result.version}`);
  return result;
}

/**
 * The cube's rollups as tables beside it in PostgreSQL (the same sums the API serves as files), so the server answers
 * a page's first slices (`POST /api/answers`) from a few thousand rows instead of the whole cube. Each is built aside
 * and swapped in with one transaction, labelled with the cube version it sums.
 */
export async function buildRollupTables(db: Db, cube: Cube, version: number): Promise<void> {
  for (const r of cube.rollups ?? []) {
    const t = rollupTable(cube, r);
    const q = compileRollup(cube, r, postgres, cube.table);
    if (q.params.length) throw new Error(`rollup ${t}: unexpected parameters`);
    await db.exec(`DROP TABLE IF EXISTS ${t}_next`);
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL work_mem = '256MB'`);
      await tx.query(`CREATE TABLE ${t}_next AS ${q.sql}`);
      // The cube version it was summed from: answers read a rollup table only at its cube's current version.
      await tx.exec(`COMMENT ON TABLE ${t}_next IS 'version ${version}'`);
    });
    await db.transaction((tx) => tx.exec(`DROP TABLE IF EXISTS ${t}; ALTER TABLE ${t}_next RENAME TO ${t}`));
    await db.exec(`ANALYZE ${t}`);
  }
}

/**
 * The rollup tables are a speed-up of the first answers only (without them the server reads the cube): a failure to
 * build them is reported and the build goes on to write the cube's files.
 */
async function rollupTablesOrWarn(db: Db, cube: Cube, version: number, progress: Progress): Promise<void> {
  try {
    await buildRollupTables(db, cube, version);
  } catch (e) {
    progress.log(`汇总表 ${cube.id} 未能建立（首屏查询改读立方体）：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Rebuilds one partition of a built cube in place, atomically (delete + insert + version bump in one transaction). */
export async function refreshPartition(db: Db, cube: Cube, partition: Partition): Promise<BuildResult> {
  const dataAsOf = await readDataAsOf(db);
  // The rollup tables stay until rebuilt below: labelled with the old version, they are no longer read.
  const result = await db.transaction(async (tx) => {
    const values: Array<string | number> = [];
    const where = cube.partitionBy
      .map((k) => {
        const v = partition[k];
        if (v === null || v === undefined) return `${k} IS NULL`;
        values.push(v);
        return `${k} = $${values.length}`;
      })
      .join(' AND ');
    await tx.query(`DELETE FROM ${cube.table} WHERE ${where}`, values);
    const regions = partition.lvl2_code === undefined ? undefined : (await tx.query<{ mof_div_code: string }>(
      `SELECT mof_div_code FROM region_path WHERE lvl2_code ${partition.lvl2_code === null ? 'IS NULL' : '= $1'}`,
      partition.lvl2_code === null ? [] : [partition.lvl2_code],
    )).map((r) => r.mof_div_code);
    const q = compileCubeBuild(cube, cube.table, partition, regions);
    await tx.query(q.sql, q.params);
    const [{ n }] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${cube.table}`);
    const version = await bumpVersion(tx, cube.id, Number(n), dataAsOf);
    return { cubeId: cube.id, version, rowCount: Number(n), partitions: 1, dataAsOf };
  });
  await rollupTablesOrWarn(db, cube, result.version, { ...silentProgress, log: (m) => console.error(m) });
  return result;
}
