/**
 * Keeps what a wall screen needs to start without the server: registers the service worker (`/screen/sw.js`, scope
 * `/screen/`) and copies the page and every hashed asset it loaded into Cache Storage. Needs a secure context
 * (https or localhost); elsewhere the data cache in IndexedDB still covers an API outage while the page stays open.
 */
import { SCREEN_SHELL } from '../../../dashboards/screens/shell.ts';
import { duckdbEhAssets } from '../data/duckdb.ts';

const { cache: CACHE, page: SHELL } = SCREEN_SHELL;

export async function keepScreenShell(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || typeof caches === 'undefined') return false;
  try {
    await navigator.serviceWorker.register(SCREEN_SHELL.worker, { scope: SCREEN_SHELL.scope });
    const cache = await caches.open(CACHE);
    const assets = [
      ...new Set(
        [...duckdbEhAssets.map((a) => new URL(a, location.href)), ...performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name))]
          .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
          .map((u) => u.pathname),
      ),
    ];
    const missing: string[] = [];
    for (const a of assets) if (!(await cache.match(a, { ignoreVary: true }))) missing.push(a);
    await Promise.all(
      missing.map(async (a) => {
        const res = await fetch(a);
        if (res.ok) await cache.put(a, res);
      }),
    );
    const page = await fetch(location.pathname, { cache: 'no-cache' });
    if (page.ok) await cache.put(SHELL, page);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the offline shell (with the data, when a token is revoked). */
export async function dropScreenShell(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(CACHE).catch(() => false);
}
