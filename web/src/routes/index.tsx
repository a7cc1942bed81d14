import { createRoute, redirect } from '@tanstack/react-router';
import { rootRoute } from './root.tsx';

/** `/` opens the execution dashboard. */
export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/dashboards/execution', replace: true });
  },
});
