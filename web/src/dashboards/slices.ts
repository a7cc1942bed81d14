import type { OrgGrouping, Panel } from '../../../dashboards/define.ts';
import type { Cube } from '../../../queries/cubes/define.ts';
import { regionLevelColumn, type Dimension, type RegionLevelColumn } from '../../../queries/dimensions.ts';
import type { Metric } from '../../../queries/metrics/define.ts';
import type { SliceRequest } from '../../../queries/slice.ts';
import { compareDates, previousYearEnd } from './compare.ts';
import { followed, panelAsOf, panelFilters, type PageScope } from './scope.ts';

/**
 * How a panel's categories are formed:
 * - `children`: the next region level's path column; the null group is the org's 本级, so rows add up to the 汇总;
 * - `units`: the pair (mof_div_code, agency_code) — a leaf region, 本级, one unit, or `by: 'units'`;
 * - `dim`: a dimension of the cube; a 功能分类 / 经济分类 类 panel shows the 款 of the chosen 类;
 * - `fund`: 资金性质 rolled up to one digit more than the chosen prefix (1 → 11, 12 …; 11 → 111, 112 …).
 */
export type Grouping =
  | { kind: 'children'; column: RegionLevelColumn; parent: string }
  | { kind: 'units' }
  | { kind: 'dim'; dimension: string; within?: { dimension: string; value: string } }
  | { kind: 'fund'; depth: number; within?: string };

export function grouping(by: OrgGrouping | Dimension, panel: Panel, scope: PageScope): Grouping {
  if (by === 'units') return { kind: 'units' };
  if (by === 'children') {
    if (scope.agency || scope.own || !scope.org.hasChildren) return { kind: 'units' };
    return { kind: 'children', column: regionLevelColumn(scope.org.level + 1), parent: scope.org.code };
  }
  const id = by.id;
  if (id === 'exp_func_class') {
    const func = followed(panel, scope, 'func');
    if (func) return { kind: 'dim', dimension: 'exp_func_item', within: { dimension: 'exp_func_class', value: func } };
  }
  if (id === 'eco_class') {
    const eco = followed(panel, scope, 'eco');
    if (eco) return { kind: 'dim', dimension: 'eco_item', within: { dimension: 'eco_class', value: eco } };
  }
  if (id === 'fund_type_code') {
    const fund = followed(panel, scope, 'fund');
    return { kind: 'fund', depth: Math.min(3, (fund?.length ?? 0) + 1), within: fund };
  }
  return { kind: 'dim', dimension: id };
}

/** The slice columns a grouping groups on. */
export function groupingDims(g: Grouping): string[] {
  switch (g.kind) {
    case 'children':
      return [g.column];
    case 'units':
      return ['mof_div_code', 'agency_code'];
    case 'dim':
      return [g.dimension];
    case 'fund':
      return ['fund_type_code'];
  }
}

/** Metrics fetched beside a panel's own for its tooltip and colours: the parts of a rate, and 进度偏差 for lag bands. */
const companions: Record<string, string[]> = {
  execution_rate: ['budget', 'paid', 'progress_gap'],
  handling_rate: ['handled_count', 'warning_count'],
  approval_hours: ['approved_count', 'pending_count'],
};

/** The panel's metrics, then its reference line, then companions its cube has — each once, in that order. */
export function sliceMetrics(cube: Cube, metrics: readonly Metric[], extra: readonly (Metric | undefined)[] = []): Metric[] {
  const out: Metric[] = [];
  const add = (m: Metric | undefined) => {
    if (m && !out.some((x) => x.id === m.id)) out.push(m);
  };
  metrics.forEach(add);
  extra.forEach(add);
  for (const m of metrics) for (const id of companions[m.id] ?? []) add(cube.metrics.find((x) => x.id === id));
  return out;
}

/** A panel's slice and what its rows mean. */
export interface PanelSlice {
  request: SliceRequest;
  grouping?: Grouping;
  /** Every metric the slice computes (panel metrics first). */
  metrics: Metric[];
  /** The slice's rows need unit and region names joined (units grouping). */
  names: boolean;
}

function base(panel: Panel, scope: PageScope, dims: string[], metrics: Metric[]): SliceRequest {
  return { dimensions: dims, metrics: metrics.map((m) => m.id), filters: panelFilters(panel, scope), asOf: panelAsOf(panel, scope) };
}

/** KPI cards: the 汇总 of the scope; 同比 and 环比 are the same slice at their dates (never arithmetic on dates of rows). */
export function kpiSlices(panel: Extract<Panel, { kind: 'kpi' }>, scope: PageScope): { main: PanelSlice; yoy?: SliceRequest; mom?: SliceRequest } {
  const metrics = sliceMetrics(panel.cube, panel.metrics);
  const request = base(panel, scope, [], metrics);
  const dates = compareDates(request.asOf);
  return {
    main: { request, metrics, names: false },
    yoy: panel.compare?.includes('yoy') ? { ...request, asOf: dates.yoy } : undefined,
    mom: panel.compare?.includes('mom') ? { ...request, asOf: dates.mom } : undefined,
  };
}

