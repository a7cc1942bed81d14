import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { verifyAudit } from '../audit/verify.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { isoDate, queryParams } from '../middleware/validate.ts';

const listQuery = z.object({
  action: z.string().max(40).regex(/^[a-z_.]+$/).optional(),
  username: z.string().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The auditor's view of the log: `GET /api/audit` (filtered, paged) and `GET /api/audit/verify`. */
export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.get('/audit', 'audit.read', async (c) => {
    const q = queryParams(c, listQuery);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.action) add('action = ?', q.action);
    if (q.username) add('username = ?', q.username);
    if (q.outcome) add('outcome = ?', q.outcome);
    // Dates are business dates (China time).
    if (q.from) add(`at >= (?::date)::timestamp AT TIME ZONE '${deps.config.appTimeZone}'`, q.from);
    if (q.to) add(`at < ((?::date) + 1)::timestamp AT TIME ZONE '${deps.config.appTimeZone}'`, q.to);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await deps.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log ${w}`, params);
    const rows = await deps.db.query<Record<string, unknown>>(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, user_id, username, scope, action, target, address, outcome, detail, hash
         FROM audit_log ${w} ORDER BY id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const p = c.get('principal');
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'audit.read', address: clientAddress(c), detail: { filters: { ...q } } });
    return c.json({
      items: rows.map((x) => ({ id: Number(x.id), at: x.at, userId: x.user_id, username: x.username, scope: x.scope, action: x.action, target: x.target, address: x.address, outcome: x.outcome, detail: x.detail, hash: x.hash })),
      total: Number(n),
    });
  });
  r.get('/audit/verify', 'audit.read', async (c) => {
    queryParams(c, z.object({}));
    await deps.audit.flush();
    const result = await verifyAudit(deps.db, deps.config.auditAnchorPath);
    const p = c.get('principal');
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'audit.verify', address: clientAddress(c), outcome: result.ok ? 'ok' : 'failed', detail: { entries: result.entries, firstBadId: result.firstBadId ?? null } });
    return c.json(result);
  });
  return { app, policies: r.policies };
}
