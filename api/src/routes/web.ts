import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { SCREEN_SHELL } from '../../../dashboards/screens/shell.ts';
import { screenServiceWorker } from './screen-sw.ts';

const BUILDING = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>财政驾驶舱 · 正在启动</title></head><body style="font-family:sans-serif;padding:3rem;color:#334">
<h1>财政驾驶舱正在启动</h1><p>正在构建前端并准备数据，本页每 3 秒自动刷新。</p></body></html>`;

/**
 * Serves the built web app from `dir`: hashed assets immutable and precompressed (.br/.gz written at build), every
 * other non-API path the SPA's index.html (the router takes it from there).
 */
export function webRoutes(dir: string, ready: () => boolean = () => true) {
  const root = relative(process.cwd(), dir) || '.';
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: '没有这个接口' } }, 404);
    // The first start builds the pages while the database is being prepared: say so, and look again shortly.
    if (!ready()) return c.html(BUILDING, 503, { 'Retry-After': '3', 'Cache-Control': 'no-store' });
    await next();
  });
  // The wall screens' offline shell (see screen-sw.ts); revalidated on every start so a new build takes over.
  app.get(SCREEN_SHELL.worker, (c) => c.body(screenServiceWorker, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'no-cache') }));
  app.get('*', serveStatic({ root, path: 'index.html', onFound: (_p, c) => c.header('Cache-Control', 'no-cache') }));
  return app;
}
