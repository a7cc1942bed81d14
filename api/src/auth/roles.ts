/**
 * Roles × actions, enforced on the server. Business roles see finance data within their scope; `admin` and `auditor`
 * see none unless also given a business role (separation of duties).
 */
export const roles = ['admin', 'auditor', 'leader', 'analyst', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const actions = {
  'data.read': '读取看板、大屏、数据立方体与预警 / read dashboards, screens, cubes and warnings',
  'details.read': '穿透查看指标与支付明细 / drill through to indicators and vouchers',
  'workbench.use': '自助分析工作台与 SQL / workbench and SQL',
  'views.save': '保存与共享视图 / save and share views',
  'exports.create': '导出数据与报表 / exports and reports',
  'warnings.handle': '处理预警 / handle warnings',
  'users.manage': '用户、角色与范围管理 / users, roles and scopes',
  'tokens.manage': '大屏显示令牌 / display tokens',
  'settings.manage': '预警阈值等设置 / thresholds and settings',
  'imports.run': '数据导入 / data imports',
  'months.close': '月结 / month close',
  'audit.read': '查看与校验审计日志 / read and verify the audit log',
} as const;
export type Action = keyof typeof actions;

const viewer: Action[] = ['data.read'];
export const matrix: Record<Role, readonly Action[]> = {
  viewer,
  analyst: [...viewer, 'details.read', 'workbench.use', 'views.save', 'exports.create', 'warnings.handle'],
  leader: [...viewer, 'details.read', 'exports.create'],
  admin: ['users.manage', 'tokens.manage', 'settings.manage', 'imports.run', 'months.close'],
  auditor: ['audit.read'],
};

export const roleLabels: Record<Role, string> = { admin: '系统管理员', auditor: '安全审计员', leader: '领导', analyst: '分析员', viewer: '查看者' };

export function isRole(r: string): r is Role {
  return (roles as readonly string[]).includes(r);
}

export function can(userRoles: readonly string[], action: Action): boolean {
  return userRoles.some((r) => isRole(r) && matrix[r].includes(action));
}

/** Roles that require a TOTP second factor at sign-in. */
export const totpRequired: readonly Role[] = ['admin', 'auditor'];
