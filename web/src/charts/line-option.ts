import type { EChartsOption } from 'echarts';
import type { MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { axisValue, formatAxisTick, formatMetric, metricUnit, type MetricValue } from '../dashboards/metric-value.ts';
import type { Lang } from '../i18n/lang.ts';
import { LABEL_GAP, labelHeight, textWidth, valueTickLabels, widestLabel } from './axis-space.ts';
import { colors, fontFamily, palette } from './theme.ts';
import { tooltipHtml } from './tooltip.ts';

/**
 * One line: `main` (the year's figure, labelled), `reference` (序时进度, dashed), `previous` (last year, grey) or a
 * plain `series` (one per value of a series dimension).
 */
export interface LineSeries {
  name: string;
  format: MetricFormat;
  role: 'main' | 'reference' | 'previous' | 'series';
  /** One value per x category (null where the slice has no row). */
  values: readonly MetricValue[];
  color?: string;
}

export interface LineOptions {
  unit: MoneyUnit;
  lang: Lang;
  fontSize?: number;
  /** The x index chosen as the page's month filter (marked with a band). */
  selectedIndex?: number;
  /** The tooltip's hint (e.g. 点击查看明细), or null. */
  hint?: string | null;
}

/** Values of `points` on `xKeys` (null where there is no point). */
export function alignTo<K>(xKeys: readonly K[], points: ReadonlyArray<{ key: K; value: MetricValue }>): MetricValue[] {
  const m = new Map(points.map((p) => [p.key, p.value]));
  return xKeys.map((k) => (m.has(k) ? m.get(k)! : null));
}

/** Lines over the x categories (months); figures from the slice, formatted only for labels and the tooltip. */
export function lineOption(x: readonly string[], series: readonly LineSeries[], opts: LineOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const primary = series[0]?.format ?? 'count';
  const axisOf = (s: LineSeries) => (s.format === primary ? 0 : 1);
  const twoAxes = series.some((s) => axisOf(s) === 1);
  let plain = 0;
  const colorOf = (s: LineSeries) =>
    s.color ?? (s.role === 'reference' ? colors.timeProgress : s.role === 'previous' ? colors.previousYear : s.role === 'main' ? colors.bar : palette[plain++ % palette.length]);
  const yAxis = (format: MetricFormat, index: number) => ({
    type: 'value' as const,
    min: 0,
    max: format === 'percent1' ? (e: { max: number }) => Math.max(1, e.max) : undefined,
    position: index === 0 ? ('left' as const) : ('right' as const),
    axisLabel: { formatter: (v: number) => formatAxisTick(v, format), fontSize: fs * 0.8, color: colors.axis },
    splitLine: { show: index === 0, lineStyle: { color: colors.grid } },
  });
  /** The widest tick label of axis `index`: its ticks run from 0 to the largest value drawn on it (100% at least for a rate). */
  const axisRoom = (index: number) => {
    const on = series.filter((s) => axisOf(s) === index);
    const format = on[0]?.format ?? primary;
    let max = format === 'percent1' ? 1 : 0;
    for (const s of on) for (const v of s.values) {
      const a = axisValue(v, s.format, opts.unit);
      if (typeof a === 'number' && a > max) max = a;
    }
    return widestLabel(valueTickLabels(max, format), fs * 0.8);
  };
  const edgeRoom = (label: string | undefined) => (label ? textWidth(label, fs * 0.8) / 2 + fs * 0.5 : 0);
  const fmt = (s: LineSeries, v: MetricValue) => {
    const u = metricUnit(s.format, opts.unit, opts.lang);
    return `${formatMetric(v, s.format, opts.unit)}${u ? (opts.lang === 'en' ? ` ${u}` : u) : ''}`;
  };
  return {
    animation: false,
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    legend: { top: 0, textStyle: { fontSize: fs * 0.8 }, itemWidth: fs * 1.4, itemHeight: fs * 0.7 },
    // Margins with the axes' labels in them (axis-space.ts): the value axis's widest tick on the left (and on the right
    // for a second axis), a line of month labels below. The first and last month's labels are centred on the plot's
    // edges (no boundary gap), so each side also has room for half of its label.
    grid: {
      left: Math.max(fs * 0.5 + axisRoom(0) + LABEL_GAP, edgeRoom(x[0])),
      right: Math.max(fs * 1.5 + (twoAxes ? axisRoom(1) + LABEL_GAP : 0), edgeRoom(x[x.length - 1])),
      top: fs * 2.4,
      bottom: fs * 0.6 + labelHeight(fs * 0.8) + LABEL_GAP,
      outerBoundsMode: 'none',
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      textStyle: { fontFamily, fontSize: fs * 0.9 },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ dataIndex?: number; seriesIndex?: number; marker?: string }>;
        const i = list[0]?.dataIndex;
        if (i === undefined) return '';
        const lines = list.map((p) => {
          const s = series[p.seriesIndex ?? 0];
          return { label: s.name, value: fmt(s, s.values[i] ?? null), marker: p.marker };
        });
        return tooltipHtml(x[i] ?? '', lines, opts.hint, opts.lang);
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: [...x],
      axisLabel: { fontSize: fs * 0.8, color: colors.axis },
    },
    yAxis: twoAxes ? [yAxis(primary, 0), yAxis(series.find((s) => axisOf(s) === 1)!.format, 1)] : yAxis(primary, 0),
    series: series.map((s, i) => {
      const color = colorOf(s);
      return {
        type: 'line' as const,
        name: s.name,
        yAxisIndex: axisOf(s),
        data: s.values.map((v) => axisValue(v, s.format, opts.unit)),
        connectNulls: true,
        symbol: s.role === 'reference' || s.role === 'previous' ? 'none' : 'circle',
        symbolSize: fs * 0.45,
        lineStyle: { width: Math.max(2, fs / 7), color, type: s.role === 'reference' ? ('dashed' as const) : ('solid' as const) },
        itemStyle: { color },
        label:
          s.role === 'main'
            ? {
                show: true,
                position: 'top' as const,
                fontSize: fs * 0.72,
                color,
                textBorderColor: '#ffffff',
                textBorderWidth: Math.max(2, fs / 6),
                formatter: (p: { dataIndex: number }) => formatMetric(s.values[p.dataIndex] ?? null, s.format, opts.unit),
              }
            : undefined,
        markArea:
          i === 0 && opts.selectedIndex !== undefined && x[opts.selectedIndex] !== undefined
            ? { silent: true, itemStyle: { color: 'rgba(11, 61, 145, 0.08)' }, data: [[{ xAxis: x[opts.selectedIndex] }, { xAxis: x[opts.selectedIndex] }]] }
            : undefined,
      };
    }),
  };
}
