import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLog } from '../audit/log.ts';
import type { Db, Queryable } from '../db/types.ts';
import { monthEnd } from '../../../queries/index.ts';
import { silentLogger, type Logger } from '../errors.ts';
import { computeReport, type ReportData } from './figures.ts';
import { reportHtml } from './html.ts';
import { chromiumAvailable, htmlToPdf, PdfUnavailableError } from './pdf.ts';
import { reportTitle, stamp } from './text.ts';
import { writeWorkbook } from './workbook.ts';

export type ReportFormat = 'xlsx' | 'pdf' | 'html';

/** `2026-10` → 202610. */
export const monthKeyOf = (m: string) => Number(m.slice(0, 4)) * 100 + Number(m.slice(5, 7));
export const monthLabel = (k: number) => `${Math.floor(k / 100)}-${String(k % 100).padStart(2, '0')}`;

export interface RenderOptions {
  basis: 'day' | 'month';
  chromiumPath?: string;
}

/** The report for `org` and `month` in one format, with its file name. */
export async function renderReport(db: Queryable, o: { org: string; month: number; dataAsOf: string; format: ReportFormat } & RenderOptions) {
  const data = await computeReport(db, { org: o.org, month: o.month, dataAsOf: o.dataAsOf, basis: o.basis });
  const name = `${reportTitle(data)}（数据截至${o.dataAsOf}）.${o.format}`;
  if (o.format === 'xlsx') return { data, name, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await writeWorkbook(data) };
  const html = reportHtml(data);
  if (o.format === 'html') return { data, name, type: 'text/html; charset=utf-8', body: Buffer.from(html) };
  return { data, name, type: 'application/pdf', body: await htmlToPdf(html, { chromiumPath: o.chromiumPath, footer: `${reportTitle(data)}　${stamp(data).split('；')[0]}` }) };
}

export interface ArchiveRow {
  report_id: string;
  month: number;
  mof_div_code: string;
  mof_div_name: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  data_as_of: string | null;
  xlsx_path: string | null;
  pdf_path: string | null;
  xlsx_bytes: string | null;
  pdf_bytes: string | null;
  error: string | null;
  requested_by: string;
  requested_at: string;
  finished_at: string | null;
}

/** The regions reports are generated for at month close: app_meta `report_regions` (a JSON array), else the top and level 2. */
export async function configuredRegions(db: Queryable): Promise<string[]> {
  const [meta] = await db.query<{ value: unknown }>(`SELECT value FROM app_meta WHERE key = 'report_regions'`);
  if (Array.isArray(meta?.value) && meta.value.every((v) => typeof v === 'string')) return meta.value as string[];
  const rows = await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE level <= 2 ORDER BY level, mof_div_code');
  return rows.map((r) => r.mof_div_code);
}

/** Writes `bytes` to `path` through a temporary name, so a reader never sees half a file. */
function writeAtomic(path: string, bytes: Buffer) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export interface QueueOptions {
  db: Db;
  /** DATA_DIR/reports. */
  dir: string;
  basis: 'day' | 'month';
  /** The data's as-of date when a report runs (the state's, or the database's in the CLI). */
  dataAsOf: () => Promise<string | null> | string | null;
  audit?: AuditLog;
  logger?: Logger;
  chromiumPath?: string;
  clock?: () => Date;
  /** Called before each region's report (tests inject a failure here). */
  beforeRegion?: (org: string) => void | Promise<void>;
}

/**
 * Generates archived reports one at a time, off the request path: `enqueue` returns at once, the work runs on later
 * turns of the event loop. One region's failure is recorded on its row and the queue goes on.
 */
export class ReportQueue {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  constructor(readonly o: QueueOptions) {}

  /** Queues archive rows (already inserted with status `queued`). */
  enqueue(ids: string[]) {
    for (const id of ids) {
      this.pending++;
      this.chain = this.chain
        .then(() => new Promise<void>((r) => setImmediate(r)))
        .then(() => this.run(id))
        .catch((err) => (this.o.logger ?? silentLogger).error('report generation failed', { id, error: String(err) }))
        .finally(() => this.pending--);
    }
  }

  /** Picks up reports left queued or running by an earlier process (a restart during generation). */
  async resume(): Promise<number> {
    await this.o.db.query(`UPDATE report_archive SET status = 'queued' WHERE status = 'running'`);
    const rows = await this.o.db.query<{ report_id: string }>(`SELECT report_id FROM report_archive WHERE status = 'queued' ORDER BY report_id`);
    this.enqueue(rows.map((r) => String(r.report_id)));
    return rows.length;
  }

  /** Resolves once everything queued so far is done. */
  async settle() {
    while (this.pending > 0) await this.chain;
  }

  get busy() {
    return this.pending > 0;
  }

