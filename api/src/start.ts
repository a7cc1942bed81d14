/**
 * `npm start`: builds the web app, opens the database (embedded unless DATABASE_URL), applies migrations, starts
 * serving at once, then seeds (if empty) and builds cubes in the background; `/api/health` says when it is ready.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoUsers } from './auth/demo-users.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { loadEnv } from './env.ts';
import { consoleLogger } from './errors.ts';
import { prepareData } from './pipeline.ts';
import { consoleProgress } from './progress.ts';
import { createRuntime } from './runtime.ts';
import { reportQueueOf } from './routes/reports.ts';
import { listen } from './server.ts';
import { ensureWebBuild } from './web-build.ts';

const env = loadEnv();
const progress = consoleProgress();
const root = fileURLToPath(new URL('../../', import.meta.url));
const t0 = Date.now();

// The web build runs in its own process beside the database work (two cores: one each); pages answer "正在启动" until
// it is done, and `ready` waits for it.
let webBuilt = false;
const webBuild = ensureWebBuild(root, progress).then(() => (webBuilt = true));
webBuild.catch(() => undefined); // its failure fails the data preparation below, which awaits it
const webDir = join(root, 'dist');
const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
progress.log(`数据库：${db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `内置 PostgreSQL (PGlite) @ ${env.DATA_DIR}/pg`}`);
await migrate(db);
const rt = createRuntime({
  db,
  dataDir: env.DATA_DIR,
  logger: consoleLogger,
  auditAlgo: env.AUDIT_HASH,
  session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
  config: { timeProgressBasis: env.TIME_PROGRESS_BASIS, appTimeZone: env.APP_TIME_ZONE, webDir, webReady: () => webBuilt, frameAncestors: env.FRAME_ANCESTORS },
});
const { url } = await listen(rt.app, env.HOST, env.PORT);
progress.log(`财政驾驶舱已启动：${url}/dashboards/execution （数据准备中，完成后自动可用）`);

prepareData(
  db,
  rt.store,
  rt.state,
  { scale: env.SEED_SCALE, seed: env.SEED, seedAsOf: env.SEED_AS_OF, appTimeZone: env.APP_TIME_ZONE, timeProgressBasis: env.TIME_PROGRESS_BASIS, clock: () => new Date(), alongside: webBuild },
  progress,
)
  .then(() => ensureDemoUsers(db, env.DATA_DIR, rt.audit, progress))
  .then(() => reportQueueOf(rt.app.deps).resume())
  .then(
    () => progress.log(`数据就绪（截至 ${rt.state.dataAsOf ?? '—'}），用时 ${((Date.now() - t0) / 1000).toFixed(1)} s：${url}/dashboards/execution`),
    (err) => {
      rt.state.error = String(err?.message ?? err);
      rt.state.phase = 'failed';
      consoleLogger.error('数据准备失败', { error: String(err?.stack ?? err) });
    },
  );

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    progress.log('正在停止…');
    rt.audit
      .flush()
      .catch(() => undefined)
      .finally(() => db.close().finally(() => process.exit(0)));
  });
}
