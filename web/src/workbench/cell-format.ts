import { formatMoney, formatPercent, roundHalfUp, type MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';

/** A cell's text: money in the chosen unit (half-up on integer fen), percentages, points, counts. */
export function formatCell(format: MetricFormat, v: unknown, unit: MoneyUnit): string {
  if (v === null || v === undefined) return '';
  switch (format) {
    case 'fen':
      return formatMoney(v as bigint | number | string, unit);
    case 'percent1':
      return formatPercent(Number(v));
    case 'pp1': {
      const n = Number(v);
      return Number.isFinite(n) ? roundHalfUp(n, 1).toFixed(1) : '—';
    }
    case 'count':
      return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    default:
      return Number.isFinite(Number(v)) ? roundHalfUp(Number(v), 1).toFixed(1) : '—';
  }
}

/**
 * Conditional formatting: lagging is red (进度偏差 below 0, strongly below −15 points, the R01 threshold), a negative
 * amount (returns exceed payments) is marked too.
 */
export function cellTone(metric: string, format: MetricFormat, v: unknown): '' | 'lag' | 'lag-strong' | 'negative' {
  if (v === null || v === undefined) return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return '';
  if (metric === 'progress_gap') return n <= -15 ? 'lag-strong' : n < 0 ? 'lag' : '';
  if (format === 'fen' && n < 0) return 'negative';
  return '';
}
