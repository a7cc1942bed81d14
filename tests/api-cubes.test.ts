import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { CubeStore } from '../api/src/cubes/store.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, loadFixture } from './support/fixture.ts';
import { principal, testAuth } from './support/users.ts';

let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;
let app: ReturnType<typeof createRuntime>['app'];
const mkApp = (auth = testAuth(), store?: CubeStore) => createRuntime({ db, dataDir: built.store.dir, store: store ?? built.store, auth });

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  built = await buildAndLoad(db);
  const rt = mkApp();
  Object.assign(rt.state, { ready: true, dataAsOf: DATA_AS_OF, phase: 'ready' });
  app = rt.app;
}, 120_000);
afterAll(async () => {
  built?.cleanup();
  await db?.close();
});

describe('GET /api/health', () => {
  it('reports readiness, the database kind and dataAsOf', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', ready: true, database: db.kind, dataAsOf: '2026-04-30' });
  });
  it('answers without a session', async () => {
    const anon = mkApp(testAuth(null)).app;
    expect((await anon.request('/api/health')).status).toBe(200);
    const res = await anon.request('/api/cubes');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});

describe('GET /api/cubes', () => {
  it('lists cubes and dimension tables with row counts, etags, metrics and settings', async () => {
    const res = await app.request('/api/cubes');
    const body = await res.json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([
      'execution', 'execution__region_month', 'execution__region_class', 'execution__region_func', 'execution__region_eco', 'execution__unit_month',
      'performance', 'approval', 'approval__region_month', 'warnings', 'warning_status', 'regions', 'agencies', 'codes',
    ]);
    expect(body.dataAsOf).toBe('2026-04-30');
    expect(body.timeProgressBasis).toBe('day');
    const exec = body.items.find((i: { id: string }) => i.id === 'execution');
    const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM cube_execution');
    expect(exec.rowCount).toBe(Number(n));
    expect(exec.table).toBe('cube_execution');
    expect(exec.metrics.map((m: { id: string }) => m.id)).toEqual(['budget', 'paid', 'execution_rate', 'time_progress', 'progress_gap']);
    expect(exec.metrics[2].caliber.definition.zh).toBe('支出数 ÷ 预算数');
    const regions = body.items.find((i: { id: string }) => i.id === 'regions');
    expect(regions.rowCount).toBe(4);
    const rollup = body.items.find((i: { id: string }) => i.id === 'execution__region_month');
    expect(rollup).toMatchObject({ kind: 'rollup', rollupOf: 'execution', table: 'cube_execution__region_month', version: exec.version });
    expect(rollup.dimensions.map((d: { id: string }) => d.id)).toEqual(['fiscal_year', 'month', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code', 'fund_type_code']);
    expect(rollup.metrics.map((m: { id: string }) => m.id)).toEqual(exec.metrics.map((m: { id: string }) => m.id));
    expect(rollup.rowCount).toBeLessThanOrEqual(exec.rowCount); // the tiny fixture has one cube row per region and month
  });
});

describe('rollups served beside their cube', () => {
  const decode = async (res: Response) => tableFromIPC(new Uint8Array(await res.arrayBuffer())).toArray().map((r) => r.toJSON());
  const get = (a: typeof app, id: string) => a.request(`/api/cubes/${id}`, { headers: { 'accept-encoding': 'identity' } });

  it('sums the parts over the dimensions they keep (figures worked out from the fixture)', async () => {
    const res = await get(app, 'execution__region_month');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"execution__region_month-v1-[0-9a-f]{16}-660000000-identity"$/);
    const rows = await decode(res);
    // 第一师, March, 111: I2's −200,000.00 adjustment; P2 100,000.50 and the return P3 −20,000.25 (P8 is 类 230).
    expect(rows.filter((r) => r.mof_div_code === '660100000' && r.month === 202603)).toEqual([
      { fiscal_year: 2026, month: 202603, lvl1_code: '660000000', lvl2_code: '660100000', lvl3_code: null, lvl4_code: null, mof_div_code: '660100000', fund_type_code: '111', budget_fen: -20_000_000n, paid_fen: 8_000_025n },
    ]);
    // 第二师, January: the 提前下达 indicator I3 (issued November 2025) counts in month 1, with P4.
    expect(rows.find((r) => r.mof_div_code === '660200000' && r.month === 202601)).toMatchObject({ budget_fen: 50_000_000n, paid_fen: 12_345_678n });
    expect(rows.filter((r) => r.fiscal_year === 2026).reduce((s, r) => s + (r.paid_fen as bigint), 0n)).toBe(56_445_703n);
    const units = await decode(await get(app, 'execution__unit_month'));
    // 第一师公安局 in February: P1 250,000.00 (I6 and P8 are 类 230, excluded).
    expect(units.filter((r) => r.mof_div_code === '660100000' && r.agency_code === '204001' && r.month === 202602)).toEqual([
      { fiscal_year: 2026, month: 202602, lvl1_code: '660000000', lvl2_code: '660100000', lvl3_code: null, lvl4_code: null, mof_div_code: '660100000', agency_code: '204001', dept_code: '204', fund_type_code: '111', budget_fen: 0n, paid_fen: 25_000_000n },
    ]);
  });

  it('a division sees its own subtree in a rollup, nothing else', async () => {
    const division = mkApp(testAuth(principal(['analyst'], { kind: 'region', mofDivCode: '660100000' }))).app;
    const rows = await decode(await get(division, 'execution__region_month'));
    expect(new Set(rows.map((r) => r.mof_div_code))).toEqual(new Set(['660100000', '660101000']));
    expect(rows.filter((r) => r.fiscal_year === 2026).reduce((s, r) => s + (r.paid_fen as bigint), 0n)).toBe(25_000_000n + 8_000_025n + 6_000_000n);
  });

  it('a unit or department scope gets only rollups that keep its columns: 403 for the others, and they are not listed', async () => {
    const unitRt = mkApp(testAuth(principal(['analyst'], { kind: 'agency', mofDivCode: '660101000', agencyCode: '205001' })));
    const unit = unitRt.app;
    const listed = (await (await unit.request('/api/cubes')).json()).items.map((i: { id: string }) => i.id);
    expect(listed).toContain('execution__unit_month');
    expect(listed.filter((id: string) => id.startsWith('execution__region_') || id === 'approval__region_month')).toEqual([]);
    const denied = await get(unit, 'execution__region_month');
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('forbidden');
    await unitRt.audit.flush();
    const [audit] = await db.query<{ action: string; outcome: string; target: string }>("SELECT action, outcome, target FROM audit_log WHERE action = 'access.denied' AND target LIKE '%execution__region_month' ORDER BY 1 DESC LIMIT 1");
    expect(audit).toMatchObject({ action: 'access.denied', outcome: 'denied' });
    const own = await decode(await get(unit, 'execution__unit_month'));
    expect(new Set(own.map((r) => `${r.mof_div_code}:${r.agency_code}`))).toEqual(new Set(['660101000:205001']));
    expect(own.reduce((s, r) => s + (r.paid_fen as bigint), 0n)).toBe(6_000_000n); // P5 (P6 is pending)
    const dept = mkApp(testAuth(principal(['analyst'], { kind: 'dept', mofDivCode: '660100000', deptCode: '204' }))).app;
    const deptRows = await decode(await get(dept, 'execution__unit_month'));
    expect(new Set(deptRows.map((r) => `${r.mof_div_code}:${r.dept_code}`))).toEqual(new Set(['660100000:204']));
    expect((await get(dept, 'execution__region_func')).status).toBe(403);
  });
});

describe('GET /api/cubes/:id', () => {
  it('serves the cube as an Arrow IPC stream whose decoded values equal the database', async () => {
    const res = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'fiscal_year', 'month', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code', 'agency_code', 'dept_code',
      'exp_func_class', 'exp_func_item', 'eco_class', 'eco_item', 'fund_type_code', 'budget_fen', 'paid_fen',
    ]);
    const rows = table.toArray().map((r) => r.toJSON());
    const paid2026 = rows.filter((r) => r.fiscal_year === 2026).reduce((s, r) => s + (r.paid_fen as bigint), 0n);
    expect(paid2026).toBe(56_445_703n); // P1+P2+P3+P4+P5+P7+P9, pending and 230 excluded
    const r1 = rows.find((r) => r.mof_div_code === '660101000' && r.month === 202603)!;
    expect(r1).toMatchObject({ lvl1_code: '660000000', lvl2_code: '660100000', lvl3_code: '660101000', lvl4_code: null, agency_code: '205001', dept_code: '205', exp_func_class: '205', exp_func_item: '20502', eco_class: '310', eco_item: '31002', fund_type_code: '122', paid_fen: 6_000_000n, budget_fen: 0n });
  });

  it('compresses with brotli or gzip as accepted, to the same bytes', async () => {
    const raw = new Uint8Array(await (await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const br = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(new Uint8Array(brotliDecompressSync(Buffer.from(await br.arrayBuffer())))).toEqual(raw);
    const gz = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(gunzipSync(Buffer.from(await gz.arrayBuffer())))).toEqual(raw);
    expect(raw).toEqual(new Uint8Array(readFileSync(built.store.get('execution')!.files.identity.path)));
  });

  it('answers 304 to a matching If-None-Match, per encoding', async () => {
    const first = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"execution-v1-[0-9a-f]{16}-660000000-br"$/);
    const again = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const otherEncoding = await app.request('/api/cubes/execution', { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(otherEncoding.status).toBe(200);
  });

  it('serves dimension tables with names', async () => {
    const res = await app.request('/api/cubes/agencies', { headers: { 'accept-encoding': 'identity' } });
    const rows = tableFromIPC(new Uint8Array(await res.arrayBuffer())).toArray().map((r) => r.toJSON());
    expect(rows.filter((r) => r.agency_code === '204001').map((r) => `${r.mof_div_code} ${r.agency_name}`)).toEqual(['660100000 第一师公安局', '660200000 第二师公安局']);
  });

  it('rejects a malformed id with a typed 400 and an unknown one with 404', async () => {
    for (const [path, status, code] of [
      ['/api/cubes/..%2F..%2Fetc%2Fpasswd', 400, 'bad_request'],
      ['/api/cubes/EXECUTION', 400, 'bad_request'],
      ['/api/cubes/nope', 404, 'not_found'],
      ['/api/cubes/execution?asOf=2026-13-01', 400, 'bad_request'],
      ['/api/nope', 404, 'not_found'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe(code);
      if (path.includes('?')) expect(body.error.field).toBe('asOf');
      expect(JSON.stringify(body)).not.toMatch(/at |\.ts|SELECT/);
    }
  });

  it('a cube still being built answers 503 not_ready, typed', async () => {
    const empty = mkApp(testAuth(), new CubeStore(built.store.dir + '-empty')).app;
    const res = await empty.request('/api/cubes/execution');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('not_ready');
  });
});
