/**
 * Development server for the web app: the real API (createApp) over the small hand-made fixture of
 * tests/support/fixture.ts in an embedded database, serving the built app from dist/.
 *
 *   npx vite build && node --import tsx tests/e2e/dev-server.ts [port]      (READY_DELAY_MS=5000 to see 数据准备中…)
 */
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../../api/src/runtime.ts';
import { listen } from '../../api/src/server.ts';
import { buildAndLoad } from '../support/cubes.ts';
import { openTestDb } from '../support/db.ts';
import { DATA_AS_OF, loadFixture } from '../support/fixture.ts';
import { testAuth } from '../support/users.ts';

const port = Number(process.argv[2] ?? 8788);
const delay = Number(process.env.READY_DELAY_MS ?? 0);
const db = await openTestDb();
await loadFixture(db);
const built = await buildAndLoad(db);
const { app, state } = createRuntime({
  db,
  dataDir: built.store.dir,
  store: built.store,
  auth: testAuth(),
  config: { webDir: fileURLToPath(new URL('../../dist', import.meta.url)) },
});
const { url } = await listen(app, '127.0.0.1', port);
setTimeout(() => Object.assign(state, { ready: true, dataAsOf: DATA_AS_OF, phase: 'ready' }), delay);
console.log(`dev server: ${url}/dashboards/execution`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void db.close().finally(() => process.exit(0)));
