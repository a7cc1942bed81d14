import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { openTestDb } from './support/db.ts';
import { loadFixture } from './support/fixture.ts';
import { closeRuntimes, runtimesFor, type Runtime } from './support/runtimes.ts';
import { principal } from './support/users.ts';

let db: Db;
let rts = new Map<string, Runtime>();

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-exports-'));
  rts = await runtimesFor(db, dataDir, [
    ['hq', principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst')],
    ['div2', principal(['leader'], { kind: 'region', mofDivCode: '660200000' }, 'div2_leader')],
    ['viewer', principal(['viewer'], { kind: 'region', mofDivCode: '660000000' })],
  ] as const);
}, 120_000);
afterAll(async () => {
  await closeRuntimes(rts, db);
});

const byRegion = { dimensions: ['lvl2_code'], metrics: ['budget', 'paid', 'execution_rate'], asOf: '2026-03-31', filters: [{ dimension: 'org', op: 'subtree', value: '660000000', level: 1 }] };
const post = (who: string, body: unknown) => rts.get(who)!.app.request('/api/exports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/exports', () => {
  it('xlsx: Chinese headers, names beside codes, values in 元 with number formats, a frozen header', async () => {
    const res = await post('hq', { cube: 'execution', slice: byRegion, format: 'xlsx', title: '分地区执行' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('分地区执行-2026-04-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('分地区执行');
    expect(ws.getRow(1).getCell(1).value).toBe('分地区执行');
    expect(String(ws.getRow(2).getCell(1).value)).toContain('数据截至 2026-04-30');
    expect(ws.getRow(3).values).toEqual([undefined, '二级区划代码', '二级区划名称', '预算数（元）', '支出数（元）', '预算执行率']);
    const rows = [4, 5, 6].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    // By hand (tests/support/fixture.ts): 第一师 1,100,000 / 390,000.25; 第二师 500,000 / 123,456.78; 兵团本级 200,000 / 0.
    expect(rows).toEqual([
      ['660100000', '第一师', 1100000, 390000.25, 390000.25 / 1100000],
      ['660200000', '第二师', 500000, 123456.78, 123456.78 / 500000],
      [null, '本级', 200000, 0, 0],
    ].map((r) => r.map((v) => (v === null ? undefined : v))));
    expect(ws.getRow(4).getCell(3).numFmt).toBe('#,##0.00');
    expect(ws.getRow(4).getCell(5).numFmt).toBe('0.0%');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('CSV with a UTF-8 BOM and exact 元 strings', async () => {
    const res = await post('hq', { cube: 'execution', slice: { ...byRegion, metrics: ['paid'] }, format: 'csv' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('二级区划代码,二级区划名称,支出数（元）\r\n660100000,第一师,390000.25\r\n660200000,第二师,123456.78\r\n,本级,0.00\r\n');
  });

  it('is limited to the caller’s scope and audited', async () => {
    const res = await post('div2', { cube: 'execution', slice: { ...byRegion, dimensions: ['mof_div_code', 'agency_code'], metrics: ['paid'] }, format: 'csv' });
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3));
    expect(text).toBe('财政区划代码,财政区划名称,预算单位代码,单位名称,支出数（元）\r\n660200000,第二师,204001,第二师公安局,123456.78\r\n');
    const rt = rts.get('div2')!;
    await rt.audit.flush();
    const [a] = await db.query<{ username: string; target: string; scope: string }>(`SELECT username, target, scope FROM audit_log WHERE action = 'export.create' AND username = 'div2_leader'`);
    expect(a).toEqual({ username: 'div2_leader', target: 'execution.csv', scope: '660200000' });
  });

  it('a chart saved as PNG in the browser is recorded in the audit log', async () => {
    const rt = rts.get('hq')!;
    const res = await rt.app.request('/api/exports/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cube: 'execution', format: 'png', title: '分地区执行率', slice: byRegion }) });
    expect(res.status).toBe(201);
    const bad = await rt.app.request('/api/exports/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cube: 'execution', format: 'gif', title: 'x' }) });
    expect((await bad.json()).error.field).toBe('format');
    await rt.audit.flush();
    const [a] = await db.query<{ target: string; detail: { title: string; madeIn: string } }>(`SELECT target, detail FROM audit_log WHERE action = 'export.create' AND target = 'execution.png'`);
    expect(a.detail).toMatchObject({ title: '分地区执行率', madeIn: 'browser' });
  });

  it('viewers cannot export; a bad slice is a 400 naming the field', async () => {
    expect((await post('viewer', { cube: 'execution', slice: byRegion, format: 'csv' })).status).toBe(403);
    for (const [body, field] of [
      [{ cube: 'execution', slice: { ...byRegion, metrics: ['nope'] }, format: 'csv' }, 'slice.metrics[0]'],
      [{ cube: 'execution', slice: { ...byRegion, dimensions: ['password'] }, format: 'csv' }, 'slice.dimensions[0]'],
      [{ cube: 'nope', slice: byRegion, format: 'csv' }, 'cube'],
      [{ cube: 'execution', slice: byRegion, format: 'pdf' }, 'format'],
      [{ cube: 'execution', slice: { ...byRegion, asOf: '2026-02-30' }, format: 'csv' }, 'slice.asOf'],
    ] as const) {
      const res = await post('hq', body);
      expect(res.status, field).toBe(400);
      expect((await res.json()).error.field).toBe(field);
    }
  });
});
