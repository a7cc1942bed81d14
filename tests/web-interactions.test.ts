/** Pure pieces of the renderer: page filters per panel, clicks, drill-through targets, comparisons, formatting, exports. */
import { describe, expect, it } from 'vitest';
import { dashboards, type Panel } from '../dashboards/index.ts';
import { budget, executionRate, paid, progressGap } from '../queries/metrics/execution.ts';
import { filenameOf, queryString } from '../web/src/data/api.ts';
import { rollUp, type Category } from '../web/src/dashboards/categories.ts';
import { change, compareDates, direction, formatChange, previousYearEnd } from '../web/src/dashboards/compare.ts';
import { exportBody, fileName } from '../web/src/dashboards/export.ts';
import { clickPatch, detailsTarget, isSelected, warningsTarget } from '../web/src/dashboards/interactions.ts';
import { isHighlighted, kpiCards, sumFen } from '../web/src/dashboards/kpi-model.ts';
import { monthLabel, valueLabel } from '../web/src/dashboards/labels.ts';
import { axisValue, formatMetric, metricUnit, readMetric } from '../web/src/dashboards/metric-value.ts';
import { panelFilters, type PageScope } from '../web/src/dashboards/scope.ts';
import { grouping } from '../web/src/dashboards/slices.ts';
import { commentOk } from '../web/src/dashboards/WarningDrawer.tsx';
import { nextSort } from '../web/src/dashboards/warnings-api.ts';

const panelOf = (d: string, id: string) => dashboards[d].panels.find((p) => p.id === id)! as Panel;
const scope = (over: Partial<PageScope> = {}): PageScope => ({ org: { code: '660000000', level: 1, hasChildren: true }, own: false, asOf: '2026-10-31', datedPage: true, ...over });
const value = (dimension: string, v: string) => ({ kind: 'value' as const, dimension, value: v });

describe('page filters per panel', () => {
  const full = scope({ fund: '11', func: '205', funcItem: '20502', eco: '302', month: 202603 });
  it('a panel follows the page’s filters its cube has, after the org', () => {
    expect(panelFilters(panelOf('execution', 'kpis'), full)).toEqual([
      { dimension: 'org', op: 'subtree', value: '660000000', level: 1 },
      { dimension: 'fund_type_code', op: 'prefix', value: '11' },
      { dimension: 'exp_func_class', op: 'eq', value: '205' },
      { dimension: 'exp_func_item', op: 'eq', value: '20502' },
      { dimension: 'eco_class', op: 'eq', value: '302' },
      { dimension: 'month', op: 'eq', value: 202603 },
    ]);
  });
  it('skips filters it ignores by declaration or lacks the dimension for (approval has no 功能分类)', () => {
    expect(panelFilters(panelOf('execution', 'approval'), full).map((f) => f.dimension)).toEqual(['org', 'fund_type_code', 'month']);
  });
  it('a 功能分类 panel follows its 类 (to show its 款) but not the 款 it sets; a rule bar shows every rule', () => {
    expect(panelFilters(panelOf('execution', 'by_func'), full).map((f) => f.dimension)).not.toContain('exp_func_item');
    expect(panelFilters(panelOf('risk', 'by_rule'), scope({ rule: 'R01', severity: 'red' })).map((f) => f.dimension)).toEqual(['org', 'severity', 'resolved']);
  });
  it('narrows to 本级 with the next level null, or to one unit by both codes', () => {
    expect(panelFilters(panelOf('execution', 'kpis'), scope({ org: { code: '660100000', level: 2, hasChildren: true }, own: true }))).toEqual([
      { dimension: 'org', op: 'subtree', value: '660100000', level: 2 },
      { dimension: 'lvl3_code', op: 'is_null' },
    ]);
    expect(panelFilters(panelOf('execution', 'kpis'), scope({ agency: { mofDivCode: '660101000', agencyCode: '205001' } }))).toEqual([
      { dimension: 'mof_div_code', op: 'eq', value: '660101000' },
      { dimension: 'agency_code', op: 'eq', value: '205001' },
    ]);
  });
});

describe('grouping', () => {
  const byOrg = panelOf('execution', 'by_org') as Extract<Panel, { kind: 'bar' }>;
  it("'children' is the next level, or units at a leaf, at 本级 and at a unit", () => {
    expect(grouping('children', byOrg, scope())).toEqual({ kind: 'children', column: 'lvl2_code', parent: '660000000' });
    expect(grouping('children', byOrg, scope({ org: { code: '660101000', level: 3, hasChildren: false } }))).toEqual({ kind: 'units' });
    expect(grouping('children', byOrg, scope({ own: true }))).toEqual({ kind: 'units' });
  });
});

