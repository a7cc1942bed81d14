import { createRoute } from '@tanstack/react-router';
import { DashboardScreen } from '../dashboards/DashboardScreen.tsx';
import { validateDashboardSearch } from '../dashboards/search.ts';
import { rootRoute } from './root.tsx';

/**
 * `/dashboards/:id` (performance, risk, and any dashboard declared in dashboards/): one renderer draws the
 * declaration; every filter, drill level, as-of date, unit and language lives in the URL.
 */
export const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboards/$id',
  validateSearch: validateDashboardSearch,
  component: DashboardRouteView,
});

function DashboardRouteView() {
  const { id } = dashboardRoute.useParams();
  const search = dashboardRoute.useSearch();
  return <DashboardScreen id={id} search={search} />;
}
