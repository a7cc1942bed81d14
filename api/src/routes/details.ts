import { Hono } from 'hono';
import { z } from 'zod';
import { compileDetails, fenToYuanString, SliceError } from '../../../queries/index.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeFilters } from '../auth/scope-sql.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { queryParams } from '../middleware/validate.ts';
import { filtersOf, sliceParams } from './slice-params.ts';

const detailsQuery = z.object({
  ...sliceParams,
  kind: z.enum(['payments', 'indicators']).default('payments'),
  sort: z.string().regex(/^-?[a-z_]{1,30}$/, '排序字段无效').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/**
 * `GET /api/details` — drill-through (穿透): the vouchers or indicators behind a figure, filtered by the same slice
 * (over the cube's own dimension columns, so they add up to it), within the caller's scope, paged and sorted.
 */
export function detailRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.get('/details', 'details.read', async (c) => {
    const q = queryParams(c, detailsQuery);
    const dataAsOf = deps.state.dataAsOf;
    if (!dataAsOf) throw new ApiError(503, 'not_ready', '数据尚未就绪');
    const p = c.get('principal');
    const sortKey = (q.sort ?? (q.kind === 'payments' ? '-pay_date' : '-doc_date')).replace(/^-/, '');
    let compiled;
    try {
      compiled = compileDetails(
        { kind: q.kind, filters: [...scopeFilters(p.scope), ...filtersOf(q)], asOf: q.asOf ?? dataAsOf, sort: { key: sortKey, desc: (q.sort ?? '-').startsWith('-') }, limit: q.limit, offset: q.offset },
        dataAsOf,
      );
    } catch (e) {
      if (e instanceof SliceError) throw badRequest(e.message, e.field === 'sort' ? 'sort' : e.field);
      throw e;
    }
    const [{ n, sum_fen: sumFen }] = await deps.db.query<{ n: string; sum_fen: string }>(compiled.total.sql, compiled.total.params);
    const rows = await deps.db.query<Record<string, unknown>>(compiled.rows.sql, compiled.rows.params);
    const names = await deps.db.query<{ mof_div_code: string; agency_code: string; agency_name: string; mof_div_name: string }>(
      `SELECT a.mof_div_code, a.agency_code, a.agency_name, r.mof_div_name FROM agency a JOIN region r USING (mof_div_code)
        WHERE (a.mof_div_code, a.agency_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [`{${rows.map((x) => x.mof_div_code).join(',')}}`, `{${rows.map((x) => x.agency_code).join(',')}}`],
    );
    const nameOf = new Map(names.map((x) => [`${x.mof_div_code}:${x.agency_code}`, x]));
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'details.read', target: q.kind, address: clientAddress(c), detail: { filters: filtersOf(q), rows: rows.length } });
    return c.json({
      items: rows.map((x) => {
        const nm = nameOf.get(`${x.mof_div_code}:${x.agency_code}`);
        const amountFen = BigInt(String(q.kind === 'payments' ? x.paid_fen : x.budget_fen));
        return {
          ...Object.fromEntries(Object.entries(x).filter(([k]) => !['budget_fen', 'paid_fen', 'pay_amt', 'amount'].includes(k))),
          amount: fenToYuanString(amountFen),
          amountFen: amountFen.toString(),
          agencyName: nm?.agency_name ?? null,
          mofDivName: nm?.mof_div_name ?? null,
        };
      }),
      total: Number(n),
      sumFen: String(sumFen),
    });
  });
  return { app, policies: r.policies };
}
