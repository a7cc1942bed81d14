import type { EChartsOption } from 'echarts';
import { moneyValue, type MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { pathKey, type Pivot, type PivotRow } from '../../../queries/pivot.ts';
import type { ChartKind, ViewDefinition } from '../../../queries/views.ts';

/** What a chart builder needs besides the pivot: labels for paths and metrics, the money unit. */
export interface ChartInput {
  view: Pick<ViewDefinition, 'rows' | 'columns' | 'metrics'>;
  pivot: Pivot;
  metricLabel: (id: string) => string;
  metricFormat: (id: string) => MetricFormat;
  /** A row's or column's label (its last path element, named). */
  rowLabel: (row: PivotRow) => string;
  colLabel: (path: readonly unknown[]) => string;
  unit: MoneyUnit;
  /** At most this many categories are drawn (the largest first for pies and treemaps). */
  maxCategories?: number;
}

/** A metric value as a chart number: money in the unit, ratios as percentages, the rest as is. */
export function chartValue(format: MetricFormat, v: unknown, unit: MoneyUnit): number | null {
  if (v === null || v === undefined) return null;
  if (format === 'fen') return moneyValue(v as bigint | number | string, unit);
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  return format === 'percent1' ? Math.round(n * 10000) / 100 : n;
}

const TOTAL = pathKey([]);

/** The leaf rows (the deepest row level), or the grand total when the view has no rows. */
function leafRows(inp: ChartInput): PivotRow[] {
  const n = inp.view.rows.length;
  return inp.pivot.rows.filter((r) => r.level === n).slice(0, inp.maxCategories ?? 500);
}

function seriesOf(inp: ChartInput, rows: PivotRow[]) {
  const leafCols = inp.pivot.columns.filter((c) => c.level === inp.view.columns.length);
  const metrics = inp.view.columns.length ? inp.view.metrics.slice(0, 1) : inp.view.metrics;
  const out: Array<{ name: string; data: Array<number | null> }> = [];
  for (const c of leafCols)
    for (const m of metrics)
      out.push({
        name: inp.view.columns.length ? `${inp.colLabel(c.path)}${metrics.length > 1 ? ` ${inp.metricLabel(m)}` : ''}` : inp.metricLabel(m),
        data: rows.map((r) => chartValue(inp.metricFormat(m), r.cells.get(c.key)?.[m], inp.unit)),
      });
  return out;
}

/** Bars, stacked bars or lines: rows as categories, one series per column (first metric) or per metric. */
export function cartesianOption(inp: ChartInput, kind: 'bar' | 'stacked_bar' | 'line'): EChartsOption {
  const rows = leafRows(inp);
  const series = seriesOf(inp, rows);
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: rows.map(inp.rowLabel), axisLabel: { rotate: rows.length > 12 ? 45 : 0 } },
    yAxis: { type: 'value' },
    dataZoom: rows.length > 40 ? [{ type: 'slider', start: 0, end: Math.min(100, (40 / rows.length) * 100) }] : undefined,
    series: series.map((s) => ({ type: kind === 'line' ? 'line' : 'bar', name: s.name, data: s.data, stack: kind === 'stacked_bar' ? 'total' : undefined })),
  } as EChartsOption;
}

/** A pie of the first metric's row totals (the largest slices; negative and empty values left out). */
export function pieOption(inp: ChartInput): EChartsOption {
  const m = inp.view.metrics[0];
  const data = inp.pivot.rows
    .filter((r) => r.level === inp.view.rows.length && r.level > 0)
    .map((r) => ({ name: inp.rowLabel(r), value: chartValue(inp.metricFormat(m), r.cells.get(TOTAL)?.[m], inp.unit) ?? 0 }))
    .filter((d) => d.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, inp.maxCategories ?? 50);
  return { tooltip: { trigger: 'item' }, legend: { type: 'scroll', orient: 'vertical', right: 0 }, series: [{ type: 'pie', name: inp.metricLabel(m), radius: ['30%', '70%'], data }] } as EChartsOption;
}

/** A heat map: rows × leaf columns of the first metric. */
export function heatmapOption(inp: ChartInput): EChartsOption {
  const m = inp.view.metrics[0];
  const rows = leafRows(inp);
  const cols = inp.pivot.columns.filter((c) => c.level === inp.view.columns.length);
  const data: Array<[number, number, number | null]> = [];
  let lo = Infinity;
  let hi = -Infinity;
  rows.forEach((r, y) =>
    cols.forEach((c, x) => {
      const v = chartValue(inp.metricFormat(m), r.cells.get(c.key)?.[m], inp.unit);
      if (v !== null) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      data.push([x, y, v]);
    }),
  );
  return {
    tooltip: { position: 'top' },
    grid: { left: 120, right: 20, top: 20, bottom: 80 },
    xAxis: { type: 'category', data: cols.map((c) => inp.colLabel(c.path)), splitArea: { show: true } },
    yAxis: { type: 'category', data: rows.map(inp.rowLabel), splitArea: { show: true } },
    visualMap: { min: Number.isFinite(lo) ? lo : 0, max: Number.isFinite(hi) ? hi : 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fde0dd', '#c51b8a'] } },
    series: [{ type: 'heatmap', name: inp.metricLabel(m), data, label: { show: rows.length * cols.length <= 200 } }],
  } as EChartsOption;
}

interface TreeNode {
  name: string;
  value: number;
  children?: TreeNode[];
}

/** A treemap of the row hierarchy, sized by the first metric's row totals (positive values only). */
export function treemapOption(inp: ChartInput): EChartsOption {
  const m = inp.view.metrics[0];
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const r of inp.pivot.rows) {
    if (r.level === 0) continue;
    const node: TreeNode = { name: inp.rowLabel(r), value: Math.max(0, chartValue(inp.metricFormat(m), r.cells.get(TOTAL)?.[m], inp.unit) ?? 0) };
    nodes.set(r.key, node);
    const parent = r.level > 1 && r.parent ? nodes.get(r.parent) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return { tooltip: {}, series: [{ type: 'treemap', name: inp.metricLabel(m), data: roots, leafDepth: inp.view.rows.length > 1 ? 1 : undefined, roam: false, breadcrumb: { show: true } }] } as EChartsOption;
}

/** The option for a chart kind ('table' is not a chart). */
export function chartOption(kind: Exclude<ChartKind, 'table'>, inp: ChartInput): EChartsOption {
  switch (kind) {
    case 'bar':
    case 'stacked_bar':
    case 'line':
      return cartesianOption(inp, kind);
    case 'pie':
      return pieOption(inp);
    case 'heatmap':
      return heatmapOption(inp);
    case 'treemap':
      return treemapOption(inp);
  }
}
