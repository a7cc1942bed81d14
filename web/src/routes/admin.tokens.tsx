import { createRoute } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { TokensPage } from '../admin/TokensPage.tsx';
import { rootRoute } from './root.tsx';

/** 大屏令牌: `/admin/tokens` (tokens.manage) — display tokens for wall screens. */
export const adminTokensRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/tokens',
  component: () => (
    <AdminPage title="大屏令牌" action="tokens.manage">
      {(me) => <TokensPage me={me} />}
    </AdminPage>
  ),
});
