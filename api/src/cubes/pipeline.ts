import { cubes, type Cube } from '../../../queries/index.ts';
import type { Db } from '../db/types.ts';
import { linesOnly, silentProgress, type Progress } from '../progress.ts';
import { evaluateRules } from '../warnings/evaluate.ts';
import { buildCube, readDataAsOf } from './build.ts';
import { CubeStore, servedSources, versionId, type Source } from './store.ts';

async function versionOf(db: Db, id: string): Promise<{ version: number; rowCount: number } | null> {
  const rows = await db.query<{ version: string; row_count: string }>('SELECT version, row_count FROM cube_version WHERE cube_id = $1', [id]);
  return rows[0] ? { version: Number(rows[0].version), rowCount: Number(rows[0].row_count) } : null;
}

async function bumpDimension(db: Db, id: string): Promise<number> {
  const rows = await db.query<{ version: string }>(
    `INSERT INTO cube_version (cube_id, version, row_count) VALUES ($1, 1, 0)
     ON CONFLICT (cube_id) DO UPDATE SET version = cube_version.version + 1, built_at = now() RETURNING version`,
    [id],
  );
  return Number(rows[0].version);
}

export interface RebuildOptions {
  timeZone?: string;
  timeProgressBasis?: 'day' | 'month';
  clock?: () => Date;
}

/**
 * The whole data pipeline after facts change: the cubes, rule evaluation for `dataAsOf`, the warnings cubes, then
 * every served table's files. The cubes' files are written while the rules are evaluated: the database serves both
 * in turn, and reading the exports' output, building the Arrow tables and compressing them (most of an export) runs
 * on this thread meanwhile.
 */
export async function rebuildAll(db: Db, store: CubeStore, progress: Progress = silentProgress, opts: RebuildOptions = {}): Promise<void> {
  for (const cube of Object.values(cubes) as Cube[]) if (!warningCubes.includes(cube)) await buildCube(db, cube, progress);
  const dataAsOf = await readDataAsOf(db);
  const early = (s: Source) => s.kind !== 'dimension' && !warningCubes.some((c) => c.id === versionId(s));
  await Promise.all([
    exportAll(db, store, linesOnly(progress), true, early),
    dataAsOf ? evaluateRules(db, { asOf: dataAsOf, timeZone: opts.timeZone, timeProgressBasis: opts.timeProgressBasis, clock: opts.clock, progress }) : undefined,
  ]);
  await rebuildWarningCubes(db, store, progress, false);
  await exportAll(db, store, progress, true, (s) => !early(s));
}

const warningCubes: Cube[] = [cubes.warnings, cubes.warning_status];

/** Rebuilds the (small) warnings cubes after an evaluation or a status change, and writes their files. */
export async function rebuildWarningCubes(db: Db, store: CubeStore, progress: Progress = silentProgress, write = true): Promise<void> {
  for (const cube of warningCubes) await buildCube(db, cube, progress);
  if (write) for (const cube of warningCubes) await exportOne(db, store, cube.id, progress);
}

/** Writes the files of cube `id` and of its rollups for the cube's current version. */
async function exportOne(db: Db, store: CubeStore, id: string, progress: Progress) {
  const v = await versionOf(db, id);
  if (!v) return;
  for (const source of servedSources.filter((s) => versionId(s) === id)) await write(db, store, source, v, progress);
}

async function write(db: Db, store: CubeStore, source: Source, v: { version: number; rowCount: number }, progress: Progress) {
  // A rollup's row count is known only once summed: its progress counts rows as they arrive.
  progress.start(`导出 ${source.id}`, source.kind === 'rollup' ? 0 : v.rowCount, 'rows');
  const stored = await store.export(db, source, v.version, progress);
  progress.done(`${stored.rowCount} rows, ${(stored.files.identity.size / 1e6).toFixed(1)} MB raw, ${(stored.files.br.size / 1e6).toFixed(1)} MB br`);
  return stored;
}

/**
 * Makes sure every served table has files for its current version: adopts files from an earlier run, exports the
 * missing ones (`force` re-exports all, bumping dimension tables' versions).
 */
export async function exportAll(db: Db, store: CubeStore, progress: Progress = silentProgress, force = false, which: (s: Source) => boolean = () => true): Promise<void> {
  for (const source of servedSources.filter(which)) {
    let v = await versionOf(db, versionId(source));
    if (source.kind !== 'dimension' && !v) continue; // its cube is not built yet
    if (!force && v && store.adopt(source.id, v.version)) continue;
    if (source.kind === 'dimension' && (force || !v)) v = { version: await bumpDimension(db, source.id), rowCount: 0 };
    const stored = await write(db, store, source, v!, progress);
    if (source.kind === 'dimension') await db.query('UPDATE cube_version SET row_count = $2 WHERE cube_id = $1', [source.id, stored.rowCount]);
  }
}
