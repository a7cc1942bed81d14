import { isIsoDate } from '../../../queries/time.ts';

/** `/admin/audit`'s filters, all in the URL so a view of the log can be shared. */
export interface AuditSearch {
  action?: string;
  username?: string;
  outcome?: AuditOutcome;
  /** Business dates (China time), inclusive. */
  from?: string;
  to?: string;
  /** 1-based page of {@link AUDIT_PAGE_SIZE} entries. */
  page?: number;
}

export const AUDIT_PAGE_SIZE = 100;

export const auditOutcomes = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
export const outcomeLabels: Record<AuditOutcome, string> = { ok: '成功', denied: '拒绝', failed: '失败' };

/** What the server writes, with a Chinese name for the filter list and the table. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lock': '账户锁定',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'user.set_role': '设置角色',
  'user.reset_password': '重置密码',
  'user.password_change': '修改本人密码',
  'user.totp_enroll': '登记动态口令',
  'user.totp_remove': '移除动态口令',
  'access.denied': '越权访问被拒绝',
  'audit.read': '查看审计日志',
  'audit.verify': '校验审计日志',
  'rule.thresholds': '修改预警阈值',
  'rule.holidays': '修改节假日',
  'rules.evaluate': '运行预警规则',
  'warning.status': '处理预警',
  'cube.fetch': '读取数据立方体',
  'details.read': '穿透查看明细',
  'export.create': '导出数据',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** `validateSearch` of the route: never throws; an invalid value is dropped. Every key is returned (see validateExecutionSearch). */
export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = { action: undefined, username: undefined, outcome: undefined, from: undefined, to: undefined, page: undefined };
  const action = text(raw.action);
  if (action && action.length <= 40 && /^[a-z_.]+$/.test(action)) out.action = action;
  const username = text(raw.username);
  if (username && username.length <= 64) out.username = username;
  const outcome = text(raw.outcome);
  if (outcome && (auditOutcomes as readonly string[]).includes(outcome)) out.outcome = outcome as AuditOutcome;
  const from = text(raw.from);
  if (from && isIsoDate(from)) out.from = from;
  const to = text(raw.to);
  if (to && isIsoDate(to)) out.to = to;
  const page = text(raw.page);
  if (page && /^[1-9]\d{0,6}$/.test(page) && Number(page) > 1) out.page = Number(page);
  return out;
}

/** The query string of `GET /api/audit` for a view. */
export function auditApiQuery(s: AuditSearch, pageSize = AUDIT_PAGE_SIZE): string {
  const q = new URLSearchParams();
  for (const k of ['action', 'username', 'outcome', 'from', 'to'] as const) if (s[k]) q.set(k, s[k]!);
  q.set('limit', String(pageSize));
  q.set('offset', String(((s.page ?? 1) - 1) * pageSize));
  return q.toString();
}

export function pageCount(total: number, pageSize = AUDIT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Problems with a filter form before it is applied (the dates' order), by field. */
export function auditFilterProblems(s: AuditSearch): Partial<Record<keyof AuditSearch, string>> {
  return s.from && s.to && s.from > s.to ? { to: '结束日期不能早于开始日期' } : {};
}

export function actionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}
