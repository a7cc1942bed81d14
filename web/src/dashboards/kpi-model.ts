import type { Metric } from '../../../queries/metrics/define.ts';
import { lagBands } from '../charts/theme.ts';
import { change, type Change } from './compare.ts';
import { readMetric, type MetricValue, type Row } from './metric-value.ts';

/** One KPI card: the figure, its 同比 and 环比 changes (when declared), and a warning tone. */
export interface KpiCard {
  metric: Metric;
  value: MetricValue;
  yoy?: Change;
  mom?: Change;
  tone?: 'warn' | 'alert';
}

/**
 * Cards from the KPI slice's single row and, when declared, the same slice at the 同比 and 环比 dates. A 进度偏差 past
 * the R01 bands (−15, −30 points) is toned. Null when the slice returned no row.
 */
export function kpiCards(metrics: readonly Metric[], main: readonly Row[], compare: { yoy?: readonly Row[]; mom?: readonly Row[] } = {}): KpiCard[] | null {
  const r = main[0];
  if (!r) return null;
  return metrics.map((m) => {
    const value = readMetric(r, m.id, m.format);
    const prev = (rows?: readonly Row[]) => (rows ? change(m.format, value, rows[0] ? readMetric(rows[0], m.id, m.format) : null) : undefined);
    const card: KpiCard = { metric: m, value, yoy: prev(compare.yoy), mom: prev(compare.mom) };
    if (m.id === 'progress_gap' && typeof value === 'number') card.tone = value <= lagBands.alert ? 'alert' : value <= lagBands.warn ? 'warn' : undefined;
    return card;
  });
}

/** The sum of the amounts of listed rows (integer fen as strings, as the API sends them), exactly. */
export function sumFen(items: ReadonlyArray<{ amountFen?: string | null }>): bigint {
  let s = 0n;
  for (const i of items) if (i.amountFen) s += BigInt(i.amountFen);
  return s;
}

/** Whether a table row is highlighted: its metric below the declared value (e.g. 进度偏差 below −15 points). */
export function isHighlighted(value: MetricValue | undefined, highlight: { below: number } | undefined): boolean {
  return Boolean(highlight) && value !== null && value !== undefined && Number(value) < highlight!.below;
}