export function barSlice(panel: Extract<Panel, { kind: 'bar' }>, scope: PageScope): PanelSlice {
  const g = grouping(panel.by, panel, scope);
  const metrics = sliceMetrics(panel.cube, panel.metrics, [panel.referenceLine]);
  const request = base(panel, scope, groupingDims(g), metrics);
  const first = panel.metrics[0].id;
  if (panel.sort === 'value_desc') request.orderBy = [{ key: first, desc: true }];
  else if (panel.sort === 'value_asc') request.orderBy = [{ key: first }];
  // The fund roll-up happens after the slice, so it cannot be limited in SQL.
  if (panel.limit && g.kind !== 'fund') request.limit = panel.limit;
  return { request, grouping: g, metrics, names: g.kind === 'units' };
}

/** A line over months: cumulative when declared; the previous fiscal year's curve is the same slice at its year end. */
export function lineSlices(panel: Extract<Panel, { kind: 'line' }>, scope: PageScope): { main: PanelSlice; previous?: SliceRequest } {
  const dims = ['month', ...(panel.series ? [panel.series.id] : [])];
  const metrics = sliceMetrics(panel.cube, panel.metrics);
  const request: SliceRequest = { ...base(panel, scope, dims, metrics), orderBy: [{ key: 'month' }] };
  if (panel.cumulative) request.cumulative = true;
  const previous = panel.compareLastYear ? { ...request, asOf: previousYearEnd(request.asOf) } : undefined;
  return { main: { request, metrics, names: false }, previous };
}

export function pieSlice(panel: Extract<Panel, { kind: 'pie' }>, scope: PageScope): PanelSlice {
  const g = grouping(panel.by, panel, scope);
  const metrics = [panel.metric];
  const request = { ...base(panel, scope, groupingDims(g), metrics), orderBy: [{ key: panel.metric.id, desc: true }] };
  return { request, grouping: g, metrics, names: g.kind === 'units' };
}

export function heatmapSlice(panel: Extract<Panel, { kind: 'heatmap' }>, scope: PageScope): PanelSlice & { y: string } {
  const g = grouping(panel.x, panel, scope);
  const y = panel.y.id;
  const metrics = [panel.metric];
  return { request: base(panel, scope, [...groupingDims(g), y], metrics), grouping: g, metrics, names: g.kind === 'units', y };
}

export function gaugeSlice(panel: Extract<Panel, { kind: 'gauge' }>, scope: PageScope): PanelSlice {
  const metrics = sliceMetrics(panel.cube, [panel.metric], [panel.target]);
  return { request: base(panel, scope, [], metrics), metrics, names: false };
}

/** A table: one grouping per `by` entry, the declared condition, order and limit. */
export function tableSlice(panel: Extract<Panel, { kind: 'table' }>, scope: PageScope): PanelSlice & { groupings: Grouping[] } {
  const groupings = panel.by.map((b) => grouping(b, panel, scope));
  const dims = [...new Set(groupings.flatMap(groupingDims))];
  const metrics = sliceMetrics(panel.cube, panel.metrics);
  const request = base(panel, scope, dims, metrics);
  if (panel.where?.length) request.where = panel.where.map((w) => ({ metric: w.metric.id, op: w.op, value: w.value }));
  if (panel.orderBy) request.orderBy = [{ key: panel.orderBy.metric.id, desc: panel.orderBy.desc }];
  if (panel.limit) request.limit = panel.limit;
  return { request, grouping: groupings[0], groupings, metrics, names: groupings.some((g) => g.kind === 'units') };
}

/**
 * The warnings behind a warnings list, as a cube slice (for exports: the list itself is paged from the API): one row
 * per rule, severity, status and unit.
 */
export function warningsListSlice(panel: Extract<Panel, { kind: 'warnings_list' }>, scope: PageScope): PanelSlice {
  const metrics = panel.cube.metrics.filter((m) => m.id === 'warning_count' || m.id === 'warning_amount');
  const request = { ...base(panel, scope, ['rule_id', 'severity', 'status', 'mof_div_code', 'agency_code'], metrics), orderBy: [{ key: 'rule_id' }] };
  return { request, metrics, names: true };
}

/** The panel's main slice (what its export contains). */
export function mainSlice(panel: Panel, scope: PageScope): PanelSlice {
  switch (panel.kind) {
    case 'kpi':
      return kpiSlices(panel, scope).main;
    case 'bar':
      return barSlice(panel, scope);
    case 'line':
      return lineSlices(panel, scope).main;
    case 'pie':
      return pieSlice(panel, scope);
    case 'heatmap':
      return heatmapSlice(panel, scope);
    case 'gauge':
      return gaugeSlice(panel, scope);
    case 'table':
      return tableSlice(panel, scope);
    case 'warnings_list':
      return warningsListSlice(panel, scope);
  }
}