describe('clicks', () => {
  const s = scope({ func: '205' });
  it('drill into a region, its 本级 or a unit, resetting what lies below', () => {
    const p = panelOf('execution', 'by_org');
    expect(clickPatch(p, { kind: 'child', code: '660100000' }, s)).toEqual({ org: '660100000', own: undefined, agency: undefined });
    expect(clickPatch(p, { kind: 'own', org: '660000000' }, s)).toEqual({ org: '660000000', own: '1', agency: undefined });
    expect(clickPatch(p, { kind: 'unit', mofDivCode: '660101000', agencyCode: '205001' }, s)).toEqual({ org: '660101000', agency: '660101000:205001', own: undefined });
  });
  it('set a filter, and clear it when the chosen value is clicked again', () => {
    const f = panelOf('execution', 'by_func');
    expect(clickPatch(f, value('exp_func_class', '201'), s)).toEqual({ func: '201', funcItem: undefined });
    expect(clickPatch(f, value('exp_func_class', '205'), s)).toEqual({ func: undefined, funcItem: undefined });
    expect(clickPatch(f, value('exp_func_item', '20502'), s)).toEqual({ funcItem: '20502' });
    expect(clickPatch(panelOf('execution', 'by_fund'), value('fund_type_code', '11'), s)).toEqual({ fund: '11' });
    expect(clickPatch(panelOf('risk', 'by_rule'), value('rule_id', 'R03'), s)).toEqual({ rule: 'R03' });
    expect(clickPatch(panelOf('risk', 'by_severity'), value('severity', 'red'), scope({ severity: 'red' }))).toEqual({ severity: undefined });
    expect(clickPatch(panelOf('execution', 'monthly'), value('month', '202603'), s)).toBeNull(); // it drills through instead
  });
  it('know which category is the page’s choice', () => {
    expect(isSelected(panelOf('execution', 'by_func'), value('exp_func_class', '205'), s)).toBe(true);
    expect(isSelected(panelOf('execution', 'by_func'), value('exp_func_class', '201'), s)).toBe(false);
  });
});

describe('drill-through targets', () => {
  it('carry the page’s filters as the panel follows them, the clicked category and the as-of date', () => {
    const t = detailsTarget(panelOf('execution', 'by_org'), scope({ fund: '11', eco: '302' }), [{ kind: 'child', code: '660100000' }]);
    expect(t).toEqual({ ok: true, kind: 'payments', params: { asOf: '2026-10-31', org: '660100000', fund: '11', eco: '302' } });
    const u = detailsTarget(panelOf('execution', 'lagging'), scope(), [{ kind: 'unit', mofDivCode: '660101000', agencyCode: '205001' }]);
    expect(u).toMatchObject({ ok: true, kind: 'indicators', params: { agency: '660101000:205001' } });
  });
  it('a month of a cumulative line means up to that month', () => {
    expect(detailsTarget(panelOf('execution', 'monthly'), scope(), [value('month', '202603')], { cumulative: true })).toEqual({ ok: true, kind: 'payments', params: { asOf: '2026-10-31', org: '660000000', monthTo: '202603' } });
  });
  it('a 类 bar under a chosen 类 gives its 款; a fund slice its code', () => {
    expect(detailsTarget(panelOf('execution', 'by_func'), scope({ func: '205' }), [value('exp_func_item', '20502')])).toMatchObject({ ok: true, params: { func: '205', funcItem: '20502' } });
    expect(detailsTarget(panelOf('execution', 'by_fund'), scope(), [value('fund_type_code', '11')])).toMatchObject({ ok: true, params: { fund: '11' } });
  });
  it('a 本级 bar or a 本级 page drills through to the region’s own units; 三公 to its list of 款 on 财政拨款', () => {
    expect(detailsTarget(panelOf('execution', 'by_org'), scope(), [{ kind: 'own', org: '660000000' }])).toEqual({ ok: true, kind: 'payments', params: { asOf: '2026-10-31', own: '660000000' } });
    expect(detailsTarget(panelOf('execution', 'kpis'), scope({ own: true, fund: '11' }), [])).toEqual({ ok: true, kind: 'indicators', params: { asOf: '2026-10-31', own: '660000000', fund: '11' } });
    expect(detailsTarget(panelOf('execution', 'sangong'), scope(), [{ kind: 'child', code: '660100000' }])).toEqual({
      ok: true,
      kind: 'indicators',
      params: { asOf: '2026-10-31', org: '660100000', ecoItems: '30212,30217,30231,30913,31013', fund: '1' },
    });
    expect(warningsTarget(panelOf('risk', 'org_rule'), scope({ datedPage: false }), [{ kind: 'own', org: '660000000' }, value('rule_id', 'R01')])).toEqual({ ok: true, params: { own: '660000000', resolved: 'false', rule: 'R01' } });
  });
  it('reports what the details API cannot express instead of approximating it', () => {
    expect(detailsTarget(panelOf('execution', 'approval'), scope(), [])).toEqual({ ok: false, reason: 'details.reason.cube' });
  });
  it('figures of the warnings cubes open the warnings list with the same filters', () => {
    expect(warningsTarget(panelOf('risk', 'by_rule'), scope({ severity: 'red', datedPage: false }), [value('rule_id', 'R03')])).toEqual({ ok: true, params: { org: '660000000', severity: 'red', resolved: 'false', rule: 'R03' } });
    expect(warningsTarget(panelOf('risk', 'org_rule'), scope({ datedPage: false }), [{ kind: 'child', code: '660100000' }, value('rule_id', 'R01')])).toEqual({ ok: true, params: { org: '660100000', resolved: 'false', rule: 'R01' } });
    expect(warningsTarget(panelOf('performance', 'missing_goals'), scope(), [])).toEqual({ ok: true, params: { org: '660000000', rule: 'R09', fiscalYear: '2026' } });
  });
});

