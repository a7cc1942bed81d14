import type { EChartsOption } from 'echarts';
import type { MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import type { Category } from '../dashboards/categories.ts';
import { axisValue, formatAxisTick, formatMetric, metricUnit } from '../dashboards/metric-value.ts';
import type { Lang } from '../i18n/lang.ts';
import { LABEL_GAP, labelHeight, widestLabel } from './axis-space.ts';
import { colors, fontFamily, lagColor, palette } from './theme.ts';
import { tooltipHtml } from './tooltip.ts';

/** A metric as a chart shows it. */
export interface SeriesSpec {
  id: string;
  name: string;
  format: MetricFormat;
}

export interface BarOptions {
  /** Metrics drawn as bars; a metric whose format differs from the first one's goes on a second axis. */
  series: readonly SeriesSpec[];
  /** A figure drawn as a dashed line across the bars (e.g. 序时进度), read from the first category. */
  reference?: SeriesSpec;
  /** Figures listed in the tooltip (default: the series and the reference). */
  tooltip?: readonly SeriesSpec[];
  /** Colour the first series by the R01 lag bands of this metric (进度偏差). */
  lagMetric?: string;
  unit: MoneyUnit;
  lang: Lang;
  /** Base font size in px (the page's rem), so the chart scales with the screen. */
  fontSize?: number;
  /** Bars shown at once before a scroll bar appears (default: as many as fit `height`, else 16). */
  maxVisible?: number;
  /** The chart box's height in px, when known: categories that would not fit scroll instead of overlapping. */
  height?: number;
  /** The hint shown in the tooltip of a clickable category, or null. */
  hint?: (c: Category) => string | null;
  /** The key of the category chosen as the page's filter (drawn in a darker tone). */
  selectedKey?: string;
  stacked?: boolean;
}

/**
 * How many categories fit a chart of `height` px without their labels overlapping: the plot area (less legend, axes
 * and margins) over a band of 1.25 font sizes per category, a little more per extra series.
 */
export function fittingBars(height: number, fontSize: number, series: number, twoAxes: boolean): number {
  const { top, bottom } = barMargins(fontSize, series, twoAxes);
  const band = fontSize * (1.25 + 0.35 * Math.max(0, series - 1));
  return Math.max(3, Math.floor((height - top - bottom) / band));
}

/**
 * A bar chart's room above and below its plot: the legend (with more than one series) and, for a second value axis, its
 * name and a line of its labels above; a line of the first axis's labels below.
 */
function barMargins(fs: number, series: number, twoAxes: boolean): { top: number; bottom: number } {
  return {
    top: fs * (series > 1 ? 2.2 : 1.2) + (twoAxes ? fs * 1.6 + labelHeight(fs * 0.8) + LABEL_GAP : 0),
    bottom: fs * 0.8 + labelHeight(fs * 0.8) + LABEL_GAP,
  };
}

const fmt = (s: SeriesSpec, v: Category['values'][string], unit: MoneyUnit, lang: Lang) => {
  const u = metricUnit(s.format, unit, lang);
  return `${formatMetric(v, s.format, unit)}${u ? (lang === 'en' ? ` ${u}` : u) : ''}`;
};

/**
 * Horizontal bars, one per category in the given order (the slice's sort), one series per metric. Values are the
 * slice's figures scaled for the axis only; labels and tooltips format the exact figures.
 */
export function barOption(cats: readonly Category[], opts: BarOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const primary = opts.series[0]?.format;
  const axisOf = (s: SeriesSpec) => (s.format === primary ? 0 : 1);
  const twoAxes = opts.series.some((s) => axisOf(s) === 1);
  const maxVisible = opts.maxVisible ?? (opts.height ? fittingBars(opts.height, fs, opts.series.length, twoAxes) : 16);
  const scroll = cats.length > maxVisible;
  const ref = opts.reference;
  const refValue = ref ? axisValue(cats[0]?.values[ref.id], ref.format, opts.unit) : null;
  const tipSpecs = opts.tooltip ?? [...opts.series, ...(ref ? [ref] : [])];
  const showLabels = opts.series.length <= 2 && !opts.stacked;
  const labels = cats.map((c) => c.label);

  const valueAxis = (format: MetricFormat, index: number) => ({
    type: 'value' as const,
    position: index === 0 ? ('bottom' as const) : ('top' as const),
    min: 0,
    // Rates are read against 0–100%; a rate above 100% extends the axis.
    max: format === 'percent1' ? (e: { max: number }) => Math.max(1, e.max) : undefined,
    axisLabel: { formatter: (v: number) => formatAxisTick(v, format), fontSize: fs * 0.8, color: colors.axis },
    splitLine: { show: index === 0, lineStyle: { color: colors.grid } },
    name: index === 1 ? metricUnit(format, opts.unit, opts.lang) : undefined,
  });

  return {
    animation: false,
    // Bars are coloured per item, so the legend takes each series' symbol from this list: the same palette, by series.
    color: [...palette],
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    legend: opts.series.length > 1 ? { top: 0, textStyle: { fontSize: fs * 0.8 }, itemWidth: fs * 1.2, itemHeight: fs * 0.7 } : undefined,
    // Margins with the axes' labels in them (axis-space.ts): the category names' width on the left (ECharts truncates
    // them at nine font sizes), a line of value labels below, and above when there is a second axis.
    grid: {
      left: fs * 0.5 + widestLabel(labels, fs * 0.85, fs * 9) + LABEL_GAP,
      right: fs * (scroll ? 4.5 : 3.5),
      ...barMargins(fs, opts.series.length, twoAxes),
      outerBoundsMode: 'none',
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontFamily, fontSize: fs * 0.9 },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const c = first?.dataIndex === undefined ? undefined : cats[first.dataIndex];
        if (!c) return '';
        return tooltipHtml(c.label, tipSpecs.map((s) => ({ label: s.name, value: fmt(s, c.values[s.id], opts.unit, opts.lang) })), opts.hint?.(c), opts.lang);
      },
    },
    xAxis: twoAxes ? [valueAxis(primary, 0), valueAxis(opts.series.find((s) => axisOf(s) === 1)!.format, 1)] : valueAxis(primary, 0),
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      // Every category named (ECharts would skip labels that crowd); the scroll bar keeps them apart.
      axisLabel: { fontSize: fs * 0.85, color: colors.text, width: fs * 9, overflow: 'truncate', interval: 0 },
    },
    dataZoom: scroll
      ? [
          { type: 'slider', yAxisIndex: 0, startValue: 0, endValue: maxVisible - 1, width: fs * 0.9, right: fs * 0.5, showDetail: false, brushSelect: false },
          { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: maxVisible - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true },
        ]
      : undefined,
    series: opts.series.map((s, i) => ({
      type: 'bar' as const,
      name: s.name,
      xAxisIndex: axisOf(s),
      stack: opts.stacked ? 'total' : undefined,
      barMaxWidth: fs * 1.4,
      data: cats.map((c) => {
        const base = c.pick.kind === 'own' && i === 0 ? colors.own : palette[i % palette.length];
        const lag = i === 0 && opts.lagMetric ? (c.values[opts.lagMetric] as number | null) : null;
        const color = c.key === opts.selectedKey ? colors.selected : lagColor(typeof lag === 'number' ? lag : null, base);
        return { value: axisValue(c.values[s.id], s.format, opts.unit), itemStyle: { color, borderRadius: [0, 3, 3, 0] } };
      }),
      label: showLabels
        ? {
            show: true,
            position: 'right' as const,
            fontSize: fs * 0.8,
            color: colors.text,
            // A halo keeps the figure readable where it crosses the reference line.
            textBorderColor: '#ffffff',
            textBorderWidth: Math.max(2, fs / 6),
            formatter: (p: { dataIndex: number }) => formatMetric(cats[p.dataIndex]?.values[s.id], s.format, opts.unit),
          }
        : undefined,
      markLine:
        i === 0 && ref && refValue !== null
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, color: colors.timeProgress, width: Math.max(1.5, fs / 8) },
              label: { formatter: `${ref.name} ${formatMetric(cats[0]?.values[ref.id], ref.format, opts.unit)}`, color: colors.timeProgress, fontSize: fs * 0.8, position: 'start' as const },
              data: [{ xAxis: refValue }],
            }
          : undefined,
    })),
  };
}
