import { createRootRoute, Link, Outlet } from '@tanstack/react-router';
import { DataProvider } from '../data/data-context.tsx';

export const rootRoute = createRootRoute({
  component: () => (
    <DataProvider>
      <Outlet />
    </DataProvider>
  ),
  notFoundComponent: () => (
    <main className="page not-found">
      <h1>页面不存在</h1>
      <p>
        <Link to="/dashboards/execution">返回预算执行分析</Link>
      </p>
    </main>
  ),
});
