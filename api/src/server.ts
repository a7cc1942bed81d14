import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

/** Listens on host:port; resolves with the server and its URL once it accepts connections. */
export function listen(app: Hono<any>, host: string, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({ server, url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}` });
    });
    server.once('error', reject);
  });
}
