import type { MoneyUnit } from '../../../queries/format.ts';
import { effectiveAsOf, isIsoDate, monthEnd, monthKey, yearOf, type IsoDate } from '../../../queries/time.ts';
import type { Region, RegionTree } from '../data/regions.ts';

/** The execution dashboard's URL search params; anything invalid is dropped so the default applies. */
export interface ExecutionSearch {
  /** 9-digit mof_div_code; default: the top region. */
  org?: string;
  /** Fund type prefix (资金性质), e.g. 1, 11, 3; default: all fund types. */
  fund?: string;
  /** yyyy-mm-dd; default: the data's as-of date. */
  asOf?: string;
  /** Money unit; default 万元. */
  unit?: MoneyUnit;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/**
 * `validateSearch` of the route: never throws; a bad value becomes undefined (the default). Every key is returned,
 * undefined included, because the router merges the raw search under the validated one: a key left out would let
 * the raw, invalid value through.
 */
export function validateExecutionSearch(raw: Record<string, unknown>): ExecutionSearch {
  const out: ExecutionSearch = { org: undefined, fund: undefined, asOf: undefined, unit: undefined };
  const org = text(raw.org);
  if (org && /^\d{9}$/.test(org)) out.org = org;
  const fund = text(raw.fund);
  if (fund && /^[1-9]\d{0,2}$/.test(fund)) out.fund = fund;
  const asOf = text(raw.asOf);
  if (asOf && isIsoDate(asOf)) out.asOf = asOf;
  const unit = text(raw.unit);
  if (unit === 'yuan' || unit === 'wan' || unit === 'yi') out.unit = unit;
  return out;
}

export interface ResolvedView {
  org: Region;
  fund?: string;
  /** The date figures use: the earlier of the chosen date and the data's as-of date. */
  asOf: IsoDate;
  unit: MoneyUnit;
  /** Why a param from the URL was not used, shown to the user. */
  notices: string[];
}

/** Applies the defaults that depend on the loaded data. Returns null only when there is no region at all. */
export function resolveView(search: ExecutionSearch, data: { regions: RegionTree; dataAsOf: IsoDate }): ResolvedView | null {
  const top = data.regions.top();
  if (!top) return null;
  const notices: string[] = [];
  let org = top;
  if (search.org) {
    const found = data.regions.get(search.org);
    if (found) org = found;
    else notices.push(`未找到财政区划 ${search.org}，已显示${data.regions.consolidatedLabel(top.code)}`);
  }
  return { org, fund: search.fund, asOf: effectiveAsOf(search.asOf, data.dataAsOf), unit: search.unit ?? 'wan', notices };
}

export interface AsOfOption {
  value: IsoDate;
  label: string;
  year: number;
}

/** Month ends of the data's fiscal years up to `dataAsOf` (which ends the list even mid-month), latest first. */
export function asOfOptions(dataAsOf: IsoDate, fiscalYears: readonly number[]): AsOfOption[] {
  const last = monthKey(dataAsOf);
  const years = fiscalYears.length ? fiscalYears : [yearOf(dataAsOf)];
  const first = Math.min(...years) * 100 + 1;
  const out: AsOfOption[] = [];
  for (let key = first; key <= last; key = key % 100 === 12 ? key + 89 : key + 1) {
    const end = monthEnd(key);
    const value = key === last ? dataAsOf : end;
    const y = Math.floor(key / 100);
    const m = key % 100;
    out.push({ value, label: value === end ? `${y}年${m}月` : `${y}年${m}月${Number(value.slice(8))}日`, year: y });
  }
  return out.reverse();
}
