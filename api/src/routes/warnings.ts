import { Hono } from 'hono';
import { z } from 'zod';
import { ruleById, rules, ruleIds, severities } from '../../../queries/rules/index.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeCondition } from '../auth/scope-sql.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { isoDate, jsonBody, queryParams } from '../middleware/validate.ts';
import { loadHolidays, loadRuleSettings, setHolidays, SettingError, updateRuleSettings } from '../warnings/settings.ts';
import { snapshotMonth } from '../warnings/evaluate.ts';
import { canMove, statuses, statusLabels, type WarningStatus } from '../warnings/workflow.ts';

const list = <T extends string>(values: readonly T[]) =>
  z.string().max(200).transform((s, ctx) => {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    for (const i of items) if (!values.includes(i as T)) ctx.addIssue({ code: 'custom', message: `无效的取值：${i.slice(0, 20)}` });
    return items as T[];
  });
const sortKeys = { first_seen: 'w.first_seen_at', last_seen: 'w.last_seen_at', event_date: 'w.event_date', amount: 'w.amount_fen', severity: "array_position(ARRAY['red','orange','yellow'], w.severity)", rule: 'w.rule_id', status: 'w.status' } as const;

const listQuery = z.object({
  rule: list(ruleIds).optional(),
  severity: list(severities).optional(),
  status: list(statuses).optional(),
  org: z.string().regex(/^\d{9}$/, '财政区划代码为 9 位数字').optional(),
  agency: z.string().regex(/^\d{9}:\d{6}$/, '单位格式：财政区划代码:单位代码').optional(),
  /** A region's own hits only (本级): its own units and the region itself, not its children. */
  own: z.string().regex(/^\d{9}$/, '财政区划代码为 9 位数字').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  fiscalYear: z.coerce.number().int().min(1990).max(2100).optional(),
  resolved: z.enum(['true', 'false', 'all']).default('false'),
  sort: z.string().regex(/^-?(first_seen|last_seen|event_date|amount|severity|rule|status)$/, '排序字段无效').default('severity'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const patchBody = z.object({ status: z.enum(statuses), comment: z.string().trim().min(2, '请填写处理意见').max(1000) }).strict();
const idParam = z.string().regex(/^\d{1,18}$/);

type WarningRow = {
  warning_id: string; rule_id: string; hit_key: string; severity: string; fiscal_year: number; mof_div_code: string; mof_div_name: string | null;
  agency_code: string | null; agency_name: string | null; entity_type: string; entity_id: string; amount_fen: string | null; event_date: string | null;
  evidence: Record<string, unknown>; evidence_ids: string[]; first_seen_at: string; first_seen_as_of: string; last_seen_at: string;
  last_seen_as_of: string; resolved_at: string | null; resolved_as_of: string | null; status: WarningStatus; status_changed_at: string;
};

const SELECT = `SELECT w.*, r.mof_div_name, a.agency_name FROM warning w
  JOIN region_path rp ON rp.mof_div_code = w.mof_div_code
  JOIN region r ON r.mof_div_code = w.mof_div_code
  LEFT JOIN agency a ON a.mof_div_code = w.mof_div_code AND a.agency_code = w.agency_code`;

function present(w: WarningRow) {
  const rule = ruleById(w.rule_id);
  return {
    id: String(w.warning_id),
    rule: w.rule_id,
    ruleName: rule?.name,
    severity: w.severity,
    fiscalYear: w.fiscal_year,
    org: { mofDivCode: w.mof_div_code, name: w.mof_div_name, agencyCode: w.agency_code, agencyName: w.agency_name },
    entityType: w.entity_type,
    entityId: w.entity_id,
    amountFen: w.amount_fen,
    eventDate: w.event_date,
    evidence: w.evidence,
    evidenceIds: w.evidence_ids,
    firstSeenAt: w.first_seen_at,
    firstSeenAsOf: w.first_seen_as_of,
    lastSeenAt: w.last_seen_at,
    lastSeenAsOf: w.last_seen_as_of,
    resolvedAt: w.resolved_at,
    resolvedAsOf: w.resolved_as_of,
    status: w.status,
    statusLabel: statusLabels[w.status],
    statusChangedAt: w.status_changed_at,
  };
}

/** Risk warnings: list, detail with evidence rows and history, the handling workflow, rule settings and holidays. */
export function warningRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  const audit = (c: Parameters<Parameters<typeof r.get>[2]>[0], action: string, target: string, detail: Record<string, unknown> = {}) => {
    const p = c.get('principal');
    return deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action, target, address: clientAddress(c), detail });
  };
  /** One warning inside the caller's scope, or 404 (never revealing that it exists elsewhere). */
  const load = async (c: Parameters<Parameters<typeof r.get>[2]>[0]): Promise<WarningRow> => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) throw badRequest('无效的预警编号', 'id');
    const params: unknown[] = [id.data];
    const rows = await deps.db.query<WarningRow>(`${SELECT} WHERE w.warning_id = $1 AND ${scopeCondition(c.get('principal').scope, params)}`, params);
    if (!rows[0]) throw notFound('预警不存在');
    return rows[0];
  };

  r.get('/warnings', 'data.read', async (c) => {
    const q = queryParams(c, listQuery);
    const params: unknown[] = [];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [scopeCondition(c.get('principal').scope, params)];
    if (q.rule?.length) where.push(`w.rule_id = ANY(${add(`{${q.rule.join(',')}}`)}::text[])`);
    if (q.severity?.length) where.push(`w.severity = ANY(${add(`{${q.severity.join(',')}}`)}::text[])`);
    if (q.status?.length) where.push(`w.status = ANY(${add(`{${q.status.join(',')}}`)}::text[])`);
    if (q.org) {
      const o = add(q.org);
      where.push(`(rp.lvl1_code = ${o} OR rp.lvl2_code = ${o} OR rp.lvl3_code = ${o} OR rp.lvl4_code = ${o})`);
    }
    if (q.own) where.push(`w.mof_div_code = ${add(q.own)}`);
    if (q.agency) {
      const [m, a] = q.agency.split(':');
      where.push(`w.mof_div_code = ${add(m)} AND w.agency_code = ${add(a)}`);
    }
    if (q.from) where.push(`w.event_date >= ${add(q.from)}::date`);
    if (q.to) where.push(`w.event_date <= ${add(q.to)}::date`);
    if (q.fiscalYear) where.push(`w.fiscal_year = ${add(q.fiscalYear)}`);
    if (q.resolved !== 'all') where.push(`w.resolved_at IS ${q.resolved === 'true' ? 'NOT ' : ''}NULL`);
    const w = `WHERE ${where.join(' AND ')}`;
    const desc = q.sort.startsWith('-');
    const key = sortKeys[q.sort.replace(/^-/, '') as keyof typeof sortKeys];
    const [{ n }] = await deps.db.query<{ n: string }>(`SELECT count(*) AS n FROM warning w JOIN region_path rp ON rp.mof_div_code = w.mof_div_code ${w}`, params);
    const rows = await deps.db.query<WarningRow>(`${SELECT} ${w} ORDER BY ${key} ${desc ? 'DESC' : 'ASC'} NULLS LAST, w.warning_id LIMIT ${q.limit} OFFSET ${q.offset}`, params);
    return c.json({ items: rows.map(present), total: Number(n) });
  });

  r.get('/warnings/:id', 'data.read', async (c) => {
    queryParams(c, z.object({}));
    const w = await load(c);
    const history = await deps.db.query<{ from_status: string | null; to_status: string; username: string; comment: string; at: string }>(
      'SELECT from_status, to_status, username, comment, at FROM warning_status_history WHERE warning_id = $1 ORDER BY at, id',
      [w.warning_id],
    );
    const ids = `{${w.evidence_ids.map((x) => `"${x.replace(/"/g, '')}"`).join(',')}}`;
    let evidenceRows: Record<string, unknown>[] = [];
    if (['payment', 'payment_group', 'payment_pair'].includes(w.entity_type)) {
      evidenceRows = await deps.db.query(
        `SELECT pay_app_no, pay_cert_no, mof_div_code, agency_code, bgt_id, exp_func_code, dep_bgt_eco_code, fund_type_code, pay_amt, ori_pay_app_no,
                pay_type, payee_type, payee_acct_name, payee_acct_no, apply_time, approve_time, pay_date
           FROM pay_voucher WHERE pay_app_no = ANY($1::text[]) ORDER BY pay_date NULLS LAST, pay_app_no`,
        [ids],
      );
    } else if (w.entity_type === 'indicator') {
      evidenceRows = await deps.db.query(
        `SELECT 'indicator' AS kind, bgt_id AS id, bgt_source, src_bgt_id, amount, doc_date, exp_func_code, dep_bgt_eco_code, fund_type_code FROM bgt_indicator
          WHERE bgt_id = ANY($1::text[]) OR src_bgt_id = ANY($1::text[])
         UNION ALL
         SELECT 'payment', pay_app_no, NULL, bgt_id, pay_amt, pay_date, exp_func_code, dep_bgt_eco_code, fund_type_code FROM pay_voucher WHERE bgt_id = ANY($1::text[])
         ORDER BY 1 DESC, 6 NULLS LAST, 2 LIMIT 500`,
        [ids],
      );
    } else if (w.entity_type === 'transfer') {
      evidenceRows = await deps.db.query(
        `SELECT 'received' AS kind, transfer_id, received_date AS date, amount, mof_div_code AS to_mof_div_code FROM transfer WHERE transfer_id = ANY($1::text[])
         UNION ALL SELECT 'allocated', transfer_id, alloc_date, amount, to_mof_div_code FROM transfer_alloc WHERE transfer_id = ANY($1::text[]) ORDER BY 3`,
        [ids],
      );
    } else if (w.entity_type === 'project') {
      evidenceRows = await deps.db.query('SELECT * FROM project WHERE fiscal_year = $1 AND pro_code = $2', [w.fiscal_year, w.entity_id]);
    } else if (w.entity_type === 'region') {
      evidenceRows = await deps.db.query(
        `SELECT d.* FROM debt d JOIN region_path rp ON rp.mof_div_code = d.mof_div_code
          WHERE d.fiscal_year = $1 AND $2 IN (rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code) ORDER BY d.mof_div_code`,
        [w.fiscal_year, w.mof_div_code],
      );
    }
    return c.json({ ...present(w), evidenceRows, history, allowedTransitions: statuses.filter((s) => canMove(w.status, s)) });
  });

  r.patch('/warnings/:id', 'warnings.handle', async (c) => {
    const w = await load(c);
    const body = await jsonBody(c, patchBody);
    if (!canMove(w.status, body.status)) {
      throw new ApiError(409, 'conflict', `不能从「${statusLabels[w.status]}」改为「${statusLabels[body.status]}」`, 'status');
    }
    const p = c.get('principal');
    const now = deps.clock().toISOString();
    await deps.db.transaction(async (tx) => {
      // Compare-and-set: a concurrent change of the same warning makes this one fail rather than overwrite it.
      const moved = await tx.query('UPDATE warning SET status = $2, status_changed_at = $3 WHERE warning_id = $1 AND status = $4 RETURNING warning_id', [w.warning_id, body.status, now, w.status]);
      if (moved.length === 0) throw new ApiError(409, 'conflict', '该预警已被他人处理，请刷新后再试', 'status');
      await tx.query(
        'INSERT INTO warning_status_history (warning_id, from_status, to_status, user_id, username, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [w.warning_id, w.status, body.status, p.userId, p.username, body.comment, now],
      );
      await snapshotMonth(tx, deps.clock(), deps.config.appTimeZone, [String(w.warning_id)]);
    });
    await audit(c, 'warning.status', `${w.rule_id}:${w.warning_id}`, { from: w.status, to: body.status, comment: body.comment });
    deps.onWarningsChanged?.();
    return c.json({ ...present({ ...w, status: body.status, status_changed_at: now }) });
  });

  // Read by everyone who sees warnings, and by administrators who set the thresholds.
  r.get('/rules', ['data.read', 'settings.manage'], async (c) => {
    queryParams(c, z.object({}));
    const settings = await loadRuleSettings(deps.db);
    const items = rules.map((x) => ({
      id: x.id, name: x.name, description: x.description, basis: x.basis, severityLogic: x.severityLogic, window: x.window, entityType: x.entityType,
      thresholds: x.thresholds.map((t) => ({ ...t, value: settings.get(x.id)!.thresholds[t.key] })), enabled: settings.get(x.id)!.enabled,
    }));
    const holidays = await deps.db.query<{ day: string; name: string }>('SELECT day, name FROM holiday ORDER BY day');
    return c.json({ items, total: items.length, holidays });
  });

  r.put('/rules/:id', 'settings.manage', async (c) => {
    const rule = ruleById(c.req.param('id') ?? '');
    if (!rule) throw notFound('没有这条规则');
    const body = await jsonBody(c, z.object({ thresholds: z.record(z.string().max(40), z.number()).optional(), enabled: z.boolean().optional() }).strict());
    try {
      const change = await updateRuleSettings(deps.db, rule, body, c.get('principal').username);
      await audit(c, 'rule.thresholds', rule.id, change);
      return c.json({ id: rule.id, ...change.after });
    } catch (e) {
      if (e instanceof SettingError) throw badRequest(e.message, e.field);
      throw e;
    }
  });

  r.put('/holidays', 'settings.manage', async (c) => {
    const body = await jsonBody(c, z.object({ items: z.array(z.object({ day: isoDate, name: z.string().min(1).max(40) }).strict()).max(400) }).strict());
    const before = await loadHolidays(deps.db);
    await setHolidays(deps.db, body.items);
    await audit(c, 'rule.holidays', 'R11', { before, after: body.items.map((h) => h.day) });
    return c.json({ items: body.items, total: body.items.length });
  });

  return { app, policies: r.policies };
}
