import type { SliceFilter } from '../../../queries/index.ts';
import type { Scope } from './scope.ts';

/**
 * A SQL condition limiting rows to a scope, for tables with `mof_div_code` and `agency_code` joined to `region_path`
 * as `rp`. Parameters are appended to `params`; rows without a unit (region-level facts) are outside department and
 * unit scopes.
 */
export function scopeCondition(scope: Scope, params: unknown[], t = 'w'): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (scope.kind === 'region') {
    const c = p(scope.mofDivCode);
    return `(rp.lvl1_code = ${c} OR rp.lvl2_code = ${c} OR rp.lvl3_code = ${c} OR rp.lvl4_code = ${c})`;
  }
  if (scope.kind === 'dept') return `(${t}.mof_div_code = ${p(scope.mofDivCode)} AND substr(${t}.agency_code, 1, 3) = ${p(scope.deptCode)})`;
  return `(${t}.mof_div_code = ${p(scope.mofDivCode)} AND ${t}.agency_code = ${p(scope.agencyCode)})`;
}

/** The same scope as slice filters over a cube's (or drill-through rows') dimension columns. */
export function scopeFilters(scope: Scope): SliceFilter[] {
  if (scope.kind === 'region') return [{ dimension: 'org', op: 'subtree', value: scope.mofDivCode }];
  if (scope.kind === 'dept') return [{ dimension: 'mof_div_code', op: 'eq', value: scope.mofDivCode }, { dimension: 'dept_code', op: 'eq', value: scope.deptCode }];
  return [{ dimension: 'mof_div_code', op: 'eq', value: scope.mofDivCode }, { dimension: 'agency_code', op: 'eq', value: scope.agencyCode }];
}
