import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Auth, Principal } from './auth/principal.ts';
import type { CubeStore } from './cubes/store.ts';
import type { Db } from './db/types.ts';
import { ApiError, renderError, silentLogger, type Logger } from './errors.ts';
import { cubeRoutes } from './routes/cubes.ts';
import { healthRoutes } from './routes/health.ts';
import { webRoutes } from './routes/web.ts';
import type { AppState } from './state.ts';

export interface AppDeps {
  db: Db;
  store: CubeStore;
  state: AppState;
  auth: Auth;
  /** Injected so "as of" dates are testable. */
  clock?: () => Date;
  logger?: Logger;
  config: { timeProgressBasis: 'day' | 'month'; appTimeZone: string; webDir?: string };
}

export type AppEnv = { Variables: { principal: Principal } };

/** Builds the Hono app; it never listens (server.ts does). */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AppEnv>();
  app.onError((err, c) => renderError(err, c, logger));
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: { code: 'not_found', message: `没有这个接口：${c.req.method} ${c.req.path}` } }, 404) : c.text('Not Found', 404),
  );
  app.use('/api/*', bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new ApiError(413, 'payload_too_large', '请求体过大（上限 1 MB）'); } }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.route('/api', healthRoutes(deps));
  app.route('/api', cubeRoutes(deps));
  if (deps.config.webDir) app.route('/', webRoutes(deps.config.webDir));
  return app;
}

/** Middleware-style helper: the caller's principal, or 401. */
export async function requirePrincipal(auth: Auth, c: Parameters<Auth['authenticate']>[0]): Promise<Principal> {
  const p = await auth.authenticate(c);
  if (!p) throw new ApiError(401, 'unauthorized', '请先登录');
  return p;
}
