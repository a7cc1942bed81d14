import type { EChartsOption } from 'echarts';
import type { MoneyUnit } from '../../../queries/format.ts';
import type { Category } from '../dashboards/categories.ts';
import { axisValue, formatMetric, metricUnit } from '../dashboards/metric-value.ts';
import type { Lang } from '../i18n/lang.ts';
import type { SeriesSpec } from './bar-option.ts';
import { colors, fontFamily, palette, severityColors } from './theme.ts';
import { tooltipHtml } from './tooltip.ts';

export interface PieOptions {
  metric: SeriesSpec;
  unit: MoneyUnit;
  lang: Lang;
  fontSize?: number;
  selectedKey?: string;
  hint?: (c: Category) => string | null;
  /** Fixed colours by category key (e.g. severities); others take the palette in order. */
  colorsByKey?: Record<string, string>;
}

/**
 * A ring of the categories' shares of one additive metric. The share is ECharts' percent of the drawn values; the
 * figure in the label and tooltip is the exact one.
 */
export function pieOption(cats: readonly Category[], opts: PieOptions): EChartsOption {
  const fs = opts.fontSize ?? 14;
  const fixed = opts.colorsByKey ?? (cats.every((c) => c.key in severityColors) ? severityColors : {});
  const u = metricUnit(opts.metric.format, opts.unit, opts.lang);
  const fmt = (c: Category) => `${formatMetric(c.values[opts.metric.id], opts.metric.format, opts.unit)}${u ? (opts.lang === 'en' ? ` ${u}` : u) : ''}`;
  return {
    animation: false,
    textStyle: { fontFamily, fontSize: fs, color: colors.text },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: fs * 0.8 }, itemWidth: fs * 0.9, itemHeight: fs * 0.9 },
    tooltip: {
      trigger: 'item',
      confine: true,
      textStyle: { fontFamily, fontSize: fs * 0.9 },
      formatter: (p: unknown) => {
        const { dataIndex, percent } = p as { dataIndex: number; percent?: number };
        const c = cats[dataIndex];
        if (!c) return '';
        return tooltipHtml(c.label, [{ label: opts.metric.name, value: `${fmt(c)}（${(percent ?? 0).toFixed(1)}%）` }], opts.hint?.(c), opts.lang);
      },
    },
    series: [
      {
        type: 'pie',
        name: opts.metric.name,
        radius: ['38%', '68%'],
        center: ['38%', '52%'],
        avoidLabelOverlap: true,
        selectedMode: 'single',
        selectedOffset: fs * 0.6,
        label: { fontSize: fs * 0.78, formatter: '{d}%', color: colors.text },
        data: cats.map((c, i) => ({
          name: c.label,
          value: axisValue(c.values[opts.metric.id], opts.metric.format, opts.unit) ?? 0,
          selected: c.key === opts.selectedKey,
          itemStyle: { color: fixed[c.key] ?? palette[i % palette.length], borderColor: '#fff', borderWidth: 1 },
        })),
      },
    ],
  };
}
