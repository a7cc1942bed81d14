import { createRoute } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { PasswordPage } from '../admin/PasswordPage.tsx';
import { rootRoute } from './root.tsx';

/** 修改密码: `/account/password`, for every signed-in user. */
export const accountPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account/password',
  component: () => <AdminPage title="修改密码">{(me) => <PasswordPage me={me} />}</AdminPage>,
});
