import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { viewFile, viewXlsxBuffer } from '../api/src/exports/view-file.ts';
import { compileView, parseView, postgres } from '../queries/index.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { closeRuntimes, runtimesFor, type Runtime } from './support/runtimes.ts';
import { principal } from './support/users.ts';

let db: Db;
let rts = new Map<string, Runtime>();

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-views-'));
  rts = await runtimesFor(db, dataDir, [
    ['hq', principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst')],
    ['div1', principal(['analyst'], { kind: 'region', mofDivCode: '660100000' }, 'div1_analyst')],
    ['div2', principal(['analyst'], { kind: 'region', mofDivCode: '660200000' }, 'div2_analyst')],
    ['viewer', principal(['viewer'], { kind: 'region', mofDivCode: '660000000' }, 'hq_viewer')],
  ] as const);
}, 120_000);
afterAll(async () => {
  await closeRuntimes(rts, db);
});

const call = (who: string, method: string, path: string, body?: unknown) =>
  rts.get(who)!.app.request(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

// By hand from tests/support/fixture.ts, as of 2026-03-31 (fen-exact 元):
// 第一师 subtree: Jan budget 1,000,000; Feb budget 300,000 (一团) paid 250,000; Mar budget −200,000 paid 100,000.50 − 20,000.25 + 60,000 (一团).
// 第二师: Jan budget 500,000, paid 123,456.78. 兵团本级 (lvl2 null): Jan budget 200,000.
const pivotView = { cube: 'execution', rows: ['lvl2_code', 'lvl3_code'], columns: ['month'], metrics: ['budget', 'paid'], asOf: '2026-03-31' };

describe('saved views API', () => {
  let sharedId = '';
  let privateId = '';

  it('an HQ analyst saves a shared view (audited) and a private one', async () => {
    const res = await call('hq', 'POST', '/api/views', { name: '分师分月执行', description: '全兵团', visibility: 'shared', definition: pivotView });
    expect(res.status).toBe(201);
    const v = await res.json();
    expect(v).toMatchObject({ name: '分师分月执行', visibility: 'shared', mine: true, org: '660000000', url: `/workbench?view=${v.id}` });
    expect(v.definition).toMatchObject({ ...pivotView, filters: [], conditions: [], totals: true, chart: 'table' });
    sharedId = v.id;
    const res2 = await call('hq', 'POST', '/api/views', { name: '私有', definition: { ...pivotView, rows: ['lvl2_code'] } });
    expect(res2.status).toBe(201);
    privateId = (await res2.json()).id;
    await rts.get('hq')!.audit.flush();
    const audit = await db.query<{ action: string; target: string }>(`SELECT action, target FROM audit_log WHERE username = 'hq_analyst' AND action LIKE 'view.%' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'view.save', target: `view:${sharedId}` },
      { action: 'view.share', target: `view:${sharedId}` },
      { action: 'view.save', target: `view:${privateId}` },
    ]);
  });

  it('a division analyst sees the shared view, not the private one', async () => {
    const list = await (await call('div1', 'GET', '/api/views')).json();
    expect(list.total).toBe(1);
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([sharedId]);
    expect(list.items[0]).toMatchObject({ owner: 'hq_analyst', mine: false });
    expect((await call('div1', 'GET', `/api/views/${sharedId}`)).status).toBe(200);
    expect((await call('div1', 'GET', `/api/views/${privateId}`)).status).toBe(404);
  });

  it('opening the shared view applies the viewer’s own scope: the division analyst’s export holds only their division', async () => {
    const { definition } = await (await call('div1', 'GET', `/api/views/${sharedId}`)).json();
    const res = await call('div1', 'POST', '/api/exports', { view: definition, format: 'csv', title: '分师分月执行' });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines).toEqual([
      '二级区划,三级区划,2026-01 / 预算数（元）,2026-01 / 支出数（元）,2026-02 / 预算数（元）,2026-02 / 支出数（元）,2026-03 / 预算数（元）,2026-03 / 支出数（元）,总计 / 预算数（元）,总计 / 支出数（元）',
      '第一师,小计,1000000.00,0.00,300000.00,250000.00,-200000.00,140000.25,1100000.00,390000.25',
      '第一师,一团,,,300000.00,0.00,0.00,60000.00,300000.00,60000.00',
      '第一师,本级,1000000.00,0.00,0.00,250000.00,-200000.00,80000.25,800000.00,330000.25',
      '总计,,1000000.00,0.00,300000.00,250000.00,-200000.00,140000.25,1100000.00,390000.25',
    ]);
    // The HQ analyst's own export of the same view holds every division.
    const hq = new TextDecoder().decode(new Uint8Array(await (await call('hq', 'POST', '/api/exports', { view: definition, format: 'csv' })).arrayBuffer()).slice(3));
    expect(hq).toContain('第二师,小计,500000.00,123456.78');
    expect(hq.trim().split('\r\n').at(-1)).toBe('总计,,1700000.00,123456.78,300000.00,250000.00,-200000.00,140000.25,1800000.00,513457.03');
    await rts.get('div1')!.audit.flush();
    const [a] = await db.query<{ target: string; scope: string }>(`SELECT target, scope FROM audit_log WHERE username = 'div1_analyst' AND action = 'export.create'`);
    expect(a).toEqual({ target: 'view.csv', scope: '660100000' });
  });

  it('a view about one division is not listed to another division', async () => {
    const res = await call('div1', 'POST', '/api/views', { name: '一师', visibility: 'shared', definition: { ...pivotView, filters: [{ dimension: 'org', op: 'subtree', value: '660100000' }] } });
    const v = await res.json();
    expect(v.org).toBe('660100000');
    expect((await call('div2', 'GET', `/api/views/${v.id}`)).status).toBe(404);
    expect((await call('hq', 'GET', `/api/views/${v.id}`)).status).toBe(200);
  });

  it('only the owner changes or deletes a view; changes and deletion are audited', async () => {
    expect((await call('div1', 'PUT', `/api/views/${sharedId}`, { name: 'x', definition: pivotView })).status).toBe(403);
    expect((await call('div1', 'DELETE', `/api/views/${sharedId}`)).status).toBe(403);
    const put = await call('hq', 'PUT', `/api/views/${privateId}`, { name: '改名', visibility: 'shared', definition: { ...pivotView, chart: 'bar' } });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ name: '改名', visibility: 'shared', definition: { chart: 'bar' } });
    expect((await call('hq', 'DELETE', `/api/views/${privateId}`)).status).toBe(204);
    expect((await call('hq', 'GET', `/api/views/${privateId}`)).status).toBe(404);
    await rts.get('hq')!.audit.flush();
    const acts = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = $1 ORDER BY id`, [`view:${privateId}`]);
    expect(acts.map((x) => x.action)).toEqual(['view.save', 'view.save', 'view.share', 'view.delete']);
  });

  it('bad definitions are 400s naming the field; roles are enforced; lists page', async () => {
    const bad = await call('hq', 'POST', '/api/views', { name: 'x', definition: { ...pivotView, rows: ['lvl2_code', 'nope'] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('definition.rows[1]');
    const bad2 = await call('hq', 'POST', '/api/exports', { view: { ...pivotView, metrics: ['nope'] }, format: 'xlsx' });
    expect((await bad2.json()).error.field).toBe('view.metrics[0]');
    expect((await call('hq', 'POST', '/api/views', { name: '', definition: pivotView })).status).toBe(400);
    expect((await call('viewer', 'POST', '/api/views', { name: 'x', definition: pivotView })).status).toBe(403);
    expect((await call('viewer', 'GET', '/api/views')).status).toBe(200);
    for (let i = 0; i < 3; i++) await call('hq', 'POST', '/api/views', { name: `v${i}`, definition: pivotView });
    const page = await (await call('hq', 'GET', '/api/views?limit=2&offset=1&owner=mine')).json();
    expect(page.items.length).toBe(2);
    expect(page.total).toBe(4);
    expect((await call('hq', 'GET', '/api/views?limit=9999')).status).toBe(400);
    expect((await call('hq', 'GET', '/api/views/abc')).status).toBe(404);
  });
});

describe('view export as xlsx, read back', () => {
  it('values, number formats, merged pivot headers, a frozen header and totals as formulas', async () => {
    const res = await call('hq', 'POST', '/api/exports', { view: { ...pivotView, metrics: ['budget', 'paid', 'execution_rate'] }, format: 'xlsx', title: '分师分月' });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('分师分月');
    expect(String(ws.getCell('A2').value)).toContain('统计口径截至 2026-03-31');
    // Header: months over three metrics each, merged; row labels merged over both header rows.
    expect(ws.getCell('C3').value).toBe('2026-01');
    expect(ws.getCell('F3').value).toBe('2026-02');
    expect(ws.getCell('L3').value).toBe('总计');
    expect(ws.getCell('D3').isMerged && ws.getCell('D3').master.address).toBe('C3');
    expect(ws.getCell('E3').master.address).toBe('C3');
    expect(ws.getCell('A4').master.address).toBe('A3');
    expect((ws.getRow(4).values as unknown[]).slice(3)).toEqual(Array(4).fill(['预算数（元）', '支出数（元）', '预算执行率']).flat());
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    // Rows: 第一师 (subtotal), 一团, 本级, 第二师, 本级, 兵团本级 (lvl2 null → 本级), 本级, 总计.
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`B${r}`).value ?? ''])).toEqual([
      ['第一师', '小计'], ['第一师', '一团'], ['第一师', '本级'], ['第二师', '小计'], ['第二师', '本级'], ['本级', '小计'], ['本级', '本级'], ['总计', ''],
    ]);
    // Subtotals and the total are SUBTOTAL formulas over the rows below, with the computed value cached.
    expect(ws.getCell('L5').value).toEqual({ formula: 'SUBTOTAL(9,L6:L7)', result: 1100000 });
    expect(ws.getCell('M12').value).toEqual({ formula: 'SUBTOTAL(9,M5:M11)', result: 513457.03 });
    // A leaf row's total column: the sum of its months (three metrics a month: paid in D, G, J).
    expect(ws.getCell('M6').value).toEqual({ formula: 'SUM(D6,G6,J6)', result: 60000 });
    expect(ws.getCell('J6').value).toBe(60000);
    expect(ws.getCell('N5').value).toBeCloseTo(390000.25 / 1100000, 12);
    expect(ws.getCell('L6').numFmt).toBe('#,##0.00');
    expect(ws.getCell('N6').numFmt).toBe('0.0%');
  });

  it('rows beyond the sheet limit continue on further sheets with the headers repeated', async () => {
    const v = parseView({ cube: 'execution', rows: ['mof_div_code', 'agency_code'], columns: [], metrics: ['budget'], asOf: '2026-03-31' });
    const q = compileView(v, postgres, { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' });
    const rows = await db.query<Record<string, unknown>>(q.sql, q.params);
    const labels = { region: new Map<string, string>(), agency: new Map<string, string>() };
    const file = viewFile(v, rows, labels);
    expect(file.pivot.rows.length).toBe(9); // 4 regions + 4 units + total
    const buf = await viewXlsxBuffer('拆分', 'stamp', v, file, labels, 3 + 4); // 3 header rows + 4 data rows a sheet
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['拆分-1', '拆分-2', '拆分-3']);
    expect(wb.worksheets.map((w) => w.rowCount)).toEqual([7, 7, 4]);
    expect(wb.worksheets[2].getCell('A3').value).toBe('财政区划');
    // The grand total's rows span sheets: written as its value.
    expect(wb.worksheets[2].getCell('C4').value).toBe(1800000);
  });
});
