import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { buildCube } from '../api/src/cubes/build.ts';
import { compileSlice, cubes, postgres, type SliceRequest } from '../queries/index.ts';
import { pickTable } from '../queries/cubes/rollups.ts';
import { openTestDb } from './support/db.ts';
import { loadFixture } from './support/fixture.ts';
import { closeRuntimes, runtimesFor, type Runtime } from './support/runtimes.ts';
import { principal } from './support/users.ts';

let db: Db;
let rts = new Map<string, Runtime>();

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-answers-'));
  rts = await runtimesFor(db, dataDir, [
    ['hq', principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst')],
    ['div2', principal(['leader'], { kind: 'region', mofDivCode: '660200000' }, 'div2_leader')],
  ] as const);
}, 120_000);
afterAll(async () => {
  await closeRuntimes(rts, db);
});

const byRegion: SliceRequest = { dimensions: ['lvl2_code'], metrics: ['budget', 'paid', 'execution_rate'], asOf: '2026-03-31', filters: [{ dimension: 'org', op: 'subtree', value: '660000000', level: 1 }], orderBy: [{ key: 'lvl2_code' }] };
const post = (who: string, body: unknown) => rts.get(who)!.app.request('/api/answers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
type Reply = { parts: Array<{ columns: Array<{ name: string; type: string }>; rows: unknown[][] }> };

describe('POST /api/answers', () => {
  it('answers a slice with the figures by hand, money as exact integer fen strings, ratios as numbers', async () => {
    const res = await post('hq', { parts: [{ cube: 'execution', slice: byRegion }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Reply;
    expect(body.parts[0].columns).toEqual([
      { name: 'lvl2_code', type: 'text' },
      { name: 'budget', type: 'bigint' },
      { name: 'paid', type: 'bigint' },
      { name: 'execution_rate', type: 'number' },
    ]);
    // By hand (tests/support/fixture.ts): 第一师 1,100,000 / 390,000.25 元; 第二师 500,000 / 123,456.78; 兵团本级 200,000 / 0.
    expect(body.parts[0].rows).toEqual([
      ['660100000', '110000000', '39000025', 39000025 / 110000000],
      ['660200000', '50000000', '12345678', 12345678 / 50000000],
      [null, '20000000', '0', 0],
    ]);
  });

  it('reads the rollup tables built beside the cube, with the same figures as the cube itself', async () => {
    const tables = await db.query<{ relname: string; note: string }>(`SELECT relname, obj_description(oid, 'pg_class') AS note FROM pg_class WHERE relname LIKE 'cube_execution__%' AND relkind = 'r' ORDER BY relname`);
    const [{ version }] = await db.query<{ version: string }>(`SELECT version FROM cube_version WHERE cube_id = 'execution'`);
    expect(tables.map((t) => t.relname)).toEqual(cubes.execution.rollups!.map((r) => `cube_execution__${r.id}`).sort());
    expect(new Set(tables.map((t) => t.note))).toEqual(new Set([`version ${version}`]));
    const slices: SliceRequest[] = [
      { ...byRegion, dimensions: ['exp_func_class'], orderBy: [{ key: 'exp_func_class' }] },
      { ...byRegion, dimensions: ['month'], cumulative: true, orderBy: [{ key: 'month' }] },
      { ...byRegion, dimensions: ['mof_div_code', 'agency_code'], metrics: ['budget', 'paid', 'progress_gap'], orderBy: [{ key: 'mof_div_code' }, { key: 'agency_code' }] },
    ];
    const body = (await (await post('hq', { parts: slices.map((slice) => ({ cube: 'execution', slice })) })).json()) as Reply;
    for (const [i, slice] of slices.entries()) {
      const q = compileSlice(cubes.execution, slice, postgres, { dataAsOf: '2026-04-30', timeProgressBasis: 'day' });
      expect(q.sql).toMatch(/FROM cube_execution\b(?!__)/);
      const direct = await db.query<Record<string, unknown>>(q.sql, q.params);
      expect(body.parts[i].rows.length).toBe(direct.length);
      body.parts[i].rows.forEach((row, r) => {
        body.parts[i].columns.forEach((c, k) => {
          const v = direct[r][c.name];
          expect(row[k]).toEqual(v === null ? null : c.type === 'number' ? Number(v) : String(v));
        });
      });
    }
  });

  it('is limited to the caller’s scope, joins unit and region names for a units slice, and is audited', async () => {
    const slice = { ...byRegion, dimensions: ['mof_div_code', 'agency_code'], metrics: ['paid'], orderBy: [{ key: 'paid', desc: true }] };
    const res = await post('div2', { parts: [{ cube: 'execution', slice, names: true }, { cube: 'execution', slice: { ...byRegion, dimensions: [], metrics: ['paid'], orderBy: [] } }] });
    const body = (await res.json()) as Reply;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.parts[0].columns.map((c) => c.name)).toEqual(['mof_div_code', 'agency_code', 'paid', 'agency_name', 'region_name']);
    // Asked for the whole tree, answered for 第二师 only: its one unit, and its total.
    expect(body.parts[0].rows).toEqual([['660200000', '204001', '12345678', '第二师公安局', '第二师']]);
    expect(body.parts[1].rows).toEqual([['12345678']]);
    const rt = rts.get('div2')!;
    await rt.audit.flush();
    const [a] = await db.query<{ target: string; scope: string; detail: { parts: number; rows: number } }>(`SELECT target, scope, detail FROM audit_log WHERE action = 'answers.read' AND username = 'div2_leader'`);
    expect(a).toMatchObject({ target: 'execution', scope: '660200000', detail: { parts: 2, rows: 2 } });
  });

  it('refuses bad input with a 400 naming the part and field, never a 500', async () => {
    const cases: Array<[unknown, string]> = [
      [{ parts: [{ cube: 'execution', slice: { ...byRegion, metrics: ['budget', 'nope'] } }] }, 'parts[0].slice.metrics[1]'],
      [{ parts: [{ cube: 'execution', slice: byRegion }, { cube: 'execution', slice: byRegion, names: true }] }, 'parts[1].names'],
      [{ parts: [{ cube: 'nope', slice: byRegion }] }, 'parts.0.cube'],
      [{ parts: Array.from({ length: 41 }, () => ({ cube: 'execution', slice: byRegion })) }, 'parts'],
      [{ parts: [] }, 'parts'],
    ];
    for (const [body, field] of cases) {
      const res = await post('hq', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const e = (await res.json()) as { error: { field: string } };
      expect(e.error.field).toBe(field);
    }
  });

  it('reads a slice no rollup keeps from the fine table, indexed by division, and the index survives a rebuild', async () => {
    const indexes = async () => (await db.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'cube_execution' ORDER BY indexname`)).map((i) => `${i.indexname} ${i.indexdef.replace(/^.* USING btree /, '')}`);
    const want = ['lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code'].map((c) => `cube_execution_${c} (${c}, fiscal_year)`);
    expect(await indexes()).toEqual(want);
    // A rebuild builds the next table with its own indexes and swaps them in with it (no clash with the live ones).
    await buildCube(db, cubes.execution);
    expect(await indexes()).toEqual(want);
    // The units of 第一师 (with 一团) within 功能分类 204: no rollup keeps both, so the fine table answers. By hand
    // (tests/support/fixture.ts): only 第一师公安局 — I1 1,000,000 − I2 200,000 = 800,000 元 budget by 31 March; paid
    // P1 250,000 + P2 100,000.50 − P3 20,000.25 = 330,000.25 元. 一团中学 is 205; 第二师公安局 is outside the division.
    const slice: SliceRequest = {
      dimensions: ['mof_div_code', 'agency_code'],
      metrics: ['budget', 'paid'],
      asOf: '2026-03-31',
      filters: [{ dimension: 'org', op: 'subtree', value: '660100000', level: 2 }, { dimension: 'exp_func_class', op: 'eq', value: '204' }],
      orderBy: [{ key: 'agency_code' }],
    };
    // No rollup keeps unit × 类 (with every rollup available, the slice still reads the cube's table).
    const everyRollup = new Map(cubes.execution.rollups!.map((r) => [`cube_execution__${r.id}`, 1]));
    expect(pickTable(cubes.execution, slice, everyRollup)).toBe('cube_execution');
    const res = await post('hq', { parts: [{ cube: 'execution', slice }] });
    const body = (await res.json()) as Reply;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.parts[0].rows).toEqual([['660100000', '204001', '80000000', '33000025']]);
  });
});
