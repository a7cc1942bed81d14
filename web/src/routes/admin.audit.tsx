import { createRoute, useNavigate } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { AuditPage } from '../admin/AuditPage.tsx';
import { validateAuditSearch } from '../admin/audit-search.ts';
import { rootRoute } from './root.tsx';

/** 审计日志: `/admin/audit?action=&username=&outcome=&from=&to=&page=` (audit.read). */
export const adminAuditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/audit',
  validateSearch: validateAuditSearch,
  component: AdminAudit,
});

function AdminAudit() {
  const search = adminAuditRoute.useSearch();
  const navigate = useNavigate({ from: adminAuditRoute.fullPath });
  return (
    <AdminPage title="审计日志" action="audit.read">
      {() => <AuditPage search={search} onSearch={(s) => void navigate({ search: validateAuditSearch({ ...s }) })} />}
    </AdminPage>
  );
}
