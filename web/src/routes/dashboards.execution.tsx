import { createRoute } from '@tanstack/react-router';
import { DashboardScreen } from '../dashboards/DashboardScreen.tsx';
import { validateDashboardSearch } from '../dashboards/search.ts';
import { rootRoute } from './root.tsx';

/**
 * `/dashboards/execution`, the home page: the same renderer as `/dashboards/:id`, kept as its own route because
 * links across the app (sign-in, not-found) name it.
 */
export const executionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboards/execution',
  validateSearch: validateDashboardSearch,
  component: ExecutionView,
});

function ExecutionView() {
  const search = executionRoute.useSearch();
  return <DashboardScreen id="execution" search={search} />;
}
