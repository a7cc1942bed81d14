import { createRoute } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ScreenDataProvider } from '../screens/ScreenData.tsx';
import { ScreenPage } from '../screens/ScreenPage.tsx';
import { REFRESH_DEFAULT_S, rejectedScreenParams, validateScreenSearch, type ScreenSearch } from '../screens/search.ts';
import { rootRoute } from './root.tsx';

/**
 * `/screen/:id` — the leadership large screen (领导驾驶舱): `token` (display token), `rotate`, `refresh` (seconds),
 * `mode` (fit | fill | stretch), `lang`. Its data comes from its own provider (token, ETag checks, outage cache).
 */
// The address the screen was opened with, read before the router rewrites it to the validated params.
const openedWith = typeof window === 'undefined' ? {} : Object.fromEntries(new URLSearchParams(window.location.search));

export const screenRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/screen/$id',
  validateSearch: (raw: Record<string, unknown>): ScreenSearch => validateScreenSearch(raw),
  component: ScreenRouteView,
});

function ScreenRouteView() {
  const { id } = screenRoute.useParams();
  const search = screenRoute.useSearch();
  // What the screen was opened with, not the router's merged search: an invalid value is named on the screen.
  const rejected = useMemo(() => rejectedScreenParams(openedWith), []);
  return (
    <ScreenDataProvider token={search.token} refreshS={search.refresh ?? REFRESH_DEFAULT_S}>
      <ScreenPage id={id} search={search} rejected={rejected} />
    </ScreenDataProvider>
  );
}
