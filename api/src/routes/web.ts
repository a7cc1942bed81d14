import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { SCREEN_SHELL } from '../../../dashboards/screens/shell.ts';
import { screenServiceWorker } from './screen-sw.ts';

/**
 * Serves the built web app from `dir`: hashed assets immutable and precompressed (.br/.gz written at build), every
 * other non-API path the SPA's index.html (the router takes it from there).
 */
export function webRoutes(dir: string) {
  const root = relative(process.cwd(), dir) || '.';
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: '没有这个接口' } }, 404);
    await next();
  });
  // The wall screens' offline shell (see screen-sw.ts); revalidated on every start so a new build takes over.
  app.get(SCREEN_SHELL.worker, (c) => c.body(screenServiceWorker, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'no-cache') }));
  app.get('*', serveStatic({ root, path: 'index.html', onFound: (_p, c) => c.header('Cache-Control', 'no-cache') }));
  return app;
}
