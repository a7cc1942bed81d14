/**
 * The wall screens' offline shell, named once for both sides: the server serves the service worker (api/src/routes/
 * screen-sw.ts) and the page fills its cache (web/src/screens/shell-cache.ts).
 */
export const SCREEN_SHELL = {
  /** The service worker's URL and scope. */
  worker: '/screen/sw.js',
  scope: '/screen/',
  /** The Cache Storage cache holding the page and its hashed assets. */
  cache: 'fc-screen-shell-v1',
  /** The key the page itself is kept under (answered for any /screen/ navigation while offline). */
  page: '/screen/__shell',
} as const;
