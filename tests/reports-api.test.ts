import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../api/src/auth/principal.ts';
import type { Db } from '../api/src/db/types.ts';
import { ReportQueue } from '../api/src/reports/archive.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { closeRuntimes, runtimesFor, type Runtime } from './support/runtimes.ts';
import { principal } from './support/users.ts';

/**
 * The report API on the hand fixture (tests/support/fixture.ts, data as of 2026-04-30): figures worked out by hand,
 * scope and role, typed 400s, PDF without Chromium, month close with one failing region, the archive, the audit log.
 */
let db: Db;
let dataDir: string;
let rts = new Map<string, Runtime>();
const who: Record<string, Principal> = {
  hq: principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst'),
  div1: principal(['leader'], { kind: 'region', mofDivCode: '660100000' }, 'div1_leader'),
  viewer: principal(['viewer'], { kind: 'region', mofDivCode: '660000000' }, 'hq_viewer'),
  dept: principal(['analyst'], { kind: 'dept', mofDivCode: '660100000', deptCode: '204' }, 'dept_analyst'),
  admin: principal(['admin'], { kind: 'region', mofDivCode: '660000000' }, 'hq_admin'),
};

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  dataDir = mkdtempSync(join(tmpdir(), 'fc-reports-api-'));
  // No Chromium at this path: PDF answers 503 pdf_unavailable and archived reports are xlsx only (the PDF itself is
  // tested in tests/e2e/reports-pdf.e2e.test.ts on Debian's Chromium).
  rts = await runtimesFor(db, dataDir, Object.entries(who), { chromiumPath: join(dataDir, 'no-chromium') });
}, 120_000);
afterAll(async () => {
  await closeRuntimes(rts, db);
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (name: string, path: string) => rts.get(name)!.app.request(path);
const post = (name: string, path: string) => rts.get(name)!.app.request(path, { method: 'POST' });
async function workbook(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb;
}
const auditRows = async (action: string) => {
  for (const rt of rts.values()) await rt.audit.flush();
  return db.query<{ username: string; target: string; outcome: string; detail: Record<string, unknown> }>('SELECT username, target, outcome, detail FROM audit_log WHERE action = $1 ORDER BY id', [action]);
};

describe('GET /api/reports/monthly', () => {
  it('全兵团 2026-04: the figures worked out by hand', async () => {
    const res = await get('hq', '/api/reports/monthly?month=2026-04&org=660000000&format=xlsx');
    expect(res.status).toBe(200);
    const wb = await workbook(res);
    // Budget: I1 1,000,000 − I2 200,000 + I7 100,000 (第一师) + I4 300,000 (一团) + I3 500,000 (第二师, 提前下达) + I5 200,000 (本级)
    // = 1,900,000 元; I6 (类 230) excluded. Paid by 30 April: 250,000 + 100,000.50 − 20,000.25 + 60,000 + 123,456.78 + 1,000
    // + 50,000 = 564,457.03 元 (P6 pending, P8 类 230 excluded). April alone: P7 50,000 + P9 1,000.
    const total = wb.getWorksheet('总体执行')!.getRow(10);
    expect(total.getCell(2).value).toBe('合计');
    const v = (c: number) => {
      const x = total.getCell(c).value as { result?: number } | number;
      return typeof x === 'object' ? (x.result ?? 0) : x;
    };
    expect(v(3)).toBe(190); // 万元
    expect(v(4)).toBe(56.445703);
    expect(v(5)).toBeCloseTo(564457.03 / 1900000, 12);
    expect(v(6)).toBeCloseTo((564457.03 / 1900000 - 120 / 365) * 100, 10);
    expect(v(7)).toBe(5.1);
    // At 31 March: I7 (10 April) not yet issued; April's payments not yet made.
    expect(v(8)).toBeCloseTo(513457.03 / 1800000, 12);
    expect(v(10)).toBe(0); // 2025 to 30 April: nothing paid (I8 400,000 issued)
    expect(v(11)).toBe(0);
    // 一般公共预算 (111) and 单位资金 (31); 政府性基金 (122).
    const funds = wb.getWorksheet('总体执行')!;
    expect(funds.getRow(4).getCell(3).value).toBe(140); // 1,400,000 元 of 111
    expect(funds.getRow(5).getCell(3).value).toBe(30); // 122
    expect(funds.getRow(9).getCell(4).value).toBe(5); // 31: 50,000 元 paid
    const first = String(wb.getWorksheet('说明')!.getRow(4).getCell(1).value);
    expect(first).toBe('截至4月底，全兵团预算支出执行率29.7%（支出56.45万元，预算190.00万元），低于序时进度3.2个百分点，较上月提高1.2个百分点，较上年同期提高29.7个百分点。');
    // 分地区: 兵团本级, 第一师 (汇总) = 第一师本级 + 一团, 第二师, 合计.
    const reg = wb.getWorksheet('分地区')!;
    const rows = [4, 5, 6, 7, 8, 9].map((i) => reg.getRow(i));
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value])).toEqual([
      ['660000000', '兵团本级', '本级'], ['660100000', '第一师', '汇总'], ['660100000', '第一师本级', '本级'], ['660101000', '一团', '汇总'],
      ['660200000', '第二师', '汇总'], ['660000000', '全兵团', '合计'],
    ]);
    const paid = (r: ExcelJS.Row) => {
      const x = r.getCell(5).value as { result?: number; formula?: string } | number;
      return typeof x === 'object' ? x.result : x;
    };
    expect(rows.map(paid)).toEqual([5, 39.000025, 33.000025, 6, 12.445678, 56.445703]);
    expect((rows[1].getCell(5).value as { formula: string }).formula).toBe('SUM(E6:E7)');
    expect((rows[5].getCell(5).value as { formula: string }).formula).toBe('E4+E5+E8');
  });

  it('a division leader gets their own division; another org is 403, an unknown one 404; viewers and department scopes cannot', async () => {
    const own = await get('div1', '/api/reports/monthly?month=2026-04&org=660100000');
    expect(own.status).toBe(200);
    const wb = await workbook(own);
    expect(String(wb.getWorksheet('说明')!.getRow(4).getCell(1).value)).toContain('截至4月底，第一师预算支出执行率');
    expect((await get('div1', '/api/reports/monthly?month=2026-04&org=660101000')).status).toBe(200);
    const other = await get('div1', '/api/reports/monthly?month=2026-04&org=660200000');
    expect(other.status).toBe(403);
    expect((await other.json()).error).toMatchObject({ code: 'forbidden', field: 'org' });
    expect((await get('div1', '/api/reports/monthly?month=2026-04&org=660000000')).status).toBe(403);
    const unknown = await get('hq', '/api/reports/monthly?month=2026-04&org=669999000');
    expect(unknown.status).toBe(404);
    expect((await get('viewer', '/api/reports/monthly?month=2026-04&org=660000000')).status).toBe(403);
    expect((await get('admin', '/api/reports/monthly?month=2026-04&org=660000000')).status).toBe(403);
    expect((await get('dept', '/api/reports/monthly?month=2026-04&org=660100000')).status).toBe(403);
    const denied = await auditRows('access.denied');
    expect(denied.map((d) => [d.username, d.target])).toContainEqual(['div1_leader', 'report:660200000']);
  });

  it('bad input is a typed 400 naming the parameter', async () => {
    for (const [q, field] of [
      ['month=2026-13&org=660000000', 'month'], ['month=202604&org=660000000', 'month'], ['org=660000000', 'month'],
      ['month=2026-04', 'org'], ['month=2026-04&org=6600', 'org'], ['month=2026-04&org=660000000&format=docx', 'format'],
      ['month=2026-05&org=660000000', 'month'], // after the data's as-of date
      ['month=2026-04&org=660000000&foo=1', 'foo'],
    ] as const) {
      const res = await get('hq', `/api/reports/monthly?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code, q).toBe('bad_request');
      expect(body.error.field, q).toBe(field);
    }
  });

  it('PDF without Chromium is a clear 503 pdf_unavailable; the printable page is served as HTML', async () => {
    const res = await get('hq', '/api/reports/monthly?month=2026-04&org=660000000&format=pdf');
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({ code: 'pdf_unavailable', field: 'format' });
    const html = await get('hq', '/api/reports/monthly?month=2026-04&org=660000000&format=html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await html.text();
    for (const h of ['一、说明', '二、总体执行', '三、分地区', '四、分功能科目', '五、分经济分类', '六、三公经费', '七、绩效目标与评价', '八、风险预警', '九、滞后单位清单']) expect(text).toContain(h);
    expect(text).toContain('@page { size: A4 landscape');
    expect(text).toContain('<svg');
    expect(text).not.toContain('<script');
  });

  it('every report made is audited with the org, month, format and dataAsOf', async () => {
    const made = await auditRows('report.create');
    expect(made.find((a) => a.username === 'hq_analyst' && a.target === '660000000:2026-04.xlsx')?.detail).toMatchObject({ org: '660000000', month: '2026-04', format: 'xlsx', dataAsOf: DATA_AS_OF });
    expect(made.some((a) => a.username === 'div1_leader' && a.target === '660100000:2026-04.xlsx')).toBe(true);
  });
});

describe('month close and the archive', () => {
  it('closing queues every configured region off the request path; one failing region does not stop the others', async () => {
    const admin = rts.get('admin')!;
    const deps = admin.app.deps;
    // The failure is injected before the region's report runs; the other regions go on.
    deps.reports = new ReportQueue({
      db, dir: join(dataDir, 'reports'), basis: 'day', dataAsOf: () => DATA_AS_OF, audit: deps.audit, chromiumPath: join(dataDir, 'no-chromium'),
      beforeRegion: (org) => {
        if (org === '660200000') throw new Error('injected failure for 第二师');
      },
    });
    expect((await post('hq', '/api/months/2026-04/close')).status).toBe(403);
    expect((await post('viewer', '/api/months/2026-04/close')).status).toBe(403);
    expect((await post('admin', '/api/months/2026-13/close')).status).toBe(400);
    const notDone = await post('admin', '/api/months/2026-05/close');
    expect(notDone.status).toBe(409);
    expect((await notDone.json()).error.field).toBe('month');

    const res = await post('admin', '/api/months/2026-04/close');
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.reports.map((r: { org: string; status: string }) => [r.org, r.status])).toEqual([['660000000', 'queued'], ['660100000', 'queued'], ['660200000', 'queued']]);
    // The API answered before any report was made.
    expect(deps.reports.busy).toBe(true);
    const queued = await db.query<{ status: string }>(`SELECT status FROM report_archive WHERE month = 202604`);
    expect(queued.every((q) => q.status === 'queued')).toBe(true);
    await deps.reports.settle();

    const list = await (await get('admin', '/api/reports/archive?month=2026-04')).json();
    expect(list.total).toBe(3);
    const byOrg = Object.fromEntries(list.items.map((i: { org: string }) => [i.org, i]));
    expect(byOrg['660000000']).toMatchObject({ status: 'done', dataAsOf: DATA_AS_OF, xlsx: true, pdf: false });
    expect(byOrg['660100000']).toMatchObject({ status: 'done', dataAsOf: DATA_AS_OF, xlsx: true });
    expect(byOrg['660200000']).toMatchObject({ status: 'failed', error: 'injected failure for 第二师', xlsx: false });
    expect(byOrg['660000000'].error).toContain('Chromium');
    expect(list.closedMonths).toEqual([expect.objectContaining({ month: '2026-04', closedBy: 'hq_admin', dataAsOf: DATA_AS_OF })]);
    const files = await db.query<{ xlsx_path: string }>(`SELECT xlsx_path FROM report_archive WHERE status = 'done'`);
    for (const f of files) expect(existsSync(f.xlsx_path) && f.xlsx_path.startsWith(join(dataDir, 'reports', '2026-04'))).toBe(true);

    // Closing twice is a conflict.
    expect((await post('admin', '/api/months/2026-04/close')).status).toBe(409);

    // Download (business users within scope; the admin has no finance data).
    const dl = await get('hq', `/api/reports/archive/${byOrg['660000000'].id}/download?format=xlsx`);
    expect(dl.status).toBe(200);
    const wb = await workbook(dl);
    expect(String(wb.getWorksheet('说明')!.getRow(2).getCell(1).value)).toContain(`数据截至 ${DATA_AS_OF}`);
    expect((await get('hq', `/api/reports/archive/${byOrg['660000000'].id}/download?format=pdf`)).status).toBe(409);
    expect((await get('admin', `/api/reports/archive/${byOrg['660000000'].id}/download`)).status).toBe(403);
    // Scope: a division leader sees only their division's report, and cannot fetch another.
    const mine = await (await get('div1', '/api/reports/archive')).json();
    expect(mine.items.map((i: { org: string }) => i.org)).toEqual(['660100000']);
    expect((await get('div1', `/api/reports/archive/${byOrg['660000000'].id}/download`)).status).toBe(404);
    expect((await get('div1', `/api/reports/archive/${byOrg['660100000'].id}/download`)).status).toBe(200);
    expect((await get('hq', '/api/reports/archive/abc/download')).status).toBe(400);

    // Regenerate the failed one (the failure is gone now).
    deps.reports = new ReportQueue({ db, dir: join(dataDir, 'reports'), basis: 'day', dataAsOf: () => DATA_AS_OF, audit: deps.audit, chromiumPath: join(dataDir, 'no-chromium') });
    expect((await post('hq', `/api/reports/archive/${byOrg['660200000'].id}/regenerate`)).status).toBe(403);
    const again = await post('admin', `/api/reports/archive/${byOrg['660200000'].id}/regenerate`);
    expect(again.status).toBe(202);
    await deps.reports.settle();
    const after = await (await get('admin', '/api/reports/archive?month=2026-04&org=660200000')).json();
    expect(after.items.map((i: { status: string }) => i.status)).toEqual(['done', 'failed']);

    // All audited.
    expect((await auditRows('month.close')).map((a) => [a.username, a.target])).toEqual([['hq_admin', '2026-04']]);
    const gen = await auditRows('report.generate');
    expect(gen.map((g) => [g.target, g.outcome])).toEqual([
      ['660000000:2026-04', 'ok'], ['660100000:2026-04', 'ok'], ['660200000:2026-04', 'failed'], ['660200000:2026-04', 'ok'],
    ]);
    expect((await auditRows('report.regenerate')).map((a) => a.username)).toEqual(['hq_admin']);
    expect((await auditRows('report.download')).map((a) => [a.username, a.target])).toEqual([['hq_analyst', '660000000:2026-04.xlsx'], ['div1_leader', '660100000:2026-04.xlsx']]);
  });

  it('a report left running by a stopped process is picked up again on start', async () => {
    const [{ report_id: id }] = await db.query<{ report_id: string }>(
      `INSERT INTO report_archive (month, mof_div_code, status, requested_by, requested_at) VALUES (202604, '660101000', 'running', 'hq_admin', now()) RETURNING report_id`,
    );
    const q = new ReportQueue({ db, dir: join(dataDir, 'reports'), basis: 'day', dataAsOf: () => DATA_AS_OF, chromiumPath: join(dataDir, 'no-chromium') });
    expect(await q.resume()).toBe(1);
    await q.settle();
    const [row] = await db.query<{ status: string; data_as_of: string }>('SELECT status, data_as_of FROM report_archive WHERE report_id = $1', [id]);
    expect(row).toEqual({ status: 'done', data_as_of: DATA_AS_OF });
  });
});
