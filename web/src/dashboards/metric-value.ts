import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { formatMoney, formatPercent, formatPoints, moneyUnits, moneyValue, roundHalfUp, type MoneyUnit } from '../../../queries/format.ts';
import type { Lang } from '../i18n/lang.ts';

/** A metric's value as DuckDB returns it: money and counts as BIGINT (bigint), ratios, points and hours as DOUBLE. */
export type MetricValue = bigint | number | null;

/** A result row as DuckDB returns it (BIGINT as bigint). */
export type Row = Record<string, unknown>;

const integral = (f: MetricFormat) => f === 'fen' || f === 'count';

/**
 * Reads a metric's column, checking the type DuckDB returned (money as integer fen, ratios as numbers), so a schema
 * drift fails loudly in its panel instead of showing a wrong figure. A missing sum is 0; a missing ratio is null.
 */
export function readMetric(row: Row, key: string, format: MetricFormat): MetricValue {
  const v = row[key];
  if (integral(format)) {
    if (v === null || v === undefined) return 0n;
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    throw new TypeError(`列 ${key} 应为整数，实际为 ${typeof v}`);
  }
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  throw new TypeError(`列 ${key} 应为数值，实际为 ${typeof v}`);
}

/** A text column (codes, names), null when missing. */
export function readText(row: Row, key: string): string | null {
  const v = row[key];
  return v === null || v === undefined ? null : String(v);
}

const thousands = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * A figure as shown: money in the chosen unit (rounded half-up on integer fen), ratios as percentages, points with
 * sign and no unit (the caller shows 个百分点 beside it), counts with separators, hours with one decimal.
 */
export function formatMetric(value: MetricValue | undefined, format: MetricFormat, unit: MoneyUnit): string {
  if (value === null || value === undefined) return '—';
  switch (format) {
    case 'fen':
      return formatMoney(typeof value === 'bigint' ? value : BigInt(Math.round(value)), unit);
    case 'count':
      return thousands(String(typeof value === 'bigint' ? value : Math.round(value)));
    case 'percent1':
      return formatPercent(Number(value));
    case 'pp1':
      return formatPoints(Number(value), 'zh').replace(/个百分点$/, '');
    case 'hours1':
      return Number.isFinite(Number(value)) ? roundHalfUp(Number(value), 1).toFixed(1) : '—';
  }
}

/** The unit written beside a figure of `format` (万元, 个百分点, 小时, …); '' for percentages. */
export function metricUnit(format: MetricFormat, unit: MoneyUnit, lang: Lang): string {
  switch (format) {
    case 'fen':
      return lang === 'en' ? moneyUnits[unit].en : moneyUnits[unit].zh;
    case 'pp1':
      return lang === 'en' ? 'pp' : '个百分点';
    case 'hours1':
      return lang === 'en' ? 'h' : '小时';
    case 'count':
      return lang === 'en' ? '' : '个';
    case 'percent1':
      return '';
  }
}

/** The value on a chart axis (money scaled to the unit, ratios as ratios); never used for a shown total. */
export function axisValue(value: MetricValue | undefined, format: MetricFormat, unit: MoneyUnit): number | null {
  if (value === null || value === undefined) return null;
  if (format === 'fen') return moneyValue(typeof value === 'bigint' ? value : BigInt(Math.round(value)), unit);
  return Number(value);
}

/** Axis tick labels by format: percentages without decimals, money and counts with separators. */
export function formatAxisTick(v: number, format: MetricFormat): string {
  if (format === 'percent1') return formatPercent(v, 0);
  if (format === 'pp1') return `${v > 0 ? '+' : ''}${v}`;
  return thousands(String(roundHalfUp(v, 2)));
}
