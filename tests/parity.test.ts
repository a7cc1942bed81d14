import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { pickTable } from '../queries/cubes/rollups.ts';
import { compileSlice, cubes, duckdb, executionCube, monthEnd, postgres, type SliceFilter, type SliceRequest } from '../queries/index.ts';
import { seedDatabase } from '../seed/index.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';

const AS_OF = '2026-10-31';
let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;
let regions: Array<{ mof_div_code: string; level: number }>;
let agencies: Array<{ mof_div_code: string; agency_code: string }>;
let funcClasses: string[];
/** The execution cube's rollups as the API serves them (summed in PostgreSQL), with their row counts. */
const rollups = new Map<string, number>();

beforeAll(async () => {
  db = await openTestDb();
  await seedDatabase(db, { scale: 'small', seed: 7, asOf: AS_OF });
  built = await buildAndLoad(db);
  regions = await db.query('SELECT mof_div_code, level FROM region ORDER BY mof_div_code');
  agencies = await db.query('SELECT mof_div_code, agency_code FROM agency ORDER BY 1, 2');
  funcClasses = (await db.query<{ c: string }>('SELECT DISTINCT substr(exp_func_code, 1, 3) AS c FROM bgt_indicator ORDER BY 1')).map((r) => r.c);
  for (const [name, n] of built.rollups) if (name.startsWith(`${executionCube.table}__`)) rollups.set(name, n);
}, 300_000);
afterAll(async () => {
  built?.cleanup();
  await db?.close();
});

