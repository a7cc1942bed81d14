import { accountPasswordRoute } from './account.password.tsx';
import { adminAuditRoute } from './admin.audit.tsx';
import { adminRulesRoute } from './admin.rules.tsx';
import { adminUsersRoute } from './admin.users.tsx';
import { adminReportsRoute } from './admin.reports.tsx';
import { adminTokensRoute } from './admin.tokens.tsx';

/** The administration and account pages (web/src/admin), registered in one place in router.ts. */
export const adminRoutes = [adminUsersRoute, adminAuditRoute, adminRulesRoute, accountPasswordRoute, adminReportsRoute, adminTokensRoute] as const;
