import { roundHalfUp, type MoneyUnit } from '../../../queries/format.ts';
import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { lagBands } from '../charts/theme.ts';
import { formatMetric } from '../dashboards/metric-value.ts';

/** A cell's text, as the dashboards format figures (money in the chosen unit, half-up on integer fen); an empty cell is blank and points are unsigned, since the column header names the unit. */
export function formatCell(format: MetricFormat, v: unknown, unit: MoneyUnit): string {
  if (v === null || v === undefined) return '';
  const n = typeof v === 'bigint' ? v : Number(v);
  if (format === 'pp1') return Number.isFinite(n) ? roundHalfUp(Number(n), 1).toFixed(1) : '—';
  return formatMetric(n, format, unit);
}

/**
 * Conditional formatting: lagging is red (进度偏差 below 0, strongly at the R01 band the charts colour, lagBands.warn), a negative
 * amount (returns exceed payments) is marked too.
 */
export function cellTone(metric: string, format: MetricFormat, v: unknown): '' | 'lag' | 'lag-strong' | 'negative' {
  if (v === null || v === undefined) return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return '';
  if (metric === 'progress_gap') return n <= lagBands.warn ? 'lag-strong' : n < 0 ? 'lag' : '';
  if (format === 'fen' && n < 0) return 'negative';
  return '';
}
