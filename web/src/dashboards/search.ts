import type { Dashboard, PageFilter } from '../../../dashboards/define.ts';
import type { MoneyUnit } from '../../../queries/format.ts';
import { ruleIds, severities } from '../../../queries/rules/define.ts';
import { effectiveAsOf, isIsoDate, monthEnd, monthKey, yearOf, type IsoDate } from '../../../queries/time.ts';
import type { CodeNames } from '../data/codes.ts';
import type { Region, RegionTree } from '../data/regions.ts';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { warningStatuses } from './labels.ts';

/**
 * A dashboard page's URL search params: every filter, the drill level (org, own, agency; func/eco down to 款), the
 * as-of date, the money unit and the language. All optional: absent means the default.
 */
export interface DashboardSearch {
  /** 9-digit mof_div_code; default the top region. */
  org?: string;
  /** `1`: only the org's own units (本级), as reached by clicking its 本级 bar. */
  own?: '1';
  /** A unit, `mof_div_code:agency_code` (the pair is the unit). */
  agency?: string;
  /** 资金性质 prefix, 1–3 digits. */
  fund?: string;
  /** 功能分类 类 (3 digits) and 款 (5 digits). */
  func?: string;
  funcItem?: string;
  /** 经济分类 类 (3 digits) and 款 (5 digits). */
  eco?: string;
  ecoItem?: string;
  /** A month of the fiscal year, yyyymm. */
  month?: string;
  rule?: string;
  severity?: string;
  status?: string;
  /** yyyy-mm-dd; default the data's as-of date. */
  asOf?: string;
  unit?: MoneyUnit;
  lang?: Lang;
}

export type SearchKey = keyof DashboardSearch;

const valid: Record<SearchKey, (s: string) => boolean> = {
  org: (s) => /^\d{9}$/.test(s),
  own: (s) => s === '1',
  agency: (s) => /^\d{9}:\d{6}$/.test(s),
  fund: (s) => /^[1-9]\d{0,2}$/.test(s),
  func: (s) => /^\d{3}$/.test(s),
  funcItem: (s) => /^\d{5}$/.test(s),
  eco: (s) => /^\d{3}$/.test(s),
  ecoItem: (s) => /^\d{5}$/.test(s),
  month: (s) => /^\d{4}(0[1-9]|1[0-2])$/.test(s),
  rule: (s) => (ruleIds as readonly string[]).includes(s),
  severity: (s) => (severities as readonly string[]).includes(s),
  status: (s) => (warningStatuses as readonly string[]).includes(s),
  asOf: (s) => isIsoDate(s),
  unit: (s) => s === 'yuan' || s === 'wan' || s === 'yi',
  lang: (s) => s === 'zh' || s === 'en',
};

export const searchKeys = Object.keys(valid) as SearchKey[];

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/**
 * `validateSearch` of the dashboard route: never throws; a bad value becomes undefined (the default). Every key is
 * returned, undefined included, because the router merges the raw search under the validated one: a key left out
 * would let the raw, invalid value through.
 */
export function validateDashboardSearch(raw: Record<string, unknown>): DashboardSearch {
  const out = Object.fromEntries(searchKeys.map((k) => [k, undefined])) as DashboardSearch;
  for (const k of searchKeys) {
    const v = text(raw[k]);
    if (v !== undefined && valid[k](v)) (out as Record<string, string>)[k] = v;
  }
  const rejected = rejectedParams(raw);
  if (rejected.length) lastRejected = { key: searchKey(out), rejected };
  return out;
}

/**
 * The router writes the validated search back to the address bar, so the bad values of a link are gone from the URL
 * by the time the page draws: the last ones seen are kept here, for the state they led to.
 */
let lastRejected: { key: string; rejected: Array<{ key: SearchKey; value: string }> } | null = null;

const searchKey = (s: DashboardSearch) => JSON.stringify(searchKeys.map((k) => s[k] ?? null));

