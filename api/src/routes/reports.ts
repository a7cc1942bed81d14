import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import type { Principal } from '../auth/principal.ts';
import { loadRegionTree, type RegionTree, scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { queryParams } from '../middleware/validate.ts';
import { closeMonth, listArchive, monthKeyOf, monthLabel, MonthCloseError, queueReports, renderReport, ReportQueue, type ArchiveRow } from '../reports/archive.ts';
import { ReportInputError } from '../reports/figures.ts';
import { PdfUnavailableError } from '../reports/pdf.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式 yyyy-mm');
const org = z.string().regex(/^\d{9}$/, '财政区划代码为 9 位数字');
const monthlyQuery = z.object({ month, org, format: z.enum(['xlsx', 'pdf', 'html']).default('xlsx') });
const archiveQuery = z.object({ month: month.optional(), org: org.optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) });
const downloadQuery = z.object({ format: z.enum(['xlsx', 'pdf']).default('xlsx') });

const contentDisposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** The report queue of this app (created on first use; `deps.reports` lets tests and the runtime share one). */
export function reportQueueOf(deps: AppDeps): ReportQueue {
  if (!deps.reports) {
    deps.reports = new ReportQueue({
      db: deps.db,
      dir: deps.config.reportsDir ?? join('.data', 'reports'),
      basis: deps.config.timeProgressBasis,
      dataAsOf: () => deps.state.dataAsOf,
      audit: deps.audit,
      logger: deps.logger,
      chromiumPath: deps.config.chromiumPath,
      clock: deps.clock,
    });
  }
  return deps.reports;
}

/**
 * Reports: `GET /api/reports/monthly` (the monthly execution analysis report, xlsx / pdf / printable html, for an org in
 * the caller's scope), month close (`POST /api/months/:month/close`) and the archive (list, download, regenerate).
 */
