import { Hono } from 'hono';
import { z } from 'zod';
import { compileSlice, cubes, postgres, SliceError, type Cube, type SliceRequest } from '../../../queries/index.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeFilters } from '../auth/scope-sql.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest } from '../errors.ts';
import { toCsv, toXlsx, type ExportColumn } from '../exports/table-file.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { check, isoDate, jsonBody } from '../middleware/validate.ts';
import { exportView, viewExportBody } from './view-exports.ts';

const ident = z.string().regex(/^[a-z_][a-z0-9_]{0,40}$/, '无效的字段名');
const value = z.union([z.string().max(40), z.number().finite()]);
const filter = z.union([
  z.object({ dimension: ident, op: z.enum(['eq', 'ne']), value }).strict(),
  z.object({ dimension: ident, op: z.enum(['in', 'not_in']), values: z.array(value).max(500) }).strict(),
  z.object({ dimension: ident, op: z.literal('prefix'), value: z.string().max(20) }).strict(),
  z.object({ dimension: ident, op: z.literal('between'), from: z.number().finite(), to: z.number().finite() }).strict(),
  z.object({ dimension: ident, op: z.enum(['is_null', 'not_null']) }).strict(),
  z.object({ dimension: z.literal('org'), op: z.literal('subtree'), value: z.string().regex(/^\d{9}$/), level: z.number().int().min(1).max(4).optional() }).strict(),
]);
export const sliceSchema = z.object({
  dimensions: z.array(ident).max(8),
  metrics: z.array(ident).min(1).max(20),
  filters: z.array(filter).max(40).optional(),
  asOf: isoDate,
  cumulative: z.boolean().optional(),
  where: z.array(z.object({ metric: ident, op: z.enum(['<', '<=', '>', '>=', '=', '<>']), value: z.number().finite() }).strict()).max(10).optional(),
  orderBy: z.array(z.object({ key: ident, desc: z.boolean().optional() }).strict()).max(10).optional(),
  limit: z.number().int().min(1).max(1_000_000).optional(),
}).strict();
const exportBody = z.object({
  cube: z.enum(Object.keys(cubes) as [string, ...string[]]),
  slice: sliceSchema,
  format: z.enum(['xlsx', 'csv']),
  title: z.string().min(1).max(60).optional(),
}).strict();

/** Display names for org codes in an export (region and unit names beside their codes). */
export async function names(deps: Pick<AppDeps, 'db'>) {
  const regions = await deps.db.query<{ mof_div_code: string; mof_div_name: string }>('SELECT mof_div_code, mof_div_name FROM region');
  const agencies = await deps.db.query<{ mof_div_code: string; agency_code: string; agency_name: string }>('SELECT mof_div_code, agency_code, agency_name FROM agency');
  return { region: new Map(regions.map((r) => [r.mof_div_code, r.mof_div_name])), agency: new Map(agencies.map((a) => [`${a.mof_div_code}:${a.agency_code}`, a.agency_name])) };
}

/**
 * `POST /api/exports` — a slice of a cube as xlsx or CSV, computed in PostgreSQL from the same definitions the browser
 * uses, limited to the caller's scope, audited.
 */
export function exportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.post('/exports', 'exports.create', async (c) => {
    // A workbench view (`{ view, format, title? }`) or a cube slice (`{ cube, slice, format, title? }`).
    const raw = await jsonBody(c, z.record(z.string(), z.unknown()));
    if ('view' in raw) return exportView(deps, c, check(viewExportBody, raw, 'body'));
    const body = check(exportBody, raw, 'body');
    const dataAsOf = deps.state.dataAsOf;
    if (!dataAsOf) throw new ApiError(503, 'not_ready', '数据尚未就绪');
    const cube = (cubes as Record<string, Cube>)[body.cube];
    const p = c.get('principal');
    const req = { ...body.slice, filters: [...scopeFilters(p.scope), ...(body.slice.filters ?? [])] } as SliceRequest;
    let q;
    try {
      q = compileSlice(cube, req, postgres, { dataAsOf, timeProgressBasis: deps.config.timeProgressBasis });
    } catch (e) {
      if (e instanceof SliceError) throw badRequest(e.message, `slice.${e.field}`);
      throw e;
    }
    const rows = await deps.db.query<Record<string, unknown>>(q.sql, q.params);
    const nm = await names(deps);
    const columns: ExportColumn[] = [];
    for (const d of body.slice.dimensions) {
      const def = cube.dimensions.find((x) => x.id === d)!;
      columns.push({ key: d, header: def.label.zh + (def.names ? '代码' : ''), kind: 'text' });
      if (def.names === 'region') columns.push({ key: `${d}__name`, header: def.label.zh.replace('代码', '') + '名称', kind: 'text' });
      if (def.names === 'agency') columns.push({ key: `${d}__name`, header: '单位名称', kind: 'text' });
    }
    for (const m of body.slice.metrics) {
      const def = cube.metrics.find((x) => x.id === m)!;
      columns.push({ key: m, header: def.label.zh + (def.format === 'fen' ? '（元）' : def.format === 'pp1' ? '（百分点）' : ''), kind: def.format });
    }
    for (const row of rows) {
      for (const d of body.slice.dimensions) {
        const def = cube.dimensions.find((x) => x.id === d)!;
        if (def.names === 'region') row[`${d}__name`] = row[d] === null ? (d.startsWith('lvl') ? '本级' : null) : nm.region.get(String(row[d])) ?? null;
        if (def.names === 'agency') row[`${d}__name`] = nm.agency.get(`${row.mof_div_code}:${row[d]}`) ?? null;
      }
    }
    const title = body.title ?? cube.label.zh;
    const stamp = `数据截至 ${dataAsOf}；统计口径截至 ${body.slice.asOf < dataAsOf ? body.slice.asOf : dataAsOf}；导出人 ${p.displayName}（${scopeKey(p.scope)}）`;
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'export.create', target: `${body.cube}.${body.format}`, address: clientAddress(c), detail: { title, rows: rows.length, slice: body.slice } });
    const file = encodeURIComponent(`${title}-${dataAsOf}.${body.format}`);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${file}`);
    c.header('Cache-Control', 'no-store');
    if (body.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(toCsv(columns, rows));
    }
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const buf = await toXlsx(title, stamp, columns, rows);
    return c.body(new Uint8Array(buf));
  });
  // A chart saved as PNG is made in the browser; this records it in the audit log like any other export.
  r.post('/exports/events', 'exports.create', async (c) => {
    const body = await jsonBody(c, z.object({
      cube: z.enum(Object.keys(cubes) as [string, ...string[]]),
      format: z.literal('png'),
      title: z.string().min(1).max(60),
      slice: sliceSchema.optional(),
    }).strict());
    const p = c.get('principal');
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'export.create', target: `${body.cube}.png`, address: clientAddress(c), detail: { title: body.title, slice: body.slice ?? null, madeIn: 'browser' } });
    return c.json({ ok: true }, 201);
  });
  return { app, policies: r.policies };
}