/** The params a link had that could not be used, while the page still shows the state that link led to. */
export function rejectedFor(search: DashboardSearch): Array<{ key: SearchKey; value: string }> {
  return lastRejected && lastRejected.key === searchKey(search) ? lastRejected.rejected : [];
}

/** Params of the raw URL that were present but invalid (each falls back to its default, with a notice). */
export function rejectedParams(raw: Record<string, unknown>): Array<{ key: SearchKey; value: string }> {
  const out: Array<{ key: SearchKey; value: string }> = [];
  for (const k of searchKeys) {
    if (raw[k] === undefined || raw[k] === null) continue;
    const v = text(raw[k]);
    if (v === undefined || !valid[k](v)) out.push({ key: k, value: String(raw[k]).slice(0, 40) });
  }
  return out;
}

/** Which URL params each page filter owns. */
const paramsOf: Record<PageFilter, SearchKey[]> = {
  org: ['org', 'own', 'agency'],
  fund: ['fund'],
  asOf: ['asOf'],
  func: ['func', 'funcItem'],
  eco: ['eco', 'ecoItem'],
  month: ['month'],
  rule: ['rule'],
  severity: ['severity'],
  status: ['status'],
};

const clickFilter: Record<string, PageFilter> = {
  filter_func: 'func',
  filter_eco: 'eco',
  filter_fund: 'fund',
  filter_month: 'month',
  filter_rule: 'rule',
  filter_severity: 'severity',
};

/** The page filters a dashboard takes: its declared controls plus those its panels set by clicking. */
export function dashboardFilters(d: Dashboard): Set<PageFilter> {
  const s = new Set<PageFilter>(d.filters);
  for (const p of d.panels) {
    const f = p.onClick ? clickFilter[p.onClick] : undefined;
    if (f) s.add(f);
  }
  return s;
}

/** A message for the user about a URL param that was not used. */
export interface Notice {
  key: MessageKey;
  vars: Record<string, string | number>;
}

/** The state a dashboard shows, with every default applied. */
export interface ResolvedView {
  org: Region;
  own: boolean;
  agency?: { mofDivCode: string; agencyCode: string };
  fund?: string;
  func?: string;
  funcItem?: string;
  eco?: string;
  ecoItem?: string;
  month?: number;
  rule?: string;
  severity?: string;
  status?: string;
  /** The date figures use: the earlier of the chosen date and the data's as-of date. */
  asOf: IsoDate;
  unit: MoneyUnit;
  lang: Lang;
  notices: Notice[];
}

const filterNames: Record<PageFilter, MessageKey> = {
  org: 'control.org',
  fund: 'filter.fund',
  asOf: 'control.asOf',
  func: 'filter.func',
  eco: 'filter.eco',
  month: 'filter.month',
  rule: 'filter.rule',
  severity: 'filter.severity',
  status: 'filter.status',
};

/**
 * Applies the defaults that depend on the loaded data and the dashboard: an unknown region falls back to the top, a
 * code not in the code lists, a month outside the period or a filter the dashboard does not take is dropped — each
 * with a notice. Returns null only when there is no region at all.
 */
