import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { z } from 'zod';
import { compileView, effectiveAsOf, postgres, ViewError, viewCubes } from '../../../queries/index.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeFilters } from '../auth/scope-sql.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest } from '../errors.ts';
import { queryView, viewCsv, viewFile, writeViewXlsx } from '../exports/view-file.ts';
import { names } from './exports.ts';
import { checkDefinition } from './views.ts';

export const viewExportBody = z
  .object({
    view: z.unknown(),
    format: z.enum(['xlsx', 'csv']),
    title: z.string().min(1).max(60).optional(),
  })
  .strict();

/**
 * `POST /api/exports` with a workbench view: the pivot computed in PostgreSQL from the same view compiler the browser
 * uses, in the caller's own scope (whoever wrote the view), audited; xlsx is streamed as it is written.
 */
export async function exportView(deps: AppDeps, c: Context<AppEnv>, body: z.infer<typeof viewExportBody>) {
  const view = checkDefinition(body.view, 'view');
  const dataAsOf = deps.state.dataAsOf;
  if (!dataAsOf) throw new ApiError(503, 'not_ready', '数据尚未就绪');
  const p = c.get('principal');
  let q;
  try {
    q = compileView(view, postgres, { dataAsOf, timeProgressBasis: deps.config.timeProgressBasis }, { scope: scopeFilters(p.scope) });
  } catch (e) {
    if (e instanceof ViewError) throw badRequest(e.message, `view.${e.field}`);
    throw e;
  }
  const rows = await queryView(deps.db, q);
  const labels = await names(deps);
  const file = viewFile(view, rows, labels);
  const title = body.title ?? `${viewCubes[view.cube].label.zh}透视`;
  const asOf = effectiveAsOf(view.asOf, dataAsOf);
  const stamp = `数据截至 ${dataAsOf}；统计口径截至 ${asOf}；导出人 ${p.displayName}（${scopeKey(p.scope)}）`;
  await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'export.create', target: `view.${body.format}`, address: clientAddress(c), detail: { title, rows: file.pivot.rows.length, view } });
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${title}-${dataAsOf}.${body.format}`)}`);
  c.header('Cache-Control', 'no-store');
  if (body.format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(viewCsv(view, file, labels));
  }
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  writeViewXlsx(out, title, stamp, view, file, labels).catch((e: unknown) => {
    deps.logger.error('view export failed', { error: e instanceof Error ? e.message : String(e) });
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return c.body(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>);
}
