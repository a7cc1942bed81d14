import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { formatPoints, roundHalfUp } from '../../../queries/format.ts';
import { addDays, daysInMonth, monthEnd, monthKey, parseIsoDate, type IsoDate } from '../../../queries/time.ts';
import type { MetricValue } from './metric-value.ts';

/** The as-of dates of 同比 (the same date a year earlier) and 环比 (the end of the previous month). */
export function compareDates(asOf: IsoDate): { yoy: IsoDate; mom: IsoDate } {
  const { y, m, day } = parseIsoDate(asOf);
  // 29 February compares with 28 February of a common year.
  const yoy = `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(day, daysInMonth(y - 1, m))).padStart(2, '0')}`;
  const key = monthKey(asOf);
  const prev = key % 100 === 1 ? key - 89 : key - 1;
  return { yoy, mom: monthEnd(prev) };
}

/** The day before the fiscal year of `asOf` began: the as-of date of a panel declared `previous_year_end`. */
export function previousYearEnd(asOf: IsoDate): IsoDate {
  return addDays(`${parseIsoDate(asOf).y}-01-01`, -1);
}

/**
 * A change against a comparison figure: amounts and counts as a growth rate (Δ ÷ |previous|), ratios and points as a
 * difference in percentage points. Null when either side is missing or the base is zero.
 */
export type Change = { kind: 'growth'; value: number | null } | { kind: 'points'; value: number | null };

export function change(format: MetricFormat, current: MetricValue, previous: MetricValue): Change {
  if (format === 'percent1' || format === 'pp1') {
    if (current === null || previous === null) return { kind: 'points', value: null };
    const scale = format === 'percent1' ? 100 : 1;
    return { kind: 'points', value: (Number(current) - Number(previous)) * scale };
  }
  if (current === null || previous === null) return { kind: 'growth', value: null };
  if (typeof current === 'bigint' && typeof previous === 'bigint') {
    if (previous === 0n) return { kind: 'growth', value: null };
    const abs = previous < 0n ? -previous : previous;
    return { kind: 'growth', value: Number(current - previous) / Number(abs) };
  }
  const p = Number(previous);
  if (p === 0) return { kind: 'growth', value: null };
  return { kind: 'growth', value: (Number(current) - p) / Math.abs(p) };
}

/** "+12.3%" for a growth rate, "+1.2个百分点" / "+1.2 pp" for a change in points, "—" when there is none. */
export function formatChange(c: Change, lang: 'zh' | 'en' = 'zh'): string {
  if (c.value === null || !Number.isFinite(c.value)) return '—';
  if (c.kind === 'points') return formatPoints(c.value, lang);
  const v = roundHalfUp(c.value * 100, 1);
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
}

/** Whether a change is up, down or flat at the shown precision (for the arrow and its colour). */
export function direction(c: Change): 'up' | 'down' | 'flat' | 'none' {
  if (c.value === null || !Number.isFinite(c.value)) return 'none';
  const v = roundHalfUp(c.kind === 'growth' ? c.value * 100 : c.value, 1);
  return v > 0 ? 'up' : v < 0 ? 'down' : 'flat';
}