describe('comparisons (同比, 环比)', () => {
  it('dates: the same day a year earlier (29 Feb → 28 Feb), the end of the previous month, the previous year end', () => {
    expect(compareDates('2026-10-31')).toEqual({ yoy: '2025-10-31', mom: '2026-09-30' });
    expect(compareDates('2028-02-29')).toEqual({ yoy: '2027-02-28', mom: '2028-01-31' });
    expect(compareDates('2026-01-15')).toEqual({ yoy: '2025-01-15', mom: '2025-12-31' });
    expect(previousYearEnd('2026-10-31')).toBe('2025-12-31');
  });
  it('amounts as growth rates exactly from fen, ratios and points as differences in points', () => {
    expect(change('fen', 150n, 100n)).toEqual({ kind: 'growth', value: 0.5 });
    expect(change('fen', 50n, -100n)).toEqual({ kind: 'growth', value: 1.5 });
    expect(change('fen', 5n, 0n)).toEqual({ kind: 'growth', value: null });
    expect(change('percent1', 0.819, 0.69)).toEqual({ kind: 'points', value: expect.closeTo(12.9, 9) });
    expect(change('pp1', -1.4, -13.4)).toEqual({ kind: 'points', value: expect.closeTo(12, 9) });
    expect(change('percent1', null, 0.5)).toEqual({ kind: 'points', value: null });
  });
  it('format with sign and direction at the shown precision', () => {
    expect(formatChange({ kind: 'growth', value: 0.2094 })).toBe('+20.9%');
    expect(formatChange({ kind: 'growth', value: -0.00004 })).toBe('0.0%');
    expect(formatChange({ kind: 'points', value: 12.94 })).toBe('+12.9个百分点');
    expect(formatChange({ kind: 'points', value: -0.25 }, 'en')).toBe('-0.3 pp');
    expect(formatChange({ kind: 'growth', value: null })).toBe('—');
    expect([direction({ kind: 'growth', value: 0.2 }), direction({ kind: 'points', value: -0.04 }), direction({ kind: 'growth', value: null })]).toEqual(['up', 'flat', 'none']);
  });
  it('KPI cards tone 进度偏差 past the R01 bands', () => {
    const cards = kpiCards([budget, paid, executionRate, progressGap], [{ budget: 100n, paid: 50n, execution_rate: 0.5, progress_gap: -16.2 }], { yoy: [{ budget: 80n, paid: 50n, execution_rate: 0.625, progress_gap: -1 }] })!;
    expect(cards.map((c) => [c.metric.id, c.value, c.yoy?.value, c.tone])).toEqual([
      ['budget', 100n, 0.25, undefined],
      ['paid', 50n, 0, undefined],
      ['execution_rate', 0.5, expect.closeTo(-12.5, 9), undefined],
      ['progress_gap', -16.2, expect.closeTo(-15.2, 9), 'warn'],
    ]);
    expect(kpiCards([progressGap], [{ progress_gap: -30 }])![0].tone).toBe('alert');
    expect(kpiCards([budget], [])).toBeNull();
  });
});

