import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';
import { securedRoutes } from '../middleware/guard.ts';

/** `GET /api/health` (public): `{ status, ready, database, dataAsOf }`. Answers from memory, never waits on the database. */
export function healthRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.get('/health', 'public', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: deps.state.error ? 'error' : 'ok', ready: deps.state.ready, database: deps.db.kind, dataAsOf: deps.state.dataAsOf });
  });
  return { app, policies: r.policies };
}