/** mulberry32: a tiny seeded PRNG, so the 60 slices are the same on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSlices(n: number): SliceRequest[] {
  const rnd = prng(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const dims = executionCube.dimensions.map((d) => d.id).filter((d) => d !== 'fiscal_year');
  const out: SliceRequest[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * 4);
    const chosen = [...new Set(Array.from({ length: k }, () => pick(dims)))];
    const filters: SliceFilter[] = [];
    if (rnd() < 0.5) {
      const r = pick(regions);
      filters.push(rnd() < 0.5 ? { dimension: 'org', op: 'subtree', value: r.mof_div_code, level: r.level } : { dimension: 'org', op: 'subtree', value: r.mof_div_code });
    }
    if (rnd() < 0.4) filters.push({ dimension: 'fund_type_code', op: 'prefix', value: pick(['1', '11', '12', '3']) });
    if (rnd() < 0.2) filters.push({ dimension: 'exp_func_class', op: 'in', values: [pick(funcClasses), pick(funcClasses)] });
    if (rnd() < 0.12) {
      const a = pick(agencies);
      filters.push({ dimension: 'mof_div_code', op: 'eq', value: a.mof_div_code }, { dimension: 'agency_code', op: 'eq', value: a.agency_code });
    }
    if (rnd() < 0.15) filters.push({ dimension: 'lvl3_code', op: 'is_null' });
    const year = rnd() < 0.7 ? 2026 : 2025;
    const month = year === 2026 ? 1 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 12);
    const asOf = monthEnd(year * 100 + month);
    const cumulative = chosen.includes('month') && rnd() < 0.5;
    out.push({ dimensions: chosen, metrics: ['budget', 'paid', 'execution_rate', 'time_progress', 'progress_gap'], filters, asOf, cumulative });
  }
  return out;
}

const norm = (rows: Record<string, unknown>[], req: SliceRequest) =>
  rows.map((r) => ({
    ...Object.fromEntries(req.dimensions.map((d) => [d, r[d] === null ? null : String(r[d])])),
    budget: BigInt(r.budget as string | bigint),
    paid: BigInt(r.paid as string | bigint),
    rate: r.execution_rate === null ? null : Number(r.execution_rate),
    gap: r.progress_gap === null ? null : Number(r.progress_gap),
    tp: Number(r.time_progress),
  }));

describe('parity: DuckDB over the cube’s Arrow = PostgreSQL over the raw facts, to the fen', () => {
  let slices: SliceRequest[] = [];
  beforeAll(() => {
    slices = randomSlices(60);
  });
  it.each(Array.from({ length: 60 }, (_, i) => i))('slice %i', async (i) => {
    const req = slices[i];
    const d = compileSlice(executionCube, req, duckdb, { dataAsOf: AS_OF, timeProgressBasis: 'day' });
    const p = compileSlice(executionCube, req, postgres, { dataAsOf: AS_OF, timeProgressBasis: 'day' }, 'raw');
    const fromCube = norm(built.duck.query(d.sql, d.params), req);
    const fromRaw = norm(await db.query(p.sql, p.params), req);
    expect(fromCube.length).toBe(fromRaw.length);
    for (let j = 0; j < fromRaw.length; j++) {
      const a = fromCube[j];
      const b = fromRaw[j];
      expect({ ...a, rate: 0, gap: 0, tp: 0 }).toEqual({ ...b, rate: 0, gap: 0, tp: 0 });
      for (const k of ['rate', 'gap', 'tp'] as const) {
        if (b[k] === null) expect(a[k]).toBeNull();
        else expect(a[k]).toBeCloseTo(b[k]!, 9);
      }
    }
  });

  it.each(Array.from({ length: 60 }, (_, i) => i))('slice %i from the smallest rollup that covers it = from the cube', (i) => {
    const req = slices[i];
    const ctx = { dataAsOf: AS_OF, timeProgressBasis: 'day' as const };
    const t = pickTable(executionCube, req, rollups);
    const whole = compileSlice(executionCube, req, duckdb, ctx);
    const fromCube = built.duck.query(whole.sql, whole.params);
    const r = compileSlice(executionCube, req, duckdb, ctx, 'cube', { table: t });
    expect(r.sql.includes(t)).toBe(true);
    expect(built.duck.query(r.sql, r.params)).toEqual(fromCube);
  });

  it('rollups are smaller than the cube and most of the random slices read one', () => {
    const cubeRows = Number(built.duck.query('SELECT count(*)::INTEGER AS n FROM cube_execution')[0].n);
    expect(rollups.size).toBe(executionCube.rollups!.length);
    for (const [name, n] of rollups) expect(n, name).toBeLessThan(cubeRows);
    const used = slices.map((req) => pickTable(executionCube, req, rollups)).filter((t) => t !== 'cube_execution');
    expect(used.length).toBeGreaterThanOrEqual(30);
    // A unit filter needs the unit columns; a 款 needs the item rollup; the region bars read the smallest.
    expect(pickTable(executionCube, { dimensions: ['lvl2_code'], filters: [{ dimension: 'org', op: 'subtree', value: '660000000', level: 1 }] }, rollups)).toBe('cube_execution__region_month');
    expect(pickTable(executionCube, { dimensions: ['exp_func_item'], filters: [] }, rollups)).toBe('cube_execution__region_func');
    expect(pickTable(executionCube, { dimensions: ['mof_div_code', 'agency_code'], filters: [] }, rollups)).toBe('cube_execution__unit_month');
    expect(pickTable(executionCube, { dimensions: ['lvl2_code'], filters: [{ dimension: 'eco_item', op: 'in', values: ['30217'] }, { dimension: 'fund_type_code', op: 'prefix', value: '1' }] }, rollups)).toBe('cube_execution__region_eco');
    expect(pickTable(executionCube, { dimensions: ['exp_func_item', 'eco_item'], filters: [] }, rollups)).toBe('cube_execution');
    expect(pickTable(executionCube, { dimensions: ['mof_div_code', 'agency_code'], filters: [{ dimension: 'exp_func_class', op: 'eq', value: '205' }] }, rollups)).toBe('cube_execution');
  });

  it('the slices are not trivial: most return rows and money', async () => {
    let nonEmpty = 0;
    for (const req of slices) {
      const d = compileSlice(executionCube, req, duckdb, { dataAsOf: AS_OF, timeProgressBasis: 'day' });
      const rows = built.duck.query(d.sql, d.params);
      if (rows.some((r) => BigInt(r.paid as bigint) !== 0n)) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(40);
  });
});

describe('parity for the performance and approval cubes', () => {
  const perf = [
    { dimensions: ['lvl2_code'], metrics: ['project_count', 'project_amount', 'goal_coverage', 'goal_coverage_amount', 'monitor_coverage', 'monitor_coverage_amount'], asOf: '2026-10-31' },
    { dimensions: ['grade', 'eval_level'], metrics: ['project_count', 'eval_coverage', 'self_eval_coverage', 'key_eval_coverage_amount'], asOf: '2025-12-31' },
    { dimensions: ['exp_func_class'], metrics: ['eval_coverage', 'eval_coverage_amount'], asOf: '2025-12-31', filters: [{ dimension: 'pro_cat_code', op: 'eq', value: '3' }] },
  ];
  const appr = [
    { dimensions: ['lvl2_code'], metrics: ['approved_count', 'pending_count', 'approval_hours', 'approval_hours_p90'], asOf: '2026-10-31' },
    { dimensions: ['month', 'pay_type'], metrics: ['approved_count', 'approval_hours', 'approval_hours_p90'], asOf: '2026-06-30' },
    { dimensions: [], metrics: ['approved_count', 'approval_hours', 'approval_hours_p90'], asOf: '2025-12-31', filters: [{ dimension: 'fund_type_code', op: 'prefix', value: '1' }] },
  ];
  it.each(appr.map((r, i) => [i, r] as const))('approval %i from its region rollup = from the cube', (_, req) => {
    const cube = cubes.approval;
    const ctx = { dataAsOf: AS_OF, timeProgressBasis: 'day' as const };
    const t = pickTable(cube, req as SliceRequest, built.rollups);
    expect(t).toBe('cube_approval__region_month');
    const whole = compileSlice(cube, req as SliceRequest, duckdb, ctx);
    const a = built.duck.query(whole.sql, whole.params);
    const b = compileSlice(cube, req as SliceRequest, duckdb, ctx, 'cube', { table: t });
    const fromRollup = built.duck.query(b.sql, b.params);
    expect(fromRollup.length).toBe(a.length);
    fromRollup.forEach((row, i) => {
      for (const [k, v] of Object.entries(row)) {
        // Hours are double sums: summed in another order they may differ in the last bits, never in what is shown.
        if (typeof v === 'number' && !Number.isInteger(v)) expect(v, k).toBeCloseTo(Number(a[i][k]), 9);
        else expect(v, k).toEqual(a[i][k]);
      }
    });
  });

  it.each([...perf.map((r) => ['performance', r] as const), ...appr.map((r) => ['approval', r] as const)])('%s %#', async (cubeId, req) => {
    const cube = cubes[cubeId];
    const ctx = { dataAsOf: AS_OF, timeProgressBasis: 'day' as const };
    const d = compileSlice(cube, req as SliceRequest, duckdb, ctx);
    const p = compileSlice(cube, req as SliceRequest, postgres, ctx, 'raw');
    const a = built.duck.query(d.sql, d.params);
    const b = await db.query(p.sql, p.params);
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(0);
    a.forEach((row, i) => {
      for (const [k, v] of Object.entries(row)) {
        const w = b[i][k];
        if (typeof v === 'bigint' || k.endsWith('_count') || k === 'project_amount') expect(String(v), k).toBe(String(w));
        else if (typeof v === 'number' && w !== null) expect(v, k).toBeCloseTo(Number(w), 9);
        else expect(v === null ? null : String(v), k).toBe(w === null ? null : String(w));
      }
    });
  });
});
