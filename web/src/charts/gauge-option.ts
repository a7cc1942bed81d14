import type { EChartsOption } from 'echarts';
import { formatPercent } from '../../../queries/format.ts';
import { colors, fontFamily } from './theme.ts';

export interface GaugeOptions {
  name: string;
  /** A target ratio drawn as a mark on the dial (e.g. 序时进度), or null. */
  target?: { name: string; value: number | null };
  fontSize?: number;
}

/** A 0–100% dial of one ratio, with its target as a second, thin pointer. */
export function gaugeOption(value: number | null, opts: GaugeOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const max = Math.max(1, value ?? 0, opts.target?.value ?? 0);
  const dial = { min: 0, max, startAngle: 210, endAngle: -30, splitNumber: 4 };
  const series: Array<Record<string, unknown>> = [
    {
      type: 'gauge',
      name: opts.name,
      ...dial,
      progress: { show: true, width: fs * 0.9, itemStyle: { color: colors.bar } },
      axisLine: { lineStyle: { width: fs * 0.9, color: [[1, colors.grid]] } },
      axisTick: { show: false },
      splitLine: { length: fs * 0.5, lineStyle: { color: colors.axis } },
      axisLabel: { fontSize: fs * 0.7, color: colors.axis, formatter: (v: number) => formatPercent(v, 0) },
      pointer: { show: false },
      detail: { valueAnimation: false, fontSize: fs * 1.8, fontWeight: 700, offsetCenter: [0, '10%'], color: colors.text, formatter: () => formatPercent(value) },
      title: { offsetCenter: [0, '45%'], fontSize: fs * 0.85, color: colors.axis },
      data: [{ value: value ?? 0, name: opts.name }],
    },
  ];
  if (opts.target && opts.target.value !== null) {
    series.push({
      type: 'gauge',
      name: opts.target.name,
      ...dial,
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      pointer: { show: true, length: '78%', width: Math.max(2, fs / 6), itemStyle: { color: colors.timeProgress } },
      detail: { show: false },
      title: { show: false },
      data: [{ value: opts.target.value, name: opts.target.name }],
    });
  }
  return { animation: false, textStyle: { fontFamily, fontSize: fs }, series } as EChartsOption;
}
