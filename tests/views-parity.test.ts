import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { duckdb, postgres } from '../queries/index.ts';
import { buildPivot } from '../queries/pivot.ts';
import { compileView, parseView, type ViewDefinition } from '../queries/views.ts';
import { seedDatabase } from '../seed/index.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';

const AS_OF = '2026-10-31';
const ctx = { dataAsOf: AS_OF, timeProgressBasis: 'day' as const };
let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;

beforeAll(async () => {
  db = await openTestDb();
  await seedDatabase(db, { scale: 'small', seed: 7, asOf: AS_OF });
  built = await buildAndLoad(db);
}, 300_000);
afterAll(async () => {
  built?.cleanup();
  await db?.close();
});

/** Views an analyst might build: hierarchies, column totals, multi-selects, month ranges, conditions, top-N. */
const views: Array<Record<string, unknown>> = [
  { cube: 'execution', rows: ['lvl2_code'], columns: ['month'], metrics: ['budget', 'paid', 'execution_rate'] },
  { cube: 'execution', rows: ['lvl2_code', 'lvl3_code', 'agency_code'], columns: [], metrics: ['budget', 'paid', 'execution_rate', 'progress_gap'] },
  { cube: 'execution', rows: ['lvl2_code', 'dept_code'], columns: ['fund_type_code', 'month'], metrics: ['paid'], filters: [{ dimension: 'month', op: 'between', from: 202603, to: 202606 }] },
  { cube: 'execution', rows: ['exp_func_class'], columns: ['eco_class'], metrics: ['budget', 'paid', 'progress_gap'], filters: [{ dimension: 'fund_type_code', op: 'prefix', value: '1' }, { dimension: 'lvl2_code', op: 'in', values: ['660100000', '660200000'] }] },
  { cube: 'execution', rows: ['mof_div_code', 'agency_code'], columns: ['month'], metrics: ['budget', 'paid', 'progress_gap'], conditions: [{ metric: 'progress_gap', op: '<', value: -5 }] },
  { cube: 'execution', rows: ['mof_div_code', 'agency_code'], columns: [], metrics: ['paid', 'execution_rate'], sort: { key: 'paid', desc: true }, topN: 10 },
  { cube: 'execution', rows: ['eco_item'], columns: ['lvl2_code'], metrics: ['paid'], filters: [{ dimension: 'eco_item', op: 'in', values: ['30212', '30217', '30231', '30913', '31013'] }, { dimension: 'fund_type_code', op: 'prefix', value: '1' }], asOf: '2025-12-31' },
  { cube: 'performance', rows: ['lvl2_code'], columns: ['pro_cat_code'], metrics: ['project_count', 'goal_coverage'] },
  { cube: 'approval', rows: ['pay_type'], columns: ['month'], metrics: ['approved_count', 'approval_hours'] },
  { cube: 'approval', rows: ['lvl2_code'], columns: ['pay_type'], metrics: ['approved_count', 'approval_hours_p90'] },
  // Top-N over row members with column dimensions (the members joined back), and a condition without them.
  { cube: 'execution', rows: ['lvl2_code', 'agency_code'], columns: ['fund_type_code'], metrics: ['paid', 'execution_rate'], sort: { key: 'execution_rate', desc: false }, topN: 15 },
  { cube: 'execution', rows: ['mof_div_code', 'agency_code'], columns: [], metrics: ['budget', 'paid', 'progress_gap'], conditions: [{ metric: 'progress_gap', op: '<', value: -5 }], sort: { key: 'paid', desc: true }, topN: 8 },
];

const same = (a: unknown, b: unknown, k: string) => {
  if (a === null || b === null || a === undefined || b === undefined) return expect(a ?? null, k).toBe(b ?? null);
  if (typeof a === 'bigint' || /^-?\d+$/.test(String(b))) return expect(String(a), k).toBe(String(b));
  if (typeof b === 'string' && !Number.isFinite(Number(b))) return expect(String(a), k).toBe(b);
  return expect(Number(a), k).toBeCloseTo(Number(b), 9);
};

