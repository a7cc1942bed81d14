/**
 * Typed rows of the execution dashboard's slices. Each parser checks the types DuckDB returned (money as BIGINT fen,
 * ratios as DOUBLE) so a schema drift fails loudly in the panel instead of showing a wrong figure.
 */
import type { RegionTree } from './regions.ts';

/** A result row as DuckDB returns it (BIGINT as bigint). */
export type Row = Record<string, unknown>;

export interface KpiRow {
  budgetFen: bigint;
  paidFen: bigint;
  executionRate: number | null;
  timeProgress: number | null;
  progressGap: number | null;
}

/** One bar of the by-region chart: a child region, the org's 本级, or a unit. */
export interface RegionBar {
  /** Stable key: the region code, `own:<org>` for the 本级 row, `<mof_div_code>:<agency_code>` for a unit. */
  key: string;
  label: string;
  kind: 'child' | 'own' | 'unit';
  /** The region to drill into when the bar is clicked; null when there is nothing below. */
  drillTo: string | null;
  budgetFen: bigint;
  paidFen: bigint;
  executionRate: number | null;
  progressGap: number | null;
}

export interface MonthPoint {
  month: number;
  executionRate: number | null;
  timeProgress: number | null;
}

export interface UnitRow {
  mofDivCode: string;
  agencyCode: string;
  agencyName: string | null;
  regionName: string | null;
  budgetFen: bigint;
  paidFen: bigint;
  executionRate: number | null;
  progressGap: number | null;
}

export function fenOf(row: Row, key: string): bigint {
  const v = row[key];
  if (v === null || v === undefined) return 0n; // SUM over no rows
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new TypeError(`列 ${key} 应为整数分，实际为 ${typeof v}`);
}

export function ratioOf(row: Row, key: string): number | null {
  const v = row[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  throw new TypeError(`列 ${key} 应为数值，实际为 ${typeof v}`);
}

export function textOf(row: Row, key: string): string | null {
  const v = row[key];
  if (v === null || v === undefined) return null;
  return String(v);
}

export function toKpi(rows: Row[]): KpiRow | null {
  const r = rows[0];
  if (!r) return null;
  return {
    budgetFen: fenOf(r, 'budget'),
    paidFen: fenOf(r, 'paid'),
    executionRate: ratioOf(r, 'execution_rate'),
    timeProgress: ratioOf(r, 'time_progress'),
    progressGap: ratioOf(r, 'progress_gap'),
  };
}

/** Child-region rows (grouped on `levelColumn`) as bars; the null group is the org's 本级. */
export function toChildBars(rows: Row[], levelColumn: string, org: string, tree: RegionTree): RegionBar[] {
  return rows.map((r) => {
    const code = textOf(r, levelColumn);
    const figures = { budgetFen: fenOf(r, 'budget'), paidFen: fenOf(r, 'paid'), executionRate: ratioOf(r, 'execution_rate'), progressGap: ratioOf(r, 'progress_gap') };
    if (code === null) return { key: `own:${org}`, label: tree.ownLabel(org), kind: 'own', drillTo: null, ...figures };
    return { key: code, label: tree.get(code)?.name ?? code, kind: 'child', drillTo: tree.get(code) ? code : null, ...figures };
  });
}

/** Unit rows (grouped on mof_div_code, agency_code, with `agency_name` joined) as bars. */
export function toUnitBars(rows: Row[]): RegionBar[] {
  return rows.map((r) => {
    const u = toUnit(r);
    return {
      key: `${u.mofDivCode}:${u.agencyCode}`,
      label: u.agencyName ?? u.agencyCode,
      kind: 'unit',
      drillTo: null,
      budgetFen: u.budgetFen,
      paidFen: u.paidFen,
      executionRate: u.executionRate,
      progressGap: u.progressGap,
    };
  });
}

export function toMonthPoints(rows: Row[]): MonthPoint[] {
  return rows.map((r) => {
    const m = r.month;
    if (typeof m !== 'number') throw new TypeError(`列 month 应为 yyyymm 整数，实际为 ${typeof m}`);
    return { month: m, executionRate: ratioOf(r, 'execution_rate'), timeProgress: ratioOf(r, 'time_progress') };
  });
}

export function toUnit(r: Row): UnitRow {
  return {
    mofDivCode: textOf(r, 'mof_div_code') ?? '',
    agencyCode: textOf(r, 'agency_code') ?? '',
    agencyName: textOf(r, 'agency_name'),
    regionName: textOf(r, 'region_name'),
    budgetFen: fenOf(r, 'budget'),
    paidFen: fenOf(r, 'paid'),
    executionRate: ratioOf(r, 'execution_rate'),
    progressGap: ratioOf(r, 'progress_gap'),
  };
}
