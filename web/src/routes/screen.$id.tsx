import { createRoute } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ScreenDataProvider } from '../screens/ScreenData.tsx';
import { ScreenPage } from '../screens/ScreenPage.tsx';
import { REFRESH_DEFAULT_S, rejectedScreenParams, validateScreenSearch, type ScreenSearch } from '../screens/search.ts';
import { rootRoute } from './root.tsx';

let lastRaw: Record<string, unknown> = {};

/**
 * `/screen/:id` — the leadership large screen (领导驾驶舱): `token` (display token), `rotate`, `refresh` (seconds),
 * `mode` (fit | fill | stretch), `lang`. Its data comes from its own provider (token, ETag checks, outage cache).
 */
export const screenRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/screen/$id',
  validateSearch: (raw: Record<string, unknown>): ScreenSearch => {
    lastRaw = raw;
    return validateScreenSearch(raw);
  },
  component: ScreenRouteView,
});

function ScreenRouteView() {
  const { id } = screenRoute.useParams();
  const search = screenRoute.useSearch();
  const rejected = useMemo(() => rejectedScreenParams(lastRaw), [search]);
  return (
    <ScreenDataProvider token={search.token} refreshS={search.refresh ?? REFRESH_DEFAULT_S}>
      <ScreenPage id={id} search={search} rejected={rejected} />
    </ScreenDataProvider>
  );
}