describe('workbench views: DuckDB over the cube = PostgreSQL over the raw facts, subtotals included', () => {
  it.each(views.map((v, i) => [i, v] as const))('view %i', async (_i, raw) => {
    const v = parseView(raw);
    const d = compileView(v, duckdb, ctx);
    const p = compileView(v, postgres, ctx, { source: 'raw' });
    const a = built.duck.query(d.sql, d.params);
    const b = await db.query<Record<string, unknown>>(p.sql, p.params);
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(0);
    a.forEach((row, i) => {
      for (const k of Object.keys(b[i])) same(row[k], b[i][k], `${i}.${k}`);
    });
  });

  it.each(views.map((v, i) => [i, v] as const))('view %i from the smallest rollup that keeps its columns = from the cube', (_i, raw) => {
    const v = parseView(raw);
    const rollups = built.rollups;
    const plain = compileView(v, duckdb, ctx);
    const viaRollup = compileView(v, duckdb, ctx, { rollups });
    const a = built.duck.query(plain.sql, plain.params);
    const b = built.duck.query(viaRollup.sql, viaRollup.params);
    expect(b.length).toBe(a.length);
    a.forEach((row, i) => {
      for (const k of Object.keys(row)) same(b[i][k], row[k], `${i}.${k}`);
    });
    // Views 0, 3 and 6 are answered at region grain.
    if ([0, 3, 6].includes(_i)) expect(viaRollup.sql).toMatch(/cube_execution__region/);
  });

  it('a subtotal equals the sum of its children, and the grand total the whole (checked in PostgreSQL directly)', async () => {
    const v = parseView(views[1]);
    const p = compileView(v, postgres, ctx, { source: 'raw' });
    const rows = await db.query<Record<string, unknown>>(p.sql, p.params);
    const pivot = buildPivot(v, rows);
    const total = pivot.rows[pivot.rows.length - 1];
    expect(total.level).toBe(0);
    const [whole] = await db.query<{ budget: string; paid: string }>(
      `SELECT (SELECT round(sum(amount) * 100)::bigint FROM bgt_indicator WHERE fiscal_year = 2026 AND doc_date <= '2026-10-31' AND exp_func_code NOT LIKE '230%')::text AS budget,
              (SELECT round(sum(pay_amt) * 100)::bigint FROM pay_voucher WHERE fiscal_year = 2026 AND pay_date <= '2026-10-31' AND exp_func_code NOT LIKE '230%')::text AS paid`,
    );
    expect(String(total.cells.get('[]')!.budget)).toBe(whole.budget);
    expect(String(total.cells.get('[]')!.paid)).toBe(whole.paid);
    for (const r of pivot.rows.filter((x) => x.level === 1 || x.level === 2)) {
      const kids = pivot.rows.filter((x) => x.parent === r.key && x.level === r.level + 1);
      expect(kids.length).toBe(r.children);
      const sum = kids.reduce((s, k) => s + BigInt(String(k.cells.get('[]')!.paid)), 0n);
      expect(sum).toBe(BigInt(String(r.cells.get('[]')!.paid)));
    }
  });

  it('a condition keeps only lagging units, and their subtotals cover only them', async () => {
    const v = parseView(views[4]);
    const d = compileView(v, duckdb, ctx);
    const pivot = buildPivot(v, built.duck.query(d.sql, d.params));
    const leaves = pivot.rows.filter((r) => r.level === 2);
    expect(leaves.length).toBeGreaterThan(0);
    for (const r of leaves) expect(Number(r.cells.get('[]')!.progress_gap)).toBeLessThan(-5);
    const total = pivot.rows[pivot.rows.length - 1];
    const sum = leaves.reduce((s, k) => s + BigInt(k.cells.get('[]')!.paid as bigint), 0n);
    expect(BigInt(total.cells.get('[]')!.paid as bigint)).toBe(sum);
  });

  it('top-N keeps the N largest, in order', async () => {
    const v = parseView(views[5]);
    const d = compileView(v, duckdb, ctx);
    const pivot = buildPivot(v, built.duck.query(d.sql, d.params));
    const leaves = pivot.rows.filter((r) => r.level === 2).map((r) => Number(r.cells.get('[]')!.paid));
    expect(leaves.length).toBe(10);
    const [{ tenth }] = await db.query<{ tenth: string }>(
      `SELECT round(sum(pay_amt) * 100)::bigint::text AS tenth FROM pay_voucher WHERE fiscal_year = 2026 AND pay_date <= '2026-10-31' AND exp_func_code NOT LIKE '230%'
       GROUP BY mof_div_code, agency_code ORDER BY sum(pay_amt) DESC OFFSET 9 LIMIT 1`,
    );
    expect(Math.min(...leaves)).toBe(Number(tenth));
  });
});

describe('view definitions are validated against the cube, naming the field', () => {
  const base = { cube: 'execution', rows: ['lvl2_code'], columns: ['month'], metrics: ['paid'] };
  it.each([
    [{ ...base, rows: ['lvl2_code', 'nope'] }, 'rows[1]'],
    [{ ...base, columns: ['lvl2_code'] }, 'columns[0]'],
    [{ ...base, metrics: ['paid', 'goal_coverage'] }, 'metrics[1]'],
    [{ ...base, metrics: [] }, 'metrics'],
    [{ ...base, filters: [{ dimension: 'grade', op: 'in', values: ['A'] }] }, 'filters[0].dimension'],
    [{ ...base, filters: [{ dimension: 'month', op: 'between', from: 202606, to: 202601 }] }, 'filters[0].from'],
    [{ ...base, conditions: [{ metric: 'progress_gap', op: '<<', value: 1 }] }, 'conditions.0.op'],
    [{ ...base, topN: 5 }, 'sort'],
    [{ ...base, cube: 'nope' }, 'cube'],
    [{ ...base, extra: 1 }, 'view'],
  ] as const)('%# → %s', (raw, field) => {
    try {
      parseView(raw);
      expect.unreachable();
    } catch (e) {
      expect((e as { field: string }).field).toBe(field);
    }
  });
  it('values are bound, never spliced into the SQL', () => {
    const v = parseView({ ...base, filters: [{ dimension: 'lvl2_code', op: 'in', values: ["6601'; DROP TABLE x; --"] }], conditions: [{ metric: 'paid', op: '>', value: 12345.5 }] });
    const r = compileView(v, postgres, ctx);
    expect(r.sql).not.toContain('DROP');
    expect(r.sql).not.toContain('12345.5');
    expect(r.params).toContain("6601'; DROP TABLE x; --");
  });
});
