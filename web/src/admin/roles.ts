/** Roles and the navigation they open, as the web app shows them. The server enforces the same matrix. */

export const roleIds = ['admin', 'auditor', 'leader', 'analyst', 'viewer'] as const;
export type RoleId = (typeof roleIds)[number];

/** Chinese role names; kept equal to the server's `roleLabels` (a unit test compares them). */
export const roleLabels: Record<RoleId, string> = { admin: '系统管理员', auditor: '安全审计员', leader: '领导', analyst: '分析员', viewer: '查看者' };

/** One line on what each role may do, shown beside its checkbox. */
export const roleHints: Record<RoleId, string> = {
  admin: '用户、角色与范围管理，预警阈值设置（不含业务数据）',
  auditor: '查看与校验审计日志（不含业务数据）',
  leader: '看板、大屏与明细，可导出',
  analyst: '看板、明细、工作台、导出与预警处理',
  viewer: '只读看板与大屏',
};

/** Roles that must sign in with a 动态口令 (TOTP). */
export const totpRoles: readonly RoleId[] = ['admin', 'auditor'];

export function isRoleId(r: string): r is RoleId {
  return (roleIds as readonly string[]).includes(r);
}

/** `系统管理员、分析员`: known roles in the canonical order, unknown ones as they are. */
export function rolesText(roles: readonly string[]): string {
  const known = roleIds.filter((r) => roles.includes(r)).map((r) => roleLabels[r]);
  const unknown = roles.filter((r) => !isRoleId(r));
  return [...known, ...unknown].join('、');
}

export function needsTotp(roles: readonly string[]): boolean {
  return roles.some((r) => (totpRoles as readonly string[]).includes(r));
}

export interface AdminLink {
  to: '/admin/users' | '/admin/audit' | '/admin/rules' | '/admin/reports' | '/admin/tokens';
  label: string;
  action: string;
}

/** The administration pages, each shown to users whose actions include the one it needs. */
export const adminLinks: readonly AdminLink[] = [
  { to: '/admin/users', label: '用户管理', action: 'users.manage' },
  { to: '/admin/audit', label: '审计日志', action: 'audit.read' },
  { to: '/admin/rules', label: '预警规则设置', action: 'settings.manage' },
  { to: '/admin/reports', label: '月结与报告归档', action: 'months.close' },
  { to: '/admin/tokens', label: '大屏令牌', action: 'tokens.manage' },
];

export function linksFor(actions: readonly string[]): AdminLink[] {
  return adminLinks.filter((l) => actions.includes(l.action));
}

/** Where to go after signing in without a `redirect`: the first page the user's actions open. */
export function landingPath(actions: readonly string[]): string {
  if (actions.includes('data.read')) return '/dashboards/execution';
  return linksFor(actions)[0]?.to ?? '/account/password';
}
