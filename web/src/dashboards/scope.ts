import type { PageFilter, Panel } from '../../../dashboards/define.ts';
import type { Cube } from '../../../queries/cubes/define.ts';
import { regionLevelColumn } from '../../../queries/dimensions.ts';
import type { SliceFilter } from '../../../queries/slice.ts';
import type { IsoDate } from '../../../queries/time.ts';
import type { RegionTree } from '../data/regions.ts';
import { previousYearEnd } from './compare.ts';
import type { ResolvedView } from './search.ts';

/** What every panel of a page is scoped by: the resolved URL state, with what the region tree knows about the org. */
export interface PageScope {
  org: { code: string; level: number; hasChildren: boolean };
  /** Only the org's own units (本级). */
  own: boolean;
  agency?: { mofDivCode: string; agencyCode: string };
  fund?: string;
  func?: string;
  funcItem?: string;
  eco?: string;
  ecoItem?: string;
  month?: number;
  rule?: string;
  severity?: string;
  status?: string;
  asOf: IsoDate;
  /** Whether the page has an as-of control (the warnings list then keeps to the as-of date's fiscal year). */
  datedPage: boolean;
}

export function scopeOf(view: ResolvedView, regions: RegionTree, datedPage: boolean): PageScope {
  const { org, own, agency, fund, func, funcItem, eco, ecoItem, month, rule, severity, status, asOf } = view;
  return {
    org: { code: org.code, level: org.level, hasChildren: regions.children(org.code).length > 0 && org.level < 4 },
    own,
    agency,
    fund,
    func,
    funcItem,
    eco,
    ecoItem,
    month,
    rule,
    severity,
    status,
    asOf,
    datedPage,
  };
}

/**
 * The filter a panel sets by clicking, which it does not follow itself (it highlights the choice instead): a month
 * line still shows every month, a rule bar every rule. 功能分类 and 经济分类 panels follow their 类 (they drill to its
 * 款) but not the 款; the fund pie follows the fund prefix (it drills a digit deeper).
 */
const selfIgnored: Record<string, Array<keyof PageScope>> = {
  filter_month: ['month'],
  filter_rule: ['rule'],
  filter_severity: ['severity'],
  filter_func: ['funcItem'],
  filter_eco: ['ecoItem'],
};

const has = (cube: Cube, dim: string) => cube.dimensions.some((d) => d.id === dim);

/** Whether the panel follows the page filter `f` (not ignored by declaration, and its cube has the dimension). */
export function follows(panel: Panel, f: PageFilter): boolean {
  if (panel.ignore?.includes(f)) return false;
  const dim: Record<PageFilter, string> = { org: 'mof_div_code', fund: 'fund_type_code', asOf: 'fiscal_year', func: 'exp_func_class', eco: 'eco_class', month: 'month', rule: 'rule_id', severity: 'severity', status: 'status' };
  return has(panel.cube, dim[f]);
}

/** The org part of every slice: the subtree, only its own units (本级), or one unit. */
export function orgFilters(scope: PageScope): SliceFilter[] {
  if (scope.agency) {
    return [
      { dimension: 'mof_div_code', op: 'eq', value: scope.agency.mofDivCode },
      { dimension: 'agency_code', op: 'eq', value: scope.agency.agencyCode },
    ];
  }
  const f: SliceFilter[] = [{ dimension: 'org', op: 'subtree', value: scope.org.code, level: scope.org.level }];
  if (scope.own && scope.org.level < 4) f.push({ dimension: regionLevelColumn(scope.org.level + 1), op: 'is_null' });
  return f;
}

/** The page's filters as the panel follows them, then the panel's own fixed filters. */
export function panelFilters(panel: Panel, scope: PageScope): SliceFilter[] {
  const skip = new Set(panel.onClick ? (selfIgnored[panel.onClick] ?? []) : []);
  const on = (f: PageFilter, key: keyof PageScope) => follows(panel, f) && !skip.has(key) && scope[key] !== undefined;
  const out: SliceFilter[] = follows(panel, 'org') ? orgFilters(scope) : [];
  if (on('fund', 'fund')) out.push({ dimension: 'fund_type_code', op: 'prefix', value: scope.fund! });
  if (on('func', 'func')) out.push({ dimension: 'exp_func_class', op: 'eq', value: scope.func! });
  if (on('func', 'funcItem') && has(panel.cube, 'exp_func_item')) out.push({ dimension: 'exp_func_item', op: 'eq', value: scope.funcItem! });
  if (on('eco', 'eco')) out.push({ dimension: 'eco_class', op: 'eq', value: scope.eco! });
  if (on('eco', 'ecoItem') && has(panel.cube, 'eco_item')) out.push({ dimension: 'eco_item', op: 'eq', value: scope.ecoItem! });
  if (on('month', 'month')) out.push({ dimension: 'month', op: 'eq', value: scope.month! });
  if (on('rule', 'rule')) out.push({ dimension: 'rule_id', op: 'eq', value: scope.rule! });
  if (on('severity', 'severity')) out.push({ dimension: 'severity', op: 'eq', value: scope.severity! });
  if (on('status', 'status')) out.push({ dimension: 'status', op: 'eq', value: scope.status! });
  return [...out, ...(panel.filters ?? [])];
}

/** Whether a page filter is in force for this panel (for the drill state of a classification panel). */
export function followed(panel: Panel, scope: PageScope, key: 'func' | 'eco' | 'fund'): string | undefined {
  const skip = panel.onClick ? (selfIgnored[panel.onClick] ?? []) : [];
  return follows(panel, key) && !skip.includes(key) ? scope[key] : undefined;
}

/** The as-of date of the panel's figures: the page's, or the end of the previous fiscal year. */
export function panelAsOf(panel: Panel, scope: PageScope): IsoDate {
  return panel.period === 'previous_year_end' ? previousYearEnd(scope.asOf) : scope.asOf;
}