export function reportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  const tree = () => loadRegionTree(deps.db);
  /** Reports are by region (汇总 of a subtree): only a region scope containing the org may see one. */
  const inScope = (p: Principal, t: RegionTree, code: string) => p.scope.kind === 'region' && t.within(code, p.scope.mofDivCode);
  const audit = (c: Context<AppEnv>, action: string, target: string, detail: Record<string, unknown>, outcome?: 'ok' | 'denied' | 'failed') => {
    const p = c.get('principal');
    return deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action, target, address: clientAddress(c), outcome, detail });
  };

  r.get('/reports/monthly', 'exports.create', async (c) => {
    const q = queryParams(c, monthlyQuery);
    const dataAsOf = deps.state.dataAsOf;
    if (!dataAsOf) throw new ApiError(503, 'not_ready', '数据尚未就绪');
    const t = await tree();
    if (!t.has(q.org)) throw new ApiError(404, 'not_found', '没有这个财政区划', 'org');
    const p = c.get('principal');
    if (!inScope(p, t, q.org)) {
      await audit(c, 'access.denied', `report:${q.org}`, { month: q.month }, 'denied');
      throw new ApiError(403, 'forbidden', '该财政区划不在您的数据范围内', 'org');
    }
    let out;
    try {
      out = await renderReport(deps.db, { org: q.org, month: monthKeyOf(q.month), dataAsOf, format: q.format, basis: deps.config.timeProgressBasis, chromiumPath: deps.config.chromiumPath });
    } catch (e) {
      if (e instanceof ReportInputError) throw badRequest(e.message, e.field);
      if (e instanceof PdfUnavailableError) throw new ApiError(503, 'pdf_unavailable', e.message, 'format');
      throw e;
    }
    await audit(c, 'report.create', `${q.org}:${q.month}.${q.format}`, { org: q.org, month: q.month, format: q.format, dataAsOf, bytes: out.body.length });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', out.type);
    if (q.format !== 'html') c.header('Content-Disposition', contentDisposition(out.name));
    return c.body(new Uint8Array(out.body));
  });

  r.post('/months/:month/close', 'months.close', async (c) => {
    const m = month.safeParse(c.req.param('month'));
    if (!m.success) throw badRequest('month: 月份格式 yyyy-mm', 'month');
    const p = c.get('principal');
    const key = monthKeyOf(m.data);
    let res;
    try {
      res = await closeMonth(deps.db, { month: key, by: p.username, dataAsOf: deps.state.dataAsOf, at: deps.clock() });
    } catch (e) {
      if (e instanceof MonthCloseError) throw new ApiError(e.status, e.status === 409 ? 'conflict' : 'bad_request', e.message, e.field);
      throw e;
    }
    await audit(c, 'month.close', m.data, { regions: res.regions, reportIds: res.ids, dataAsOf: deps.state.dataAsOf });
    reportQueueOf(deps).enqueue(res.ids);
    return c.json({ month: m.data, dataAsOf: deps.state.dataAsOf, reports: res.ids.map((id, i) => ({ id, org: res.regions[i], status: 'queued' })) }, 202);
  });

  const visible = async (p: Principal, rows: ArchiveRow[]) => {
    // Everyone (administrators included) sees the reports of regions within their own scope.
    const t = await tree();
    return rows.filter((x) => inScope(p, t, x.mof_div_code));
  };
  const publicRow = (x: ArchiveRow) => ({
    id: String(x.report_id), month: monthLabel(Number(x.month)), org: x.mof_div_code, orgName: x.mof_div_name, status: x.status, dataAsOf: x.data_as_of,
    xlsx: x.xlsx_path !== null, pdf: x.pdf_path !== null, xlsxBytes: x.xlsx_bytes === null ? null : Number(x.xlsx_bytes), pdfBytes: x.pdf_bytes === null ? null : Number(x.pdf_bytes),
    error: x.error, requestedBy: x.requested_by, requestedAt: x.requested_at, finishedAt: x.finished_at,
  });

  r.get('/reports/archive', ['months.close', 'exports.create'], async (c) => {
    const q = queryParams(c, archiveQuery);
    const rows = await visible(c.get('principal'), await listArchive(deps.db, { month: q.month ? monthKeyOf(q.month) : undefined, org: q.org }));
    const closed = await deps.db.query<{ month: number; closed_at: string; closed_by: string; data_as_of: string }>('SELECT month, closed_at, closed_by, data_as_of FROM month_close ORDER BY month DESC');
    return c.json({
      items: rows.slice(q.offset, q.offset + q.limit).map(publicRow),
      total: rows.length,
      closedMonths: closed.map((m) => ({ month: monthLabel(Number(m.month)), closedAt: m.closed_at, closedBy: m.closed_by, dataAsOf: m.data_as_of })),
    });
  });

  const findRow = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!/^\d{1,18}$/.test(id)) throw badRequest('id: 报告编号为数字', 'id');
    const [row] = await listArchive(deps.db, { id });
    if (!row || (await visible(c.get('principal'), [row])).length === 0) throw notFound('没有这份报告');
    return row;
  };

  r.get('/reports/archive/:id/download', 'exports.create', async (c) => {
    const q = queryParams(c, downloadQuery);
    const row = await findRow(c);
    const path = q.format === 'xlsx' ? row.xlsx_path : row.pdf_path;
    if (row.status !== 'done' || !path || !existsSync(path)) throw new ApiError(409, 'conflict', row.status === 'done' ? '该格式的报告未生成' : '报告尚未生成完成', 'format');
    await audit(c, 'report.download', `${row.mof_div_code}:${monthLabel(Number(row.month))}.${q.format}`, { reportId: String(row.report_id), dataAsOf: row.data_as_of });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', q.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf');
    c.header('Content-Disposition', contentDisposition(`${row.mof_div_name}${monthLabel(Number(row.month))}预算执行分析报告（数据截至${row.data_as_of}）.${q.format}`));
    return c.body(new Uint8Array(readFileSync(path)));
  });

  r.post('/reports/archive/:id/regenerate', 'months.close', async (c) => {
    const row = await findRow(c);
    const p = c.get('principal');
    const [id] = await queueReports(deps.db, Number(row.month), [row.mof_div_code], p.username, deps.clock());
    await audit(c, 'report.regenerate', `${row.mof_div_code}:${monthLabel(Number(row.month))}`, { from: String(row.report_id), reportId: id });
    reportQueueOf(deps).enqueue([id]);
    return c.json({ id, month: monthLabel(Number(row.month)), org: row.mof_div_code, status: 'queued' }, 202);
  });

  return { app, policies: r.policies };
}
