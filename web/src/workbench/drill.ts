import type { DimValue } from '../../../queries/pivot.ts';
import { effectiveAsOf } from '../../../queries/time.ts';
import type { ViewDefinition } from '../../../queries/views.ts';

/** Details parameters that take one value of a dimension (fund types are at most 3 digits: the prefix is the code). */
const SINGLE: Record<string, string> = { exp_func_class: 'func', exp_func_item: 'funcItem', eco_class: 'eco', eco_item: 'ecoItem', fund_type_code: 'fund' };

/** Dimensions a cell's path may fix that the org parameters above already express (or that need none). */
const PLACED = new Set(['fiscal_year', 'mof_div_code', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code']);

/** The `GET /api/details` query behind one pivot cell, or why a cell cannot be drilled through. */
export type DrillTarget = { ok: true; kind: 'payments' | 'indicators'; params: Record<string, string> } | { ok: false; reason: string };

/**
 * Maps a pivot cell (its row and column paths) and the view's filters to drill-through parameters: regions by level
 * (`org`, or `own` for a 本级 row), units and departments as (region, code) pairs, classifications, fund type, month and
 * month ranges. Only the execution cube has vouchers; a filter the details API cannot express refuses the drill rather
 * than show vouchers of a different set.
 */
export function drillTarget(view: ViewDefinition, rowPath: readonly DimValue[], colPath: readonly DimValue[], metric: string, asOf: string): DrillTarget {
  if (view.cube !== 'execution') return { ok: false, reason: '只有预算执行数据可以穿透到凭证' };
  const kind = metric === 'budget' ? 'indicators' : 'payments';
  const params: Record<string, string> = { asOf: effectiveAsOf(view.asOf, asOf) };
  const fixed = new Map<string, DimValue>();
  view.rows.slice(0, rowPath.length).forEach((d, i) => fixed.set(d, rowPath[i]));
  view.columns.slice(0, colPath.length).forEach((d, i) => fixed.set(d, colPath[i]));
  let deepestLevel = 0;
  let deepestCode: string | null = null;
  let ownOf: string | null = null;
  for (const [lvl, d] of ['lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code'].entries()) {
    if (!fixed.has(d)) continue;
    const v = fixed.get(d);
    if (v === null) {
      // 本级: the own units of the level above, which must be fixed too.
      if (deepestLevel !== lvl) return { ok: false, reason: '本级行需要同时选择上一级区划' };
      ownOf = deepestCode;
    } else {
      deepestLevel = lvl + 1;
      deepestCode = String(v);
    }
  }
  if (ownOf) params.own = ownOf;
  else if (deepestCode) params.org = deepestCode;
  const mof = fixed.get('mof_div_code');
  if (mof !== undefined && mof !== null) {
    delete params.org;
    params.own = String(mof);
  }
  for (const [d, v] of fixed) {
    if (v === null && !d.startsWith('lvl')) return { ok: false, reason: '空值无法穿透' };
    const s = String(v);
    if (d === 'agency_code' || d === 'dept_code') {
      if (mof === undefined || mof === null) return { ok: false, reason: '按单位或部门穿透需要同时选择财政区划' };
      params[d === 'agency_code' ? 'agency' : 'dept'] = `${mof}:${s}`;
    } else if (SINGLE[d] || d === 'month') params[SINGLE[d] ?? 'month'] = s;
    else if (!PLACED.has(d)) return { ok: false, reason: `无法按 ${d} 穿透` };
  }
  for (const f of view.filters) {
    if (f.dimension === 'org' && f.op === 'subtree' && f.level === undefined) {
      if (!params.org && !params.own) params.org = f.value;
    } else if (f.dimension === 'month' && f.op === 'between') {
      params.monthFrom = String(f.from);
      params.monthTo = String(f.to);
    } else if (f.dimension === 'fund_type_code' && f.op === 'prefix' && !params.fund) params.fund = f.value;
    else if (f.dimension === 'eco_item' && f.op === 'in' && !params.ecoItem) params.ecoItems = f.values.join(',');
    else if (f.dimension === 'exp_func_item' && f.op === 'in' && !params.funcItem) params.funcItems = f.values.join(',');
    else if (f.op === 'in' && f.values.length === 1 && !fixed.has(f.dimension) && SINGLE[f.dimension] && !params[SINGLE[f.dimension]]) params[SINGLE[f.dimension]] = String(f.values[0]);
    else if (fixed.has(f.dimension) && f.op === 'in' && f.values.map(String).includes(String(fixed.get(f.dimension)))) continue;
    else return { ok: false, reason: '视图的筛选条件无法在明细中表达' };
  }
  return { ok: true, kind, params };
}
