import { join } from 'node:path';
import { lastCompleteMonthEnd } from '../../queries/index.ts';
import { seedDatabase, type SeedScale } from '../../seed/index.ts';
import { readDataAsOf } from './cubes/build.ts';
import { exportAll, rebuildAll } from './cubes/pipeline.ts';
import { CubeStore } from './cubes/store.ts';
import type { Db } from './db/types.ts';
import type { Progress } from './progress.ts';
import type { AppState } from './state.ts';

export interface PrepareOptions {
  scale: SeedScale;
  seed: number;
  seedAsOf?: string;
  appTimeZone: string;
  timeProgressBasis: 'day' | 'month';
  clock: () => Date;
  /** Other start-up work that must finish before the data counts as ready (the web build of a first start). */
  alongside?: Promise<unknown>;
}

export function cubeStoreFor(dataDir: string): CubeStore {
  return new CubeStore(join(dataDir, 'cubes'));
}

/**
 * Brings the data to a servable state: seeds an empty database (unless scale is `none`), builds cubes whose data is
 * stale, adopts or writes cube files; then marks the state ready. Runs while the server already answers.
 */
export async function prepareData(db: Db, store: CubeStore, state: AppState, opts: PrepareOptions, progress: Progress): Promise<void> {
  const seeded = await db.query(`SELECT 1 FROM app_meta WHERE key = 'seed_options'`);
  const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM region');
  if (seeded.length === 0 && Number(n) === 0) {
    state.phase = 'seeding';
    const asOf = opts.seedAsOf ?? lastCompleteMonthEnd(opts.clock(), opts.appTimeZone);
    progress.log(`数据库为空：生成 ${opts.scale} 规模的演示数据（截至 ${asOf}）…`);
    await seedDatabase(db, { scale: opts.scale, seed: opts.seed, asOf, timeProgressBasis: opts.timeProgressBasis }, progress);
  }
  const dataAsOf = await readDataAsOf(db);
  const built = await db.query<{ data_as_of: string | null }>(`SELECT data_as_of FROM cube_version WHERE cube_id = 'execution'`);
  state.phase = 'building cubes';
  const warningsBuilt = await db.query(`SELECT 1 FROM cube_version WHERE cube_id = 'warnings'`);
  if (!built[0] || built[0].data_as_of !== dataAsOf || warningsBuilt.length === 0) {
    await rebuildAll(db, store, progress, { timeZone: opts.appTimeZone, timeProgressBasis: opts.timeProgressBasis, clock: opts.clock });
  } else await exportAll(db, store, progress);
  if (opts.alongside) {
    state.phase = 'building web app';
    await opts.alongside;
  }
  state.dataAsOf = dataAsOf;
  state.phase = 'ready';
  state.ready = true;
}