export function resolveDashboardView(
  dash: Dashboard,
  search: DashboardSearch,
  data: { regions: RegionTree; dataAsOf: IsoDate; codes?: CodeNames; rejected?: Array<{ key: SearchKey; value: string }> },
): ResolvedView | null {
  const top = data.regions.top();
  if (!top) return null;
  const notices: Notice[] = (data.rejected ?? []).map((r) => ({ key: 'notice.badParam', vars: { key: r.key, value: r.value } }));
  const accepted = dashboardFilters(dash);
  const s: DashboardSearch = { ...search };
  for (const f of Object.keys(paramsOf) as PageFilter[]) {
    if (accepted.has(f)) continue;
    for (const k of paramsOf[f]) {
      if (s[k] !== undefined) {
        notices.push({ key: 'notice.unsupported', vars: { key: k, name: filterNames[f] } });
        delete s[k];
      }
    }
  }

  let org = top;
  let orgFromUrl = false;
  let agency: ResolvedView['agency'];
  if (s.agency) {
    const [mofDivCode, agencyCode] = s.agency.split(':');
    const home = data.regions.get(mofDivCode);
    if (!home) notices.push({ key: 'notice.unknownOrg', vars: { code: mofDivCode, top: data.regions.consolidatedLabel(top.code) } });
    else {
      if (s.org && s.org !== mofDivCode) notices.push({ key: 'notice.agencyOrg', vars: { agency: s.agency } });
      org = home;
      agency = { mofDivCode, agencyCode };
    }
  } else if (s.org) {
    const found = data.regions.get(s.org);
    if (found) {
      org = found;
      orgFromUrl = true;
    } else notices.push({ key: 'notice.unknownOrg', vars: { code: s.org, top: data.regions.consolidatedLabel(top.code) } });
  }
  // 本级 of a region without children is the region itself: nothing to narrow.
  const own = !agency && orgFromUrl && s.own === '1' && data.regions.children(org.code).length > 0;

  const asOf = effectiveAsOf(s.asOf, data.dataAsOf);
  const year = yearOf(asOf);
  const code = (list: 'exp_func' | 'dep_bgt_eco', v: string | undefined, name: MessageKey): string | undefined => {
    if (!v) return undefined;
    if (data.codes && data.codes.years.length && !data.codes.has(list, v)) {
      notices.push({ key: 'notice.unknownCode', vars: { name, code: v } });
      return undefined;
    }
    return v;
  };
  // A 款 implies its 类; a 款 of another 类 than the one chosen is dropped.
  let func = code('exp_func', s.func, 'filter.func');
  let funcItem = code('exp_func', s.funcItem, 'filter.funcItem');
  if (funcItem && func && !funcItem.startsWith(func)) funcItem = undefined;
  if (funcItem && !func) func = funcItem.slice(0, 3);
  let eco = code('dep_bgt_eco', s.eco, 'filter.eco');
  let ecoItem = code('dep_bgt_eco', s.ecoItem, 'filter.ecoItem');
  if (ecoItem && eco && !ecoItem.startsWith(eco)) ecoItem = undefined;
  if (ecoItem && !eco) eco = ecoItem.slice(0, 3);

  let month: number | undefined;
  if (s.month) {
    const m = Number(s.month);
    if (m >= year * 100 + 1 && m <= monthKey(asOf)) month = m;
    else notices.push({ key: 'notice.monthOutside', vars: { month: s.month } });
  }

  return {
    org,
    own,
    agency,
    fund: s.fund,
    func,
    funcItem,
    eco,
    ecoItem,
    month,
    rule: s.rule,
    severity: s.severity,
    status: s.status,
    asOf,
    unit: s.unit ?? 'wan',
    lang: s.lang ?? 'zh',
    notices,
  };
}

export interface AsOfOption {
  value: IsoDate;
  label: string;
  year: number;
}

/** Month ends of the data's fiscal years up to `dataAsOf` (which ends the list even mid-month), latest first. */
export function asOfOptions(dataAsOf: IsoDate, fiscalYears: readonly number[], lang: Lang = 'zh'): AsOfOption[] {
  const last = monthKey(dataAsOf);
  const years = fiscalYears.filter((y) => y <= yearOf(dataAsOf));
  const first = Math.min(...(years.length ? years : [yearOf(dataAsOf)])) * 100 + 1;
  const out: AsOfOption[] = [];
  for (let key = first; key <= last; key = key % 100 === 12 ? key + 89 : key + 1) {
    const end = monthEnd(key);
    const value = key === last ? dataAsOf : end;
    const y = Math.floor(key / 100);
    const m = key % 100;
    const label = lang === 'en' ? (value === end ? `${y}-${String(m).padStart(2, '0')}` : value) : value === end ? `${y}年${m}月` : `${y}年${m}月${Number(value.slice(8))}日`;
    out.push({ value, label, year: y });
  }
  return out.reverse();
}
