import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';

/** `GET /api/health` (public): `{ status, ready, database, dataAsOf }`. Answers from memory, never waits on the database. */
export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/health', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({
      status: deps.state.error ? 'error' : 'ok',
      ready: deps.state.ready,
      database: deps.db.kind,
      dataAsOf: deps.state.dataAsOf,
    });
  });
}