describe('figures', () => {
  it('read as DuckDB returns them, failing loudly on drift', () => {
    expect(readMetric({ budget: 5n }, 'budget', 'fen')).toBe(5n);
    expect(readMetric({}, 'budget', 'fen')).toBe(0n);
    expect(readMetric({ r: null }, 'r', 'percent1')).toBeNull();
    expect(() => readMetric({ budget: 1.5 }, 'budget', 'fen')).toThrow('应为整数');
    expect(() => readMetric({ r: 'x' }, 'r', 'percent1')).toThrow('应为数值');
  });
  it('format by kind and unit: money half-up on integer fen, percent, points, counts, hours', () => {
    expect(formatMetric(34_265_840_123n, 'fen', 'wan')).toBe('34,265.84');
    expect(formatMetric(34_265_840_123n, 'fen', 'yi')).toBe('3.43');
    expect(formatMetric(34_265_840_123n, 'fen', 'yuan')).toBe('342,658,401.23');
    expect(formatMetric(0.8194, 'percent1', 'wan')).toBe('81.9%');
    expect(formatMetric(-1.36, 'pp1', 'wan')).toBe('-1.4');
    expect(formatMetric(12345n, 'count', 'wan')).toBe('12,345');
    expect(formatMetric(7.25, 'hours1', 'wan')).toBe('7.3');
    expect(formatMetric(null, 'percent1', 'wan')).toBe('—');
    expect([metricUnit('fen', 'wan', 'zh'), metricUnit('pp1', 'wan', 'zh'), metricUnit('hours1', 'wan', 'en'), metricUnit('percent1', 'wan', 'zh')]).toEqual(['万元', '个百分点', 'h', '']);
    expect(axisValue(123_456_789n, 'fen', 'wan')).toBe(123.4568);
  });
  it('sum listed amounts exactly and highlight rows below the declared value', () => {
    expect(sumFen([{ amountFen: '10000000000000001' }, { amountFen: '-1' }, { amountFen: null }])).toBe(10_000_000_000_000_000n);
    expect(isHighlighted(-15.1, { below: -15 })).toBe(true);
    expect(isHighlighted(-15, { below: -15 })).toBe(false);
    expect(isHighlighted(null, { below: -15 })).toBe(false);
  });
  it('roll up only additive metrics by code prefix', () => {
    const c = (key: string, v: bigint): Category => ({ key, label: key, pick: { kind: 'value', dimension: 'fund_type_code', value: key }, values: { paid: v } });
    expect(rollUp([c('1', 5n), c('3', 7n), c('1', 4n)], [paid]).map((x) => [x.key, x.values.paid])).toEqual([['1', 9n], ['3', 7n]]);
    expect(() => rollUp([c('1', 5n)], [executionRate])).toThrow('不可按代码前缀汇总');
  });
  it('name dimension values from their definitions', () => {
    expect(valueLabel('rule_id', 'R09', { lang: 'zh' })).toBe('R09 绩效目标缺失');
    expect(valueLabel('severity', 'orange', { lang: 'en' })).toBe('Orange');
    expect(valueLabel('grade', 'good', { lang: 'zh' })).toBe('良');
    expect(valueLabel('status', 'cleared', { lang: 'zh' })).toBe('核实正常');
    expect(monthLabel(202603, 'zh')).toBe('3月');
    expect(monthLabel(202603, 'en', true)).toBe('2026-03');
  });
});

describe('exports and lists', () => {
  it('exports a panel’s main slice of its cube; the server adds the scope', () => {
    const b = exportBody(panelOf('execution', 'by_org'), scope({ fund: '11' }), 'xlsx', '分地区执行率');
    expect(b).toEqual({
      cube: 'execution',
      format: 'xlsx',
      title: '分地区执行率',
      slice: {
        dimensions: ['lvl2_code'],
        metrics: ['execution_rate', 'time_progress', 'budget', 'paid', 'progress_gap'],
        filters: [
          { dimension: 'org', op: 'subtree', value: '660000000', level: 1 },
          { dimension: 'fund_type_code', op: 'prefix', value: '11' },
        ],
        asOf: '2026-10-31',
        orderBy: [{ key: 'execution_rate', desc: true }],
      },
    });
    expect(exportBody(panelOf('risk', 'list'), scope(), 'csv', 'x'.repeat(80)).title).toHaveLength(60);
    expect(fileName('分地区 执行率/2026', '2026-10-31', 'png')).toBe('分地区_执行率_2026-2026-10-31.png');
  });
  it('reads file names from Content-Disposition and builds query strings without empty params', () => {
    expect(filenameOf("attachment; filename*=UTF-8''%E5%88%86%E5%9C%B0%E5%8C%BA-2026-10-31.xlsx")).toBe('分地区-2026-10-31.xlsx');
    expect(filenameOf('attachment; filename="a.csv"')).toBe('a.csv');
    expect(filenameOf(null)).toBeNull();
    expect(queryString({ org: '660000000', fund: undefined, limit: 50, x: '' })).toBe('?org=660000000&limit=50');
  });
  it('sorts by a new column descending first, then flips; a comment needs two characters', () => {
    expect(nextSort<'amount' | 'severity'>('severity', 'amount')).toBe('-amount');
    expect(nextSort<'amount'>('-amount', 'amount')).toBe('amount');
    expect(nextSort<'amount'>('amount', 'amount')).toBe('-amount');
    expect([commentOk(' 是 '), commentOk('确认')]).toEqual([false, true]);
  });
});
