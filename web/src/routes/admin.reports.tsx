import { createRoute } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { ReportsPage } from '../admin/ReportsPage.tsx';
import { rootRoute } from './root.tsx';

/** 月结与报告归档: `/admin/reports` — month close (months.close) and the archive of monthly reports. */
export const adminReportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/reports',
  component: () => <AdminPage title="月结与报告归档">{(me) => <ReportsPage me={me} />}</AdminPage>,
});
