import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Principal } from '../../api/src/auth/principal.ts';
import { prepareData } from '../../api/src/pipeline.ts';
import { silentProgress } from '../../api/src/progress.ts';
import { createRuntime } from '../../api/src/runtime.ts';
import { listen } from '../../api/src/server.ts';
import { seedDatabase } from '../../seed/index.ts';
import { openTestDb } from './db.ts';
import { loadFixture } from './fixture.ts';
import { testAuth } from './users.ts';

export const SMALL_AS_OF = '2026-10-31';

/**
 * The real API on a fresh database (embedded, or TEST_DATABASE_URL) seeded at `small` scale (or the hand-made
 * fixture), cubes built, serving the built web app from dist/. `principal` fixes who is signed in; without it the
 * real sessions apply.
 */
export async function startTestServer(opts: { scale?: 'small' | 'fixture'; seed?: number; principal?: Principal; port?: number; web?: boolean } = {}) {
  const db = await openTestDb();
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-server-'));
  if ((opts.scale ?? 'small') === 'small') await seedDatabase(db, { scale: 'small', seed: opts.seed ?? 7, asOf: SMALL_AS_OF });
  else await loadFixture(db);
  const rt = createRuntime({
    db,
    dataDir,
    auth: opts.principal ? testAuth(opts.principal) : undefined,
    config: { webDir: opts.web === false ? undefined : fileURLToPath(new URL('../../dist', import.meta.url)) },
  });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date() }, silentProgress);
  const { server, url } = await listen(rt.app, '127.0.0.1', opts.port ?? 0);
  return {
    url,
    db,
    rt,
    async close() {
      await new Promise((r) => server.close(r));
      await rt.audit.flush().catch(() => undefined);
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