  private async run(id: string) {
    const { db } = this.o;
    const clock = this.o.clock ?? (() => new Date());
    const [row] = await db.query<{ month: number; mof_div_code: string }>(`UPDATE report_archive SET status = 'running' WHERE report_id = $1 RETURNING month, mof_div_code`, [id]);
    if (!row) return;
    const month = Number(row.month);
    let dataAsOf: string | null = null;
    try {
      dataAsOf = await this.o.dataAsOf();
      if (!dataAsOf) throw new Error('数据尚未就绪');
      await this.o.beforeRegion?.(row.mof_div_code);
      const data: ReportData = await computeReport(db, { org: row.mof_div_code, month, dataAsOf, basis: this.o.basis });
      const dir = join(this.o.dir, monthLabel(month));
      mkdirSync(dir, { recursive: true });
      const base = join(dir, `${row.mof_div_code}-${id}`);
      const xlsx = await writeWorkbook(data);
      writeAtomic(`${base}.xlsx`, xlsx);
      let pdfBytes: number | null = null;
      let note: string | null = null;
      if (chromiumAvailable(this.o.chromiumPath)) {
        const pdf = await htmlToPdf(reportHtml(data), { chromiumPath: this.o.chromiumPath, footer: `${reportTitle(data)}　数据截至 ${dataAsOf}` });
        writeAtomic(`${base}.pdf`, pdf);
        pdfBytes = pdf.length;
      } else note = new PdfUnavailableError().message;
      await db.query(
        `UPDATE report_archive SET status = 'done', data_as_of = $2, xlsx_path = $3, xlsx_bytes = $4, pdf_path = $5, pdf_bytes = $6, error = $7, finished_at = $8 WHERE report_id = $1`,
        [id, dataAsOf, `${base}.xlsx`, xlsx.length, pdfBytes === null ? null : `${base}.pdf`, pdfBytes, note, clock().toISOString()],
      );
      await this.o.audit?.append({ username: 'system', action: 'report.generate', target: `${row.mof_div_code}:${monthLabel(month)}`, detail: { reportId: id, dataAsOf, pdf: pdfBytes !== null } });
    } catch (err) {
      const message = String((err as Error)?.message ?? err).slice(0, 500);
      await db.query(`UPDATE report_archive SET status = 'failed', data_as_of = $2, error = $3, finished_at = $4 WHERE report_id = $1`, [id, dataAsOf, message, clock().toISOString()]);
      await this.o.audit?.append({ username: 'system', action: 'report.generate', target: `${row.mof_div_code}:${monthLabel(month)}`, outcome: 'failed', detail: { reportId: id, error: message } });
    }
  }
}

/** Inserts queued archive rows for `regions` and returns their ids. */
export async function queueReports(db: Queryable, month: number, regions: string[], by: string, at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const code of regions) {
    const [r] = await db.query<{ report_id: string }>(
      `INSERT INTO report_archive (month, mof_div_code, status, requested_by, requested_at) VALUES ($1, $2, 'queued', $3, $4) RETURNING report_id`,
      [month, code, by, at.toISOString()],
    );
    ids.push(String(r.report_id));
  }
  return ids;
}

export class MonthCloseError extends Error {
  constructor(message: string, readonly status: 400 | 409, readonly field?: string) {
    super(message);
  }
}

/**
 * Closes `month`: records it (once) and queues the report of every configured region. The month must be complete in
 * the data (its last day ≤ dataAsOf).
 */
export async function closeMonth(db: Db, o: { month: number; by: string; dataAsOf: string | null; at: Date }) {
  if (!o.dataAsOf) throw new MonthCloseError('数据尚未就绪', 409);
  if (monthEnd(o.month) > o.dataAsOf) throw new MonthCloseError(`该月数据尚不完整（数据截至 ${o.dataAsOf}），不能月结`, 409, 'month');
  const regions = await configuredRegions(db);
  return db.transaction(async (tx) => {
    const done = await tx.query(`SELECT 1 FROM month_close WHERE month = $1`, [o.month]);
    if (done.length) throw new MonthCloseError('该月已月结；可在归档中重新生成报告', 409, 'month');
    await tx.query(`INSERT INTO month_close (month, closed_at, closed_by, data_as_of) VALUES ($1, $2, $3, $4)`, [o.month, o.at.toISOString(), o.by, o.dataAsOf]);
    const ids = await queueReports(tx, o.month, regions, o.by, o.at);
    return { regions, ids };
  });
}

/** Archive rows with their region's name, newest first; callers page after filtering by scope. */
export async function listArchive(db: Queryable, f: { month?: number; org?: string; id?: string }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.id) where.push(`a.report_id = $${params.push(f.id)}`);
  if (f.month) where.push(`a.month = $${params.push(f.month)}`);
  if (f.org) where.push(`a.mof_div_code = $${params.push(f.org)}`);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await db.query<ArchiveRow>(
    `SELECT a.*, r.mof_div_name FROM report_archive a JOIN region r USING (mof_div_code) ${w} ORDER BY a.month DESC, a.report_id DESC`,
    params,
  );
  return rows;
}
