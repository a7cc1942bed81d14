import type { Panel } from '../../../dashboards/define.ts';
import type { SliceRequest } from '../../../queries/slice.ts';
import { monthKey, yearOf } from '../../../queries/time.ts';
import type { LineSeries } from '../charts/line-option.ts';
import type { CodeNames } from '../data/codes.ts';
import type { Lang } from '../i18n/lang.ts';
import { pick } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Category } from './categories.ts';
import { monthLabel, valueLabel } from './labels.ts';
import { readMetric, readText, type MetricValue, type Row } from './metric-value.ts';
import type { PanelSlice } from './slices.ts';

export interface LineModel {
  /** Month labels of the x axis. */
  x: string[];
  /** One category per month (for clicks and drill-through), with the month's figures of the slice. */
  cats: Category[];
  series: LineSeries[];
  empty: boolean;
}

/**
 * The x axis and the lines of a month panel. A cube dated by the as-of date spans the twelve months of its fiscal
 * year (months after the as-of date stay empty); an undated one (warning snapshots) spans the months it has.
 * 序时进度 is drawn as the reference line, the previous year's curve as the comparison line.
 */
export function lineModel(
  panel: Extract<Panel, { kind: 'line' }>,
  slices: { main: PanelSlice; previous?: SliceRequest },
  rows: { main: readonly Row[]; previous?: readonly Row[] },
  ctx: { lang: Lang; codes?: CodeNames; t: (k: MessageKey, v?: Record<string, string | number>) => string },
): LineModel {
  const dated = panel.cube.asOfFilter === undefined || panel.cube.asOfFilter === true;
  const asOf = slices.main.request.asOf;
  const year = yearOf(asOf);
  const monthOf = (r: Row) => Number(r.month);
  const keys = dated
    ? Array.from({ length: 12 }, (_, i) => year * 100 + i + 1)
    : [...new Set(rows.main.map(monthOf))].sort((a, b) => a - b);
  const x = keys.map((k) => monthLabel(k, ctx.lang, !dated));
  const metrics = slices.main.metrics;
  const series: LineSeries[] = [];
  const byMonth = (rs: readonly Row[], metricId: string, format: Parameters<typeof readMetric>[2], where: (r: Row) => boolean = () => true, shift = 0): MetricValue[] => {
    const m = new Map<number, MetricValue>();
    for (const r of rs) if (where(r)) m.set(monthOf(r) + shift, readMetric(r, metricId, format));
    return keys.map((k) => (m.has(k) ? m.get(k)! : null));
  };
  if (panel.series) {
    const dim = panel.series.id;
    const values = [...new Set(rows.main.map((r) => readText(r, dim)))].sort((a, b) => String(a).localeCompare(String(b)));
    const m0 = panel.metrics[0];
    for (const v of values) series.push({ name: valueLabel(dim, v, { lang: ctx.lang, codes: ctx.codes }), format: m0.format, role: 'series', values: byMonth(rows.main, m0.id, m0.format, (r) => readText(r, dim) === v) });
  } else {
    panel.metrics.forEach((m, i) => {
      const role = m.id === 'time_progress' ? 'reference' : i === 0 ? 'main' : 'series';
      const name = role === 'main' && panel.cumulative ? ctx.t('line.cumulative', { year, name: pick(m.label, ctx.lang) }) : pick(m.label, ctx.lang);
      series.push({ name, format: m.format, role, values: byMonth(rows.main, m.id, m.format) });
    });
    if (rows.previous?.length) {
      const m0 = panel.metrics[0];
      // Last year's months drawn on this year's: yyyymm + 100.
      series.push({ name: ctx.t('line.previous', { year: year - 1, name: pick(m0.label, ctx.lang) }), format: m0.format, role: 'previous', values: byMonth(rows.previous, m0.id, m0.format, () => true, 100) });
    }
  }
  const last = monthKey(asOf);
  const cats: Category[] = keys.map((k, i) => {
    const row = rows.main.find((r) => monthOf(r) === k);
    return {
      key: String(k),
      label: x[i],
      pick: { kind: 'value', dimension: 'month', value: String(k) },
      values: Object.fromEntries(metrics.map((m) => [m.id, row ? readMetric(row, m.id, m.format) : null])),
    };
  });
  const empty = dated ? !rows.main.some((r) => monthOf(r) <= last) : rows.main.length === 0;
  return { x, cats, series, empty };
}
