import { createRoute } from '@tanstack/react-router';
import { AdminPage } from '../admin/AdminPage.tsx';
import { RulesPage } from '../admin/RulesPage.tsx';
import { rootRoute } from './root.tsx';

/** 预警规则设置: `/admin/rules` — edited with settings.manage; shown read-only to a user who may read the rules. */
export const adminRulesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/rules',
  component: () => <AdminPage title="预警规则设置">{(me) => <RulesPage me={me} />}</AdminPage>,
});
