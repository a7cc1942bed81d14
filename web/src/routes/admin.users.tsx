import { createRoute, useNavigate } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { validateUsersSearch } from '../admin/users-filter.ts';
import { rootRoute } from './root.tsx';

/** 用户管理: `/admin/users?q=` (users.manage). */
export const adminUsersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users',
  validateSearch: validateUsersSearch,
  component: AdminUsers,
});

function AdminUsers() {
  const { q } = adminUsersRoute.useSearch();
  const navigate = useNavigate({ from: adminUsersRoute.fullPath });
  return (
    <AdminPage title="用户管理" action="users.manage">
      {(me) => <UsersPage me={me} q={q} onQuery={(next) => void navigate({ search: { q: next }, replace: true })} />}
    </AdminPage>
  );
}
