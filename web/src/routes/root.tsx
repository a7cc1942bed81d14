import { createRootRoute, Link, Outlet, useRouterState } from '@tanstack/react-router';
import { DataProvider } from '../data/data-context.tsx';

export const rootRoute = createRootRoute({
  component: Root,
  notFoundComponent: () => (
    <main className="page not-found">
      <h1>页面不存在</h1>
      <p>
        <Link to="/dashboards/execution">返回预算执行分析</Link>
      </p>
    </main>
  ),
});

/** Pages share one data provider; a wall screen (/screen/…) brings its own (display token, outage cache). */
function Root() {
  const screen = useRouterState({ select: (s) => s.location.pathname.startsWith('/screen/') });
  if (screen) return <Outlet />;
  return (
    <DataProvider>
      <Outlet />
    </DataProvider>
  );
}
