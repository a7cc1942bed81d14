import type { EChartsOption } from 'echarts';
import { formatPercent } from '../../../queries/format.ts';
import type { MonthPoint } from '../data/execution-rows.ts';
import { colors, escapeHtml, fontFamily } from './theme.ts';

export interface MonthlyProgressOptions {
  /** The fiscal year of `current`. */
  year: number;
  /** The previous fiscal year's cumulative rates, drawn as a comparison line when given. */
  previous?: readonly MonthPoint[];
  fontSize?: number;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** Values of `points` on the 12 months of the axis (null where the slice has no row). */
function byMonth(points: readonly MonthPoint[], pick: (p: MonthPoint) => number | null): Array<number | null> {
  const m = new Map(points.map((p) => [p.month % 100, pick(p)]));
  return MONTHS.map((mm) => m.get(mm) ?? null);
}

/**
 * Cumulative execution rate per month against 序时进度 (both from the slice), on a January–December axis, with the
 * previous year's cumulative rate for comparison.
 */
export function monthlyProgressOption(current: readonly MonthPoint[], opts: MonthlyProgressOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const line = (name: string, data: Array<number | null>, color: string, extra: Record<string, unknown> = {}) => ({
    type: 'line' as const,
    name,
    data,
    connectNulls: true,
    symbolSize: fs * 0.5,
    lineStyle: { width: Math.max(2, fs / 7), color },
    itemStyle: { color },
    ...extra,
  });
  const series = [
    line(`${opts.year}年累计执行率`, byMonth(current, (p) => p.executionRate), colors.bar, {
      label: { show: true, position: 'top', fontSize: fs * 0.75, color: colors.bar, textBorderColor: '#ffffff', textBorderWidth: Math.max(2, fs / 6), formatter: (p: { value?: unknown }) => formatPercent(typeof p.value === 'number' ? p.value : null) },
    }),
    line('序时进度', byMonth(current, (p) => p.timeProgress), colors.timeProgress, { lineStyle: { width: Math.max(2, fs / 7), color: colors.timeProgress, type: 'dashed' }, symbol: 'none' }),
  ];
  if (opts.previous?.length) {
    series.push(line(`${opts.year - 1}年累计执行率`, byMonth(opts.previous, (p) => p.executionRate), colors.previousYear, { symbol: 'none' }));
  }
  return {
    animation: false,
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    legend: { top: 0, textStyle: { fontSize: fs * 0.85 }, itemWidth: fs * 1.6, itemHeight: fs * 0.8 },
    grid: { left: fs, right: fs * 1.5, top: fs * 2.6, bottom: fs * 0.8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontFamily, fontSize: fs },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ axisValueLabel?: string; seriesName?: string; value?: unknown; marker?: string }>;
        const head = list[0]?.axisValueLabel ?? '';
        return [
          `<strong>${escapeHtml(head)}</strong>`,
          ...list.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}：${formatPercent(typeof p.value === 'number' ? p.value : null)}`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: MONTHS.map((m) => `${m}月`),
      axisLabel: { fontSize: fs * 0.85, color: colors.axis },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: (extent: { max: number }) => Math.max(1, extent.max),
      axisLabel: { formatter: (v: number) => formatPercent(v, 0), fontSize: fs * 0.85, color: colors.axis },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    series,
  };
}
