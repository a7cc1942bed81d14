import { SCREEN_SHELL } from '../../../dashboards/screens/shell.ts';

/**
 * The wall screens' service worker, served at `/screen/sw.js` (scope `/screen/`): when the server cannot be reached,
 * a screen's page and its hashed assets (the app, the DuckDB-WASM worker and binary) come from Cache Storage, so a
 * browser restarted during an outage still starts and draws its last data from IndexedDB. The page fills the cache
 * (web/src/screens/shell-cache.ts); the worker only answers from it when the network fails (assets: cache first,
 * they are immutable). API requests are never touched.
 */
export const screenServiceWorker = `'use strict';
const CACHE = ${JSON.stringify(SCREEN_SHELL.cache)};
const SHELL = ${JSON.stringify(SCREEN_SHELL.page)};
const SCOPE = ${JSON.stringify(SCREEN_SHELL.scope)};
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate' && url.pathname.startsWith(SCOPE)) {
    e.respondWith(fetch(req).catch(() => caches.open(CACHE).then((c) => c.match(SHELL)).then((r) => r || Response.error())));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    e.respondWith(caches.open(CACHE).then((c) => c.match(req, { ignoreVary: true })).then((hit) => hit || fetch(req)));
  }
});
`;
