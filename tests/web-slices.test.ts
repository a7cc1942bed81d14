/**
 * The renderer's slices, built from the dashboard declarations and run on DuckDB-WASM (under Node, opened as the
 * browser opens it) over cubes built from the hand-made fixture: the figures each panel shows, checked against the
 * fixture's hand-computed values; and every panel of every dashboard compiles and runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboards, type Panel } from '../dashboards/index.ts';
import type { Rendered, SliceContext, SliceRequest } from '../queries/index.ts';
import { executionCube } from '../queries/cubes/execution.ts';
import type { Db } from '../api/src/db/types.ts';
import { CodeNames } from '../web/src/data/codes.ts';
import { RegionTree } from '../web/src/data/regions.ts';
import { inlineParams, PART, sliceSql, splitParts, unionParts } from '../web/src/data/sql.ts';
import { toCategories, toMatrix } from '../web/src/dashboards/categories.ts';
import { kpiCards } from '../web/src/dashboards/kpi-model.ts';
import { lineModel } from '../web/src/dashboards/line-model.ts';
import type { Row } from '../web/src/dashboards/metric-value.ts';
import type { PageScope } from '../web/src/dashboards/scope.ts';
import { barSlice, heatmapSlice, kpiSlices, lineSlices, mainSlice, pieSlice, tableSlice } from '../web/src/dashboards/slices.ts';
import { translate } from '../web/src/i18n/messages.ts';
import { buildAndLoad } from './support/cubes.ts';
import { openTestDb } from './support/db.ts';
import { DATA_AS_OF, expected, loadFixture } from './support/fixture.ts';

const ctx: SliceContext = { dataAsOf: DATA_AS_OF, timeProgressBasis: 'day' };
const exec = (id: string) => dashboards.execution.panels.find((p) => p.id === id)! as Panel;
const scope = (over: Partial<PageScope> = {}): PageScope => ({ org: { code: '660000000', level: 1, hasChildren: true }, own: false, asOf: expected.march.asOf, datedPage: true, ...over });

let db: Db;
let built: Awaited<ReturnType<typeof buildAndLoad>>;
let tree: RegionTree;
let codes: CodeNames;

const run = (q: Rendered): Row[] => built.duck.query(q.sql, q.params);
const slice = (p: Panel, req: SliceRequest, names = false) => run(sliceSql(p.cube, req, ctx, names));
const names = () => ({ regions: tree, codes, lang: 'zh' as const, year: 2026 });

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db);
  built = await buildAndLoad(db);
  tree = new RegionTree(
    run({ sql: 'SELECT mof_div_code, mof_div_name, parent_code, level FROM dim_region', params: [] }).map((r) => ({
      code: String(r.mof_div_code),
      name: String(r.mof_div_name),
      parentCode: r.parent_code == null ? null : String(r.parent_code),
      level: Number(r.level),
    })),
  );
  codes = new CodeNames(run({ sql: 'SELECT list, fiscal_year, code, name FROM dim_code', params: [] }).map((r) => ({ list: String(r.list), fiscalYear: Number(r.fiscal_year), code: String(r.code), name: String(r.name) })));
}, 180_000);

afterAll(async () => {
  built?.cleanup();
  await db?.close();
});

describe('KPI cards', () => {
  const kpis = exec('kpis') as Extract<Panel, { kind: 'kpi' }>;

  it('show the 汇总 of the scope as of the chosen date', () => {
    const s = kpiSlices(kpis, scope());
    const cards = kpiCards(kpis.metrics, slice(kpis, s.main.request))!;
    const v = Object.fromEntries(cards.map((c) => [c.metric.id, c.value]));
    expect(v.budget).toBe(expected.march.budgetFen);
    expect(v.paid).toBe(expected.march.paidFen);
    expect(v.execution_rate).toBeCloseTo(51_345_703 / 180_000_000, 12);
    expect(v.time_progress).toBeCloseTo(90 / 365, 12);
    expect(v.progress_gap).toBeCloseTo((51_345_703 / 180_000_000 - 90 / 365) * 100, 9);
  });

  it('compare with the same slice at the same date a year earlier (同比) and at the previous month end (环比)', () => {
    const s = kpiSlices(kpis, scope());
    expect([s.yoy?.asOf, s.mom?.asOf]).toEqual(['2025-03-31', '2026-02-28']);
    const cards = kpiCards(kpis.metrics, slice(kpis, s.main.request), { yoy: slice(kpis, s.yoy!), mom: slice(kpis, s.mom!) })!;
    const by = Object.fromEntries(cards.map((c) => [c.metric.id, c]));
    // 同比: 2025-03-31 had 400,000 元 budget (I8) and nothing paid.
    expect(by.budget.yoy).toEqual({ kind: 'growth', value: (180_000_000 - 40_000_000) / 40_000_000 });
    expect(by.paid.yoy).toEqual({ kind: 'growth', value: null }); // nothing paid a year earlier: no growth rate
    // 环比: at 2026-02-28, 2,000,000 budget and 373,456.78 paid.
    expect(by.budget.mom?.value).toBeCloseTo(180 / 200 - 1, 12);
    expect(by.paid.mom?.value).toBeCloseTo(51_345_703 / 37_345_678 - 1, 12);
    expect(by.execution_rate.mom).toEqual({ kind: 'points', value: expect.closeTo((51_345_703 / 180_000_000 - 37_345_678 / 200_000_000) * 100, 9) });
    expect(by.time_progress.mom?.value).toBeCloseTo((90 / 365 - 59 / 365) * 100, 9);
  });

  it('answer the figures, 同比 and 环比 in one statement (one round trip), each part as its own query answers', () => {
    const s = kpiSlices(kpis, scope());
    const parts = [s.main.request, s.yoy!, s.mom!].map((r) => sliceSql(kpis.cube, r, ctx));
    const one = unionParts(parts);
    expect(one.params).toEqual(parts.flatMap((p) => p.params));
    const split = splitParts(run(one), 3);
    expect(split).toEqual(parts.map((p) => run(p)));
    // Budgets at 2026-03-31, 2025-03-31 and 2026-02-28 (fen), from the fixture by hand.
    expect(split.map((rows) => rows[0].budget)).toEqual([180_000_000n, 40_000_000n, 200_000_000n]);
    // Written out as runSql sends it, the same answer.
    expect(built.duck.query(inlineParams(one)!)).toEqual(run(one));
    expect(() => splitParts([{ budget: 1n }], 3)).toThrow(/no statement/);
    expect(() => splitParts([{ [PART]: 3 }], 3)).toThrow(/no statement/);
  });

  it('never go past the data as-of date, and give zeros and no rate for an empty scope', () => {
    const s = kpiSlices(kpis, scope({ asOf: '2026-12-31' }));
    const v = Object.fromEntries(kpiCards(kpis.metrics, slice(kpis, s.main.request))!.map((c) => [c.metric.id, c.value]));
    expect([v.budget, v.paid]).toEqual([expected.april.budgetFen, expected.april.paidFen]);
    const empty = kpiCards(kpis.metrics, slice(kpis, kpiSlices(kpis, scope({ fund: '2' })).main.request))!;
    expect(empty.map((c) => c.value).slice(0, 3)).toEqual([0n, 0n, null]);
  });
});

describe('execution rate by region: drill 全兵团 → 师 → 团 → 单位', () => {
  const byOrg = exec('by_org') as Extract<Panel, { kind: 'bar' }>;
  const cats = (s: PageScope) => {
    const b = barSlice(byOrg, s);
    return { b, cats: toCategories(slice(byOrg, b.request, b.names), b.grouping!, b.metrics, names()) };
  };

  it('has one row per child plus the 本级 row; the rows add up to the 汇总', () => {
    const { b, cats: c } = cats(scope());
    expect(b.grouping).toEqual({ kind: 'children', column: 'lvl2_code', parent: '660000000' });
    expect(b.request.metrics).toEqual(['execution_rate', 'time_progress', 'budget', 'paid', 'progress_gap']);
    const byKey = Object.fromEntries(c.map((x) => [x.key, x]));
    expect(Object.keys(byKey).sort()).toEqual(['660100000', '660200000', 'own:660000000']);
    expect(byKey['660100000']).toMatchObject({ label: '第一师', pick: { kind: 'child', code: '660100000' } });
    expect(byKey['660100000'].values).toMatchObject({ budget: 110_000_000n, paid: 39_000_025n });
    expect(byKey['own:660000000']).toMatchObject({ label: '兵团本级', pick: { kind: 'own', org: '660000000' }, values: { budget: 20_000_000n, paid: 0n } });
    expect(c.reduce((s, x) => s + (x.values.budget as bigint), 0n)).toBe(expected.march.budgetFen);
    expect(c.reduce((s, x) => s + (x.values.paid as bigint), 0n)).toBe(expected.march.paidFen);
    const rates = c.map((x) => (x.values.execution_rate as number | null) ?? -1);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates); // value_desc
  });

  it('at a division: 第一师 = 一团 + 第一师本级', () => {
    const { cats: c } = cats(scope({ org: { code: '660100000', level: 2, hasChildren: true } }));
    expect(c.map((x) => [x.label, x.values.budget, x.values.paid])).toEqual([
      ['第一师本级', 80_000_000n, 33_000_025n],
      ['一团', 30_000_000n, 6_000_000n],
    ]);
  });

  it('at 本级: the region’s own units only, named by both codes', () => {
    const { b, cats: c } = cats(scope({ org: { code: '660100000', level: 2, hasChildren: true }, own: true }));
    expect(b.grouping).toEqual({ kind: 'units' });
    expect(b.request.filters).toContainEqual({ dimension: 'lvl3_code', op: 'is_null' });
    expect(c.map((x) => [x.key, x.label, x.regionName, x.values.budget])).toEqual([['660100000:204001', '第一师公安局', '第一师', 80_000_000n]]);
  });

  it('at a leaf region its units; at a unit that unit alone', () => {
    const leaf = cats(scope({ org: { code: '660101000', level: 3, hasChildren: false } })).cats;
    expect(leaf).toEqual([
      { key: '660101000:205001', label: '一团中学', pick: { kind: 'unit', mofDivCode: '660101000', agencyCode: '205001' }, regionName: '一团', values: expect.objectContaining({ budget: 30_000_000n, paid: 6_000_000n, execution_rate: 0.2 }) },
    ]);
    const unit = cats(scope({ org: { code: '660200000', level: 2, hasChildren: false }, agency: { mofDivCode: '660200000', agencyCode: '204001' } })).cats;
    expect(unit.map((x) => [x.label, x.values.budget, x.values.paid])).toEqual([['第二师公安局', 50_000_000n, 12_345_678n]]);
  });
});

describe('功能分类 类 → 款, and the fund pie a digit deeper', () => {
  const byFunc = exec('by_func') as Extract<Panel, { kind: 'bar' }>;
  const byFund = exec('by_fund') as Extract<Panel, { kind: 'pie' }>;

  it('shows 类, then the 款 of the chosen 类; other panels follow the 类', () => {
    const top = barSlice(byFunc, scope());
    expect(toCategories(slice(byFunc, top.request), top.grouping!, top.metrics, names()).map((c) => [c.key, c.values.budget])).toEqual([
      ['204', 130_000_000n],
      ['205', 30_000_000n],
      ['201', 20_000_000n],
    ]);
    const drilled = barSlice(byFunc, scope({ func: '204' }));
    expect(drilled.grouping).toEqual({ kind: 'dim', dimension: 'exp_func_item', within: { dimension: 'exp_func_class', value: '204' } });
    expect(toCategories(slice(byFunc, drilled.request), drilled.grouping!, drilled.metrics, names()).map((c) => [c.key, c.values.paid])).toEqual([['20401', 45_345_703n]]);
    const kpis = exec('kpis') as Extract<Panel, { kind: 'kpi' }>;
    const k = kpiCards(kpis.metrics, slice(kpis, kpiSlices(kpis, scope({ func: '204' })).main.request))!;
    expect(k[0].value).toBe(130_000_000n);
  });

  it('rolls 资金性质 up to the prefix level below the chosen one', () => {
    const at = (fund?: string) => {
      const p = pieSlice(byFund, scope({ fund }));
      return toCategories(slice(byFund, p.request), p.grouping!, p.metrics, names()).map((c) => [c.key, c.values.paid]);
    };
    expect(at()).toEqual([['1', 51_345_703n], ['3', 0n]]); // 单位资金: I5's budget, but P7 is paid after March
    expect(at('1')).toEqual([['11', 45_345_703n], ['12', 6_000_000n]]);
    expect(at('11')).toEqual([['111', 45_345_703n]]);
  });
});

describe('cumulative monthly execution against 序时进度, with last year', () => {
  const monthly = exec('monthly') as Extract<Panel, { kind: 'line' }>;
  it('runs totals along the months of the fiscal year; last year is the same slice at its year end', () => {
    const s = lineSlices(monthly, scope());
    expect(s.main.request).toMatchObject({ dimensions: ['month'], cumulative: true, asOf: '2026-03-31' });
    expect(s.previous?.asOf).toBe('2025-12-31');
    const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('zh', k, v);
    const m = lineModel(monthly, s, { main: slice(monthly, s.main.request), previous: slice(monthly, s.previous!) }, { lang: 'zh', t });
    expect(m.x).toHaveLength(12);
    expect(m.series.map((x) => [x.name, x.role])).toEqual([
      ['2026年累计预算执行率', 'main'],
      ['序时进度', 'reference'],
      ['2025年累计预算执行率', 'previous'],
    ]);
    expected.march.cumulative.forEach((c, i) => expect(m.series[0].values[i]).toBeCloseTo(Number(c.paidFen) / Number(c.budgetFen), 12));
    expect(m.series[0].values.slice(3)).toEqual(Array(9).fill(null));
    expect(m.series[1].values.slice(0, 3)).toEqual([31 / 365, 59 / 365, 90 / 365].map((v) => expect.closeTo(v, 12)));
    expect(m.series[2].values[0]).toBe(0); // 2025: 400,000 budget in January, nothing paid
    expect(m.cats[2]).toMatchObject({ key: '202603', pick: { kind: 'value', dimension: 'month', value: '202603' } });
    // Both years in one statement (as the panel sends them): the same rows, each year in month order.
    const parts = [s.main.request, s.previous!].map((r) => sliceSql(monthly.cube, r, ctx));
    const [main, previous] = splitParts(run(unionParts(parts, s.main.request.orderBy)), 2);
    expect(main).toEqual(slice(monthly, s.main.request));
    expect(previous).toEqual(slice(monthly, s.previous!));
    expect(previous.map((r) => r.month)).toEqual([...previous.map((r) => r.month)].sort());
  });
});

describe('lagging units, 三公 and approval', () => {
  it('orders units by progress gap, names each by both codes, only units with a budget, limit before the join', () => {
    const lagging = exec('lagging') as Extract<Panel, { kind: 'table' }>;
    const t = tableSlice(lagging, scope());
    expect(t.request).toMatchObject({ where: [{ metric: 'budget', op: '>', value: 0 }], orderBy: [{ key: 'progress_gap' }], limit: 20 });
    const rows = slice(lagging, t.request, t.names);
    expect(rows.map((r) => [r.mof_div_code, r.agency_code, r.agency_name, r.region_name])).toEqual([
      ['660000000', '201001', '兵团财政局本级', '兵团本级'],
      ['660101000', '205001', '一团中学', '一团'],
      ['660200000', '204001', '第二师公安局', '第二师'],
      ['660100000', '204001', '第一师公安局', '第一师'],
    ]);
    const two = slice(lagging, { ...t.request, limit: 2 }, true);
    expect(two.map((r) => r.agency_name)).toEqual(['兵团财政局本级', '一团中学']);
  });

  it('三公 keeps to its 款 and 财政拨款 whatever the page’s fund and 经济分类', () => {
    const sangong = exec('sangong') as Extract<Panel, { kind: 'bar' }>;
    const b = barSlice(sangong, scope({ fund: '3', eco: '301' }));
    expect(b.request.filters).toEqual([
      { dimension: 'org', op: 'subtree', value: '660000000', level: 1 },
      { dimension: 'eco_item', op: 'in', values: ['30212', '30217', '30231', '30913', '31013'] },
      { dimension: 'fund_type_code', op: 'prefix', value: '1' },
    ]);
    expect(slice(sangong, b.request)).toEqual([]); // the fixture has no 三公 spending
  });

  it('approval: mean and p90 hours by child region from the approval cube', () => {
    const approval = exec('approval') as Extract<Panel, { kind: 'bar' }>;
    const b = barSlice(approval, scope());
    expect(b.request.metrics).toEqual(['approval_hours', 'approval_hours_p90', 'pending_count', 'approved_count']);
    const c = toCategories(slice(approval, b.request), b.grouping!, b.metrics, names());
    const first = c.find((x) => x.key === '660100000')!;
    // 第一师 and 一团, applied up to March: P1 5 h, P2 1 h, P5 1 h, P8 1 h approved (returns are not applications); P6 pending.
    expect(first.values.pending_count).toBe(1n);
    expect(first.values.approved_count).toBe(4n);
    expect(first.values.approval_hours).toBeCloseTo(8 / 4, 9);
    // p90: 4 × 0.9 = 3.6 approvals; buckets [1, 2) h hold 3 (P2, P5, P8), [4, 8) h one (P1) — the 3.6th lies in
    // [4, 8): 4 + (3.6 − 3) ÷ 1 × 4 = 6.4 h.
    expect(first.values.approval_hours_p90).toBeCloseTo(6.4, 9);
  });
});

describe('every panel of every dashboard compiles and runs on DuckDB', () => {
  for (const d of Object.values(dashboards)) {
    for (const p of d.panels) {
      it(`${d.id}.${p.id}`, () => {
        const s = scope({ datedPage: d.filters.includes('asOf') });
        const { request, names: n } = mainSlice(p, s);
        expect(() => slice(p, request, n)).not.toThrow();
        if (p.kind === 'heatmap') {
          const h = heatmapSlice(p, s);
          const m = toMatrix(slice(p, h.request), h.grouping!, h.y, p.metric, names());
          expect(m.cells.every((c) => m.x.some((x) => x.key === c.x) && m.y.some((y) => y.key === c.y))).toBe(true);
        }
      });
    }
  }
  it('the execution cube’s panels cover all its metrics', () => {
    const used = new Set(dashboards.execution.panels.flatMap((p) => ('metrics' in p ? p.metrics.map((m) => m.id) : [])));
    expect(executionCube.metrics.every((m) => used.has(m.id))).toBe(true);
  });
});
