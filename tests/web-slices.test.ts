/**
 * The execution dashboard's slices, run on DuckDB-WASM (under Node, opened as the browser opens it) over cubes built
 * from the hand-made fixture: the figures each panel shows, checked against the fixture's hand-computed values.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as duck from '@duckdb/duckdb-wasm/blocking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { duckdbConfig } from '../web/src/data/duckdb-config.ts';
import { toChildBars, toKpi, toMonthPoints, toUnit, toUnitBars, type Row } from '../web/src/data/execution-rows.ts';
import { childRegionsRequest, kpiRequest, laggingUnitsRequest, monthlyRequest, unitsRequest, type ExecutionScope } from '../web/src/data/execution-slices.ts';
import { RegionTree } from '../web/src/data/regions.ts';
import { compileExecutionSlice, withNames } from '../web/src/data/sql.ts';
import type { Rendered, SliceContext } from '../queries/index.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, expected, loadFixture } from './support/fixture.ts';

const ctx: SliceContext = { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' };
const top = { code: '660000000', level: 1 };
const march = (over: Partial<ExecutionScope> = {}): ExecutionScope => ({ org: top, asOf: expected.march.asOf, ...over });

let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;
let conn: duck.DuckDBConnection;
let tree: RegionTree;

function run(q: Rendered): Row[] {
  const stmt = conn.prepare(q.sql);
  try {
    return stmt.query(...q.params).toArray().map((r: { toJSON(): Row }) => r.toJSON());
  } finally {
    stmt.close();
  }
}

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  built = await buildAndLoad(db);
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const engine = await duck.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duck.VoidLogger(),
    duck.NODE_RUNTIME,
  );
  await engine.instantiate();
  engine.open(duckdbConfig);
  conn = engine.connect();
  for (const s of built.store.list()) conn.insertArrowFromIPCStream(readFileSync(s.files.identity.path), { name: s.table, create: true });
  tree = new RegionTree(
    run({ sql: 'SELECT mof_div_code, mof_div_name, parent_code, level FROM dim_region', params: [] }).map((r) => ({
      code: String(r.mof_div_code),
      name: String(r.mof_div_name),
      parentCode: r.parent_code == null ? null : String(r.parent_code),
      level: Number(r.level),
    })),
  );
}, 180_000);

afterAll(async () => {
  conn?.close();
  built?.cleanup();
  await db?.close();
});

describe('KPI cards', () => {
  it('show the 汇总 of the selected org as of the chosen date', () => {
    const k = toKpi(run(compileExecutionSlice(kpiRequest(march()), ctx)))!;
    expect(k.budgetFen).toBe(expected.march.budgetFen);
    expect(k.paidFen).toBe(expected.march.paidFen);
    expect(k.executionRate).toBeCloseTo(51_345_703 / 180_000_000, 12);
    expect(k.timeProgress).toBeCloseTo(expected.march.timeProgressDay, 12);
    expect(k.progressGap).toBeCloseTo((51_345_703 / 180_000_000 - 90 / 365) * 100, 9);
  });

  it('default to the data as-of date and never go past it', () => {
    const k = toKpi(run(compileExecutionSlice(kpiRequest(march({ asOf: '2026-12-31' })), ctx)))!;
    expect(k.budgetFen).toBe(expected.april.budgetFen);
    expect(k.paidFen).toBe(expected.april.paidFen);
    expect(k.timeProgress).toBeCloseTo(expected.april.timeProgressDay, 12);
  });

  it('filter by fund type prefix (财政拨款 = 1 excludes 单位资金 31)', () => {
    const k = toKpi(run(compileExecutionSlice(kpiRequest(march({ fund: '1' })), ctx)))!;
    expect(k.budgetFen).toBe(expected.march.budgetFen - 20_000_000n);
    const g = toKpi(run(compileExecutionSlice(kpiRequest(march({ fund: '12' })), ctx)))!;
    expect(g.budgetFen).toBe(30_000_000n);
    expect(g.paidFen).toBe(6_000_000n);
  });

  it('return zeros and no rate for an empty scope', () => {
    const k = toKpi(run(compileExecutionSlice(kpiRequest(march({ fund: '2' })), ctx)))!;
    expect(k).toMatchObject({ budgetFen: 0n, paidFen: 0n, executionRate: null });
  });
});

describe('execution rate by child region', () => {
  it('has one row per child plus the 本级 row, and the rows add up to the 汇总', () => {
    const req = childRegionsRequest(march());
    const bars = toChildBars(run(compileExecutionSlice(req, ctx)), 'lvl2_code', top.code, tree);
    const byKey = Object.fromEntries(bars.map((b) => [b.key, b]));
    expect(Object.keys(byKey).sort()).toEqual(['660100000', '660200000', 'own:660000000']);
    expect(byKey['660100000']).toMatchObject({ label: '第一师', kind: 'child', drillTo: '660100000', ...expected.march.byChild['660100000'] });
    expect(byKey['660200000']).toMatchObject({ label: '第二师', ...expected.march.byChild['660200000'] });
    expect(byKey['own:660000000']).toMatchObject({ label: '兵团本级', kind: 'own', drillTo: null, ...expected.march.byChild['本级'] });
    expect(bars.reduce((s, b) => s + b.budgetFen, 0n)).toBe(expected.march.budgetFen);
    expect(bars.reduce((s, b) => s + b.paidFen, 0n)).toBe(expected.march.paidFen);
    // Sorted by execution rate, highest first.
    const rates = bars.map((b) => b.executionRate ?? -1);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  });

  it('drills to level 3: 第一师 = 一团 + 第一师本级', () => {
    const scope = march({ org: { code: '660100000', level: 2 } });
    const bars = toChildBars(run(compileExecutionSlice(childRegionsRequest(scope), ctx)), 'lvl3_code', '660100000', tree);
    expect(bars.map((b) => [b.label, b.budgetFen, b.paidFen])).toEqual([
      ['第一师本级', 80_000_000n, 33_000_025n],
      ['一团', 30_000_000n, 6_000_000n],
    ]);
  });

  it('shows the units of a region without children, named by (mof_div_code, agency_code)', () => {
    const scope = march({ org: { code: '660101000', level: 3 } });
    const req = unitsRequest(scope);
    const bars = toUnitBars(run(withNames(compileExecutionSlice(req, ctx), req, [{ kind: 'agency', as: 'agency_name' }])));
    expect(bars).toEqual([
      { key: '660101000:205001', label: '一团中学', kind: 'unit', drillTo: null, budgetFen: 30_000_000n, paidFen: 6_000_000n, executionRate: 0.2, progressGap: expect.closeTo((0.2 - 90 / 365) * 100, 9) },
    ]);
  });
});

describe('cumulative monthly execution', () => {
  it('runs the totals along the months, the last month equal to the KPI', () => {
    const points = toMonthPoints(run(compileExecutionSlice(monthlyRequest(march()), ctx)));
    expect(points.map((p) => p.month)).toEqual([202601, 202602, 202603]);
    expected.march.cumulative.forEach((c, i) => expect(points[i].executionRate).toBeCloseTo(Number(c.paidFen) / Number(c.budgetFen), 12));
    expect(points.map((p) => p.timeProgress)).toEqual([31 / 365, 59 / 365, 90 / 365].map((v) => expect.closeTo(v, 12)));
  });

  it('gives the previous fiscal year in full', () => {
    const points = toMonthPoints(run(compileExecutionSlice(monthlyRequest(march({ asOf: '2025-12-31' })), ctx)));
    expect(points).toEqual([{ month: 202501, executionRate: 0, timeProgress: expect.closeTo(31 / 365, 12) }]);
  });
});

describe('most lagging units', () => {
  it('orders units by progress gap, names each by BOTH codes (204001 exists in two regions)', () => {
    const req = laggingUnitsRequest(march(), 20);
    const rows = run(
      withNames(compileExecutionSlice(req, ctx), req, [
        { kind: 'agency', as: 'agency_name' },
        { kind: 'region', on: 'mof_div_code', as: 'region_name' },
      ]),
    ).map(toUnit);
    expect(rows.map((r) => [r.mofDivCode, r.agencyCode, r.agencyName, r.regionName])).toEqual([
      ['660000000', '201001', '兵团财政局本级', '兵团本级'], // 0 paid of 200,000
      ['660101000', '205001', '一团中学', '一团'], // 20.0%
      ['660200000', '204001', '第二师公安局', '第二师'], // 24.7%
      ['660100000', '204001', '第一师公安局', '第一师'], // 41.3%
    ]);
    expect(rows[3]).toMatchObject(expected.march.units['660100000:204001']);
    expect(rows[2]).toMatchObject(expected.march.units['660200000:204001']);
    const gaps = rows.map((r) => r.progressGap!);
    expect([...gaps].sort((a, b) => a - b)).toEqual(gaps);
  });

  it('keeps only units with a budget and applies the limit before the join', () => {
    const req = laggingUnitsRequest(march(), 2);
    const rows = run(withNames(compileExecutionSlice(req, ctx), req, [{ kind: 'agency', as: 'agency_name' }])).map(toUnit);
    expect(rows.map((r) => r.agencyName)).toEqual(['兵团财政局本级', '一团中学']);
    expect(rows.every((r) => r.budgetFen > 0n)).toBe(true);
  });
});
