import type { Principal } from '../../api/src/auth/principal.ts';
import { rebuildAll } from '../../api/src/cubes/pipeline.ts';
import type { Db } from '../../api/src/db/types.ts';
import { createRuntime, type RuntimeOptions } from '../../api/src/runtime.ts';
import { DATA_AS_OF } from './fixture.ts';
import { testAuth } from './users.ts';

export type Runtime = ReturnType<typeof createRuntime>;

/**
 * One runtime per named principal over `db` (the fixture loaded), for calling the API as each of them with
 * `app.request()`: the cubes are built once into a shared store, and every runtime is ready as of DATA_AS_OF.
 */
export async function runtimesFor(db: Db, dataDir: string, users: Iterable<readonly [string, Principal]>, config?: RuntimeOptions['config']): Promise<Map<string, Runtime>> {
  const base = createRuntime({ db, dataDir });
  await rebuildAll(db, base.store);
  const rts = new Map<string, Runtime>();
  for (const [name, p] of users) {
    const rt = createRuntime({ db, dataDir, store: base.store, auth: testAuth(p), config });
    Object.assign(rt.state, { ready: true, dataAsOf: DATA_AS_OF });
    rts.set(name, rt);
  }
  return rts;
}

/** Flushes the audit log of every runtime, then closes the database (afterAll). */
export async function closeRuntimes(rts: Map<string, Runtime>, db: Db | undefined) {
  for (const rt of rts.values()) await rt.audit.flush();
  await db?.close();
}
