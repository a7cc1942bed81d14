import type { EChartsOption } from 'echarts';
import { formatMoney, formatPercent, formatPoints, moneyUnits, type MoneyUnit } from '../../../queries/format.ts';
import type { RegionBar } from '../data/execution-rows.ts';
import { colors, escapeHtml, fontFamily, lagColor } from './theme.ts';

export interface RegionExecutionOptions {
  /** 序时进度 (ratio) drawn as a vertical mark line; null draws none. */
  timeProgress: number | null;
  unit: MoneyUnit;
  /** Base font size in px (the page's rem), so the chart scales with the screen. */
  fontSize?: number;
  /** Bars shown at once before a scroll bar appears. */
  maxVisible?: number;
}

/** Bars in display order: highest execution rate first, bars without a rate (no budget) last, then by label. */
export function sortRegionBars(rows: readonly RegionBar[]): RegionBar[] {
  return [...rows].sort((a, b) => {
    if (a.executionRate === null || b.executionRate === null) {
      if (a.executionRate !== b.executionRate) return a.executionRate === null ? 1 : -1;
    } else if (a.executionRate !== b.executionRate) return b.executionRate - a.executionRate;
    return a.label.localeCompare(b.label, 'zh-CN');
  });
}

/**
 * 执行率 by child region (or unit): horizontal bars sorted by execution rate, coloured by lag, with 序时进度 as a
 * dashed mark line. Values are the ratios from the slice; only labels are formatted here.
 */
export function regionExecutionOption(rows: readonly RegionBar[], opts: RegionExecutionOptions): EChartsOption {
  const bars = sortRegionBars(rows);
  const fs = opts.fontSize ?? 14;
  const maxVisible = opts.maxVisible ?? 16;
  const unitZh = moneyUnits[opts.unit].zh;
  const scroll = bars.length > maxVisible;
  const tp = opts.timeProgress;

  return {
    animation: false,
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    grid: { left: fs, right: fs * (scroll ? 4.5 : 3.5), top: fs * 2, bottom: fs * 1.5, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontFamily, fontSize: fs },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const bar = first?.dataIndex === undefined ? undefined : bars[first.dataIndex];
        return bar ? regionTooltip(bar, unitZh, opts.unit) : '';
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      // Rates are read against 0–100%; a rate above 100% (paid over budget) extends the axis.
      max: (extent: { max: number }) => Math.max(1, extent.max),
      axisLabel: { formatter: (v: number) => formatPercent(v, 0), fontSize: fs * 0.85, color: colors.axis },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: { fontSize: fs * 0.9, color: colors.text, width: fs * 9, overflow: 'truncate' },
    },
    dataZoom: scroll
      ? [
          { type: 'slider', yAxisIndex: 0, startValue: 0, endValue: maxVisible - 1, width: fs * 0.9, right: fs * 0.5, showDetail: false, brushSelect: false },
          { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: maxVisible - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true },
        ]
      : undefined,
    series: [
      {
        type: 'bar',
        name: '预算执行率',
        barMaxWidth: fs * 1.6,
        data: bars.map((b) => ({
          value: b.executionRate,
          itemStyle: { color: lagColor(b.progressGap, b.kind === 'own' ? colors.own : colors.bar), borderRadius: [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: fs * 0.85,
          color: colors.text,
          // A halo keeps the figure readable where it crosses the 序时进度 line (rates cluster near it).
          textBorderColor: '#ffffff',
          textBorderWidth: Math.max(2, fs / 6),
          formatter: (p: { value?: unknown }) => formatPercent(typeof p.value === 'number' ? p.value : null),
        },
        markLine:
          tp === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: colors.timeProgress, width: Math.max(1.5, fs / 8) },
                label: { formatter: `序时进度 ${formatPercent(tp)}`, color: colors.timeProgress, fontSize: fs * 0.85, position: 'start' },
                data: [{ xAxis: tp }],
              },
      },
    ],
  };
}

function regionTooltip(b: RegionBar, unitZh: string, unit: RegionExecutionOptions['unit']): string {
  const lines = [
    `<strong>${escapeHtml(b.label)}</strong>`,
    `预算执行率：${formatPercent(b.executionRate)}`,
    `进度偏差：${formatPoints(b.progressGap)}`,
    `预算数：${formatMoney(b.budgetFen, unit)} ${unitZh}`,
    `支出数：${formatMoney(b.paidFen, unit)} ${unitZh}`,
  ];
  // A class, not a style attribute: the CSP allows no inline styles in markup.
  if (b.drillTo) lines.push('<span class="tip-hint">点击查看下级</span>');
  return lines.join('<br/>');
}
