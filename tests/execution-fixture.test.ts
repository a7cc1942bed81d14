import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSlice, duckdb, executionCube, postgres, type SliceContext, type SliceRequest } from '../queries/index.ts';
import type { Db } from '../api/src/db/types.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, expected, loadFixture } from './support/fixture.ts';

let db: Db;
let cube: Awaited<ReturnType<typeof buildAndLoad>>;
const ctx: SliceContext = { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' };

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  cube = await buildAndLoad(db);
}, 120_000);
afterAll(async () => {
  cube?.cleanup();
  await db?.close();
});

/** Runs one slice in DuckDB over the cube and in PostgreSQL over the raw facts; both must give the same rows. */
async function both(req: SliceRequest, c = ctx) {
  const d = compileSlice(executionCube, req, duckdb, c);
  const fromCube = cube.duck.query(d.sql, d.params);
  const p = compileSlice(executionCube, req, postgres, c, 'raw');
  const fromRaw = await db.query(p.sql, p.params);
  return { fromCube, fromRaw };
}

const fen = (v: unknown) => BigInt(v as string | bigint);

describe('execution metrics on the hand-made fixture', () => {
  it('totals as of 31 March: budget, paid, execution rate, time progress, gap', async () => {
    const { fromCube, fromRaw } = await both({ dimensions: [], metrics: ['budget', 'paid', 'execution_rate', 'time_progress', 'progress_gap'], asOf: expected.march.asOf });
    for (const r of [fromCube[0], fromRaw[0]]) {
      expect(fen(r.budget)).toBe(expected.march.budgetFen);
      expect(fen(r.paid)).toBe(expected.march.paidFen);
      expect(r.execution_rate).toBeCloseTo(513457.03 / 1800000, 12);
      expect(r.time_progress).toBeCloseTo(90 / 365, 12);
      expect(r.progress_gap).toBeCloseTo((513457.03 / 1800000 - 90 / 365) * 100, 10);
    }
    expect(Number(fromCube[0].execution_rate)).toBeCloseTo(0.2852539055555, 10);
  });

  it('month basis: the current month counts in full', async () => {
    const { fromCube } = await both({ dimensions: [], metrics: ['time_progress', 'progress_gap'], asOf: expected.march.asOf }, { ...ctx, timeProgressBasis: 'month' });
    expect(fromCube[0].time_progress).toBeCloseTo(0.25, 12);
    expect(fromCube[0].progress_gap).toBeCloseTo((513457.03 / 1800000 - 0.25) * 100, 10);
  });

  it('child regions with the top level’s 本级 row add up to the 汇总', async () => {
    const { fromCube, fromRaw } = await both({ dimensions: ['lvl2_code'], metrics: ['budget', 'paid'], asOf: expected.march.asOf, filters: [{ dimension: 'org', op: 'subtree', value: '660000000', level: 1 }] });
    for (const rows of [fromCube, fromRaw]) {
      const got = Object.fromEntries(rows.map((r) => [(r.lvl2_code as string | null) ?? '本级', { budgetFen: fen(r.budget), paidFen: fen(r.paid) }]));
      expect(got).toEqual(expected.march.byChild);
    }
  });

  it('a unit is the pair (mof_div_code, agency_code): 204001 in two regions stays two units', async () => {
    const { fromCube } = await both({ dimensions: ['mof_div_code', 'agency_code'], metrics: ['budget', 'paid'], asOf: expected.march.asOf, filters: [{ dimension: 'agency_code', op: 'eq', value: '204001' }] });
    const got = Object.fromEntries(fromCube.map((r) => [`${r.mof_div_code}:${r.agency_code}`, { budgetFen: fen(r.budget), paidFen: fen(r.paid) }]));
    expect(got).toEqual(expected.march.units);
  });

  it('cumulative monthly figures, with 提前下达 counted in January and the adjustment in March', async () => {
    const { fromCube, fromRaw } = await both({ dimensions: ['month'], metrics: ['budget', 'paid', 'time_progress'], asOf: expected.march.asOf, cumulative: true });
    for (const rows of [fromCube, fromRaw]) {
      expect(rows.map((r) => ({ month: Number(r.month), budgetFen: fen(r.budget), paidFen: fen(r.paid) }))).toEqual(expected.march.cumulative);
      expect(rows.map((r) => r.time_progress)).toEqual([31 / 365, 59 / 365, 90 / 365]);
    }
  });

  it('as of dataAsOf includes later indicators and payments; a later chosen date is capped at dataAsOf', async () => {
    for (const asOf of ['2026-04-30', '2026-06-30']) {
      const { fromCube, fromRaw } = await both({ dimensions: [], metrics: ['budget', 'paid', 'time_progress'], asOf });
      for (const r of [fromCube[0], fromRaw[0]]) {
        expect(fen(r.budget)).toBe(expected.april.budgetFen);
        expect(fen(r.paid)).toBe(expected.april.paidFen);
        expect(r.time_progress).toBeCloseTo(120 / 365, 12);
      }
    }
  });

  it('the previous fiscal year is its own slice', async () => {
    const { fromCube } = await both({ dimensions: [], metrics: ['budget', 'paid'], asOf: expected.previousYear.asOf });
    expect(fen(fromCube[0].budget)).toBe(expected.previousYear.budgetFen);
    expect(fen(fromCube[0].paid)).toBe(expected.previousYear.paidFen);
  });

  it('fund type prefix filter: 财政拨款 (1) excludes 单位资金 (31)', async () => {
    const { fromCube, fromRaw } = await both({ dimensions: [], metrics: ['budget'], asOf: expected.march.asOf, filters: [{ dimension: 'fund_type_code', op: 'prefix', value: '1' }] });
    expect(fen(fromCube[0].budget)).toBe(160_000_000n);
    expect(fen(fromRaw[0].budget)).toBe(160_000_000n);
  });

  it('the cube holds units with budget and no payments (兵团本级 in March) and pending payments never count', async () => {
    const rows = cube.duck.query(`SELECT CAST(sum(paid_fen) AS BIGINT) AS p, CAST(sum(budget_fen) AS BIGINT) AS b FROM cube_execution WHERE mof_div_code = '660101000'`);
    expect(rows[0]).toEqual({ p: 6_000_000n, b: 30_000_000n }); // P6 (pending) is not paid
  });
});
