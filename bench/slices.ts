import type { SliceRequest } from '../queries/index.ts';

/**
 * A committed set of analyst questions, answered by DuckDB-WASM over the cube and by PostgreSQL over the raw facts.
 * `{asOf}` is replaced by the data's as-of date, `{prevYearEnd}` by 31 December of the year before.
 */
export function analystSlices(asOf: string, topCode: string, divisionCode: string): Array<{ name: string; req: SliceRequest }> {
  const y = Number(asOf.slice(0, 4));
  const prevYearEnd = `${y - 1}-12-31`;
  const top = { dimension: 'org' as const, op: 'subtree' as const, value: topCode, level: 1 };
  const div = { dimension: 'org' as const, op: 'subtree' as const, value: divisionCode, level: 2 };
  const all = ['budget', 'paid', 'execution_rate', 'progress_gap'];
  return [
    { name: 'KPI totals', req: { dimensions: [], metrics: [...all, 'time_progress'], asOf, filters: [top] } },
    { name: 'KPI 财政拨款', req: { dimensions: [], metrics: all, asOf, filters: [top, { dimension: 'fund_type_code', op: 'prefix', value: '1' }] } },
    { name: 'by division', req: { dimensions: ['lvl2_code'], metrics: all, asOf, filters: [top], orderBy: [{ key: 'execution_rate' }] } },
    { name: 'by regiment in a division', req: { dimensions: ['lvl3_code'], metrics: all, asOf, filters: [div] } },
    { name: 'cumulative by month', req: { dimensions: ['month'], metrics: [...all, 'time_progress'], asOf, cumulative: true } },
    { name: 'last year by month', req: { dimensions: ['month'], metrics: ['budget', 'paid', 'execution_rate'], asOf: prevYearEnd, cumulative: true } },
    { name: 'division × month', req: { dimensions: ['lvl2_code', 'month'], metrics: all, asOf, cumulative: true } },
    { name: '20 most lagging units', req: { dimensions: ['mof_div_code', 'agency_code'], metrics: all, asOf, where: [{ metric: 'budget', op: '>', value: 0 }], orderBy: [{ key: 'progress_gap' }], limit: 20 } },
    { name: 'lagging units in a division', req: { dimensions: ['mof_div_code', 'agency_code'], metrics: all, asOf, filters: [div], where: [{ metric: 'progress_gap', op: '<', value: -15 }] } },
    { name: 'by 功能分类 类', req: { dimensions: ['exp_func_class'], metrics: all, asOf } },
    { name: 'by 功能分类 款 within 205', req: { dimensions: ['exp_func_item'], metrics: all, asOf, filters: [{ dimension: 'exp_func_class', op: 'eq', value: '205' }] } },
    { name: 'by 经济分类 类', req: { dimensions: ['eco_class'], metrics: all, asOf } },
    { name: '三公 by division and month', req: { dimensions: ['lvl2_code', 'month'], metrics: ['budget', 'paid'], asOf, filters: [{ dimension: 'eco_item', op: 'in', values: ['30212', '30217', '30231', '30913', '31013'] }, { dimension: 'fund_type_code', op: 'prefix', value: '1' }] } },
    { name: 'by fund type', req: { dimensions: ['fund_type_code'], metrics: all, asOf } },
    { name: 'by department', req: { dimensions: ['dept_code'], metrics: all, asOf, orderBy: [{ key: 'paid', desc: true }] } },
    { name: 'department × division', req: { dimensions: ['dept_code', 'lvl2_code'], metrics: all, asOf } },
    { name: 'division × 功能分类 × fund', req: { dimensions: ['lvl2_code', 'exp_func_class', 'fund_type_code'], metrics: all, asOf } },
    { name: 'units by month in a division', req: { dimensions: ['mof_div_code', 'agency_code', 'month'], metrics: ['budget', 'paid'], asOf, filters: [div] } },
    { name: 'Q2 months only', req: { dimensions: ['lvl2_code'], metrics: ['paid'], asOf, filters: [{ dimension: 'month', op: 'between', from: y * 100 + 4, to: y * 100 + 6 }] } },
    { name: 'top 本级 units', req: { dimensions: ['agency_code'], metrics: all, asOf, filters: [{ dimension: 'lvl2_code', op: 'is_null' }] } },
  ];
}
