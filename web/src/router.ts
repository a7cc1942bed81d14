import { createRouter } from '@tanstack/react-router';
import { RouteError } from './components/RouteError.tsx';
import { adminRoutes } from './routes/admin.routes.ts';
import { dashboardRoute } from './routes/dashboards.$id.tsx';
import { executionRoute } from './routes/dashboards.execution.tsx';
import { indexRoute } from './routes/index.tsx';
import { loginRoute } from './routes/login.tsx';
import { rootRoute } from './routes/root.tsx';
import { workbenchRoute } from './routes/workbench.tsx';
import { screenRoute } from './routes/screen.$id.tsx';

const routeTree = rootRoute.addChildren([indexRoute, loginRoute, executionRoute, dashboardRoute, ...adminRoutes, workbenchRoute, screenRoute]);

/**
 * Search params are plain strings (`?org=660100000&fund=11`), not the router's default JSON encoding, which would
 * turn codes into numbers and quote strings; each route's validateSearch parses them.
 */
export const router = createRouter({
  routeTree,
  parseSearch: (s) => Object.fromEntries(new URLSearchParams(s)),
  stringifySearch: (search) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : '';
  },
  defaultPreload: false,
  defaultErrorComponent: RouteError,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
