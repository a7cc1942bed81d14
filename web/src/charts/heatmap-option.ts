import type { EChartsOption } from 'echarts';
import type { MoneyUnit } from '../../../queries/format.ts';
import { axisValue, formatMetric, type MetricValue } from '../dashboards/metric-value.ts';
import type { Lang } from '../i18n/lang.ts';
import type { SeriesSpec } from './bar-option.ts';
import { colors, fontFamily } from './theme.ts';
import { tooltipHtml } from './tooltip.ts';

export interface HeatmapMatrix {
  x: ReadonlyArray<{ key: string; label: string }>;
  y: ReadonlyArray<{ key: string; label: string }>;
  cells: ReadonlyArray<{ x: string; y: string; value: MetricValue }>;
}

export interface HeatmapOptions {
  metric: SeriesSpec;
  unit: MoneyUnit;
  lang: Lang;
  fontSize?: number;
  hint?: string | null;
  /** The chart box's height in px, when known: the row labels shrink to fit their rows. */
  height?: number;
}

/** A grid of x × y cells coloured by the metric, the exact figure written in each cell; empty cells stay blank. */
export function heatmapOption(m: HeatmapMatrix, opts: HeatmapOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const xi = new Map(m.x.map((c, i) => [c.key, i]));
  const yi = new Map(m.y.map((c, i) => [c.key, i]));
  const data = m.cells
    .filter((c) => xi.has(c.x) && yi.has(c.y))
    .map((c) => ({ value: [xi.get(c.x)!, yi.get(c.y)!, axisValue(c.value, opts.metric.format, opts.unit) ?? 0] as [number, number, number], raw: c.value }));
  const max = Math.max(1, ...data.map((d) => d.value[2]));
  // Row labels no taller than their rows (the plot is the box less the x axis and the colour scale).
  const rowFont = opts.height && m.y.length ? Math.max(8, Math.min(fs * 0.75, ((opts.height - fs * 5.5) / m.y.length) * 0.8)) : fs * 0.75;
  return {
    animation: false,
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    grid: { left: fs * 0.5, right: fs * 0.5, top: fs * 0.6, bottom: fs * 3.2, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontFamily, fontSize: fs * 0.9 },
      formatter: (p: unknown) => {
        const d = data[(p as { dataIndex: number }).dataIndex];
        if (!d) return '';
        return tooltipHtml(`${m.x[d.value[0]].label} · ${m.y[d.value[1]].label}`, [{ label: opts.metric.name, value: formatMetric(d.raw, opts.metric.format, opts.unit) }], opts.hint, opts.lang);
      },
    },
    xAxis: { type: 'category', data: m.x.map((c) => c.label), splitArea: { show: true }, axisLabel: { fontSize: fs * 0.75, color: colors.text, interval: 0, rotate: m.x.length > 6 ? 30 : 0, width: fs * 6, overflow: 'truncate' } },
    yAxis: { type: 'category', inverse: true, data: m.y.map((c) => c.label), splitArea: { show: true }, axisLabel: { fontSize: rowFont, color: colors.text, width: fs * 9, overflow: 'truncate', interval: 0 } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: fs * 6, itemWidth: fs * 0.7, textStyle: { fontSize: fs * 0.75 }, inRange: { color: ['#fff4e5', '#f7b267', '#d9363e'] } },
    series: [
      {
        type: 'heatmap',
        name: opts.metric.name,
        data: data.map((d) => d.value),
        label: { show: true, fontSize: rowFont, formatter: (p: { dataIndex: number }) => formatMetric(data[p.dataIndex]?.raw ?? null, opts.metric.format, opts.unit) },
        emphasis: { itemStyle: { borderColor: colors.selected, borderWidth: 1 } },
      },
    ],
  };
}
