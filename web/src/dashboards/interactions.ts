import type { Panel } from '../../../dashboards/define.ts';
import type { SliceFilter } from '../../../queries/slice.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Pick } from './categories.ts';
import { followed, follows, panelAsOf, type PageScope } from './scope.ts';
import type { DashboardSearch } from './search.ts';

/** Every drill or filter param, so a drill can reset what lies below it. */
type Patch = Partial<Record<keyof DashboardSearch, string | undefined>>;

/**
 * What clicking a category does to the URL, per the panel's `onClick`: drill into a region (its 本级, a unit), or
 * set a page filter — clicking the chosen value again clears it. Null when the click does nothing.
 */
export function clickPatch(panel: Panel, pick: Pick, scope: PageScope): Patch | null {
  switch (panel.onClick) {
    case 'drill_org':
      if (pick.kind === 'child') return { org: pick.code, own: undefined, agency: undefined };
      if (pick.kind === 'own') return { org: pick.org, own: '1', agency: undefined };
      if (pick.kind === 'unit') return scope.agency ? null : { org: pick.mofDivCode, agency: `${pick.mofDivCode}:${pick.agencyCode}`, own: undefined };
      return null;
    case 'filter_func':
      if (pick.kind !== 'value') return null;
      if (pick.dimension === 'exp_func_class') return { func: pick.value === scope.func ? undefined : pick.value, funcItem: undefined };
      if (pick.dimension === 'exp_func_item') return { funcItem: pick.value === scope.funcItem ? undefined : pick.value };
      return null;
    case 'filter_eco':
      if (pick.kind !== 'value') return null;
      if (pick.dimension === 'eco_class') return { eco: pick.value === scope.eco ? undefined : pick.value, ecoItem: undefined };
      if (pick.dimension === 'eco_item') return { ecoItem: pick.value === scope.ecoItem ? undefined : pick.value };
      return null;
    case 'filter_fund':
      return pick.kind === 'value' && pick.dimension === 'fund_type_code' ? { fund: pick.value === scope.fund ? undefined : pick.value } : null;
    case 'filter_month':
      return pick.kind === 'value' && pick.dimension === 'month' ? { month: Number(pick.value) === scope.month ? undefined : pick.value } : null;
    case 'filter_rule':
      return pick.kind === 'value' && pick.dimension === 'rule_id' ? { rule: pick.value === scope.rule ? undefined : pick.value } : null;
    case 'filter_severity':
      return pick.kind === 'value' && pick.dimension === 'severity' ? { severity: pick.value === scope.severity ? undefined : pick.value } : null;
    default:
      return null;
  }
}

/** Whether a category is the page's current choice of the panel's click filter (drawn highlighted). */
export function isSelected(panel: Panel, pick: Pick, scope: PageScope): boolean {
  if (pick.kind !== 'value') return false;
  const chosen: Record<string, string | undefined> = {
    exp_func_class: scope.func,
    exp_func_item: scope.funcItem,
    eco_class: scope.eco,
    eco_item: scope.ecoItem,
    month: scope.month === undefined ? undefined : String(scope.month),
    rule_id: scope.rule,
    severity: scope.severity,
  };
  return panel.onClick?.startsWith('filter_') === true && chosen[pick.dimension] === pick.value;
}

/** The `GET /api/details` query behind a figure, or why there is none. */
export type DetailsTarget =
  | { ok: true; params: Record<string, string>; kind: 'payments' | 'indicators' }
  | { ok: false; reason: MessageKey; vars?: Record<string, string> };

const singleParam: Record<string, string> = { exp_func_class: 'func', exp_func_item: 'funcItem', eco_class: 'eco', eco_item: 'ecoItem' };

/** A list of 款 as the details API takes it (`funcItems`/`ecoItems`: comma-separated, at most 50). */
const listParam: Record<string, string> = { exp_func_item: 'funcItems', eco_item: 'ecoItems' };

function fixedFilterParam(f: SliceFilter): [string, string] | null {
  if (f.dimension === 'fund_type_code' && f.op === 'prefix') return ['fund', f.value];
  if (f.op === 'in' && listParam[f.dimension] && f.values.length > 1 && f.values.length <= 50) return [listParam[f.dimension], f.values.join(',')];
  const p = singleParam[f.dimension] ?? (f.dimension === 'month' ? 'month' : undefined);
  if (!p) return null;
  if (f.op === 'eq') return [p, String(f.value)];
  if (f.op === 'in' && f.values.length === 1) return [p, String(f.values[0])];
  return null;
}

/**
 * Drill-through (穿透) to the vouchers or indicators behind a figure of the execution cube: the page's filters as the
 * panel follows them, its fixed filters (a list of 款, as in 三公, included), and the clicked category (a month of a
 * cumulative line means up to it; a 本级 bar means the region's own units). What the details API cannot express is
 * reported rather than approximated.
 */
export function detailsTarget(panel: Panel, scope: PageScope, picks: readonly Pick[] = [], opts: { cumulative?: boolean } = {}): DetailsTarget {
  if (panel.cube.id !== 'execution') return { ok: false, reason: 'details.reason.cube' };
  const params: Record<string, string> = { asOf: panelAsOf(panel, scope) };
  // The org: the clicked region or unit, else the page's.
  const unit = picks.find((x) => x.kind === 'unit');
  const child = picks.find((x) => x.kind === 'child');
  const own = picks.find((x) => x.kind === 'own');
  if (unit?.kind === 'unit') params.agency = `${unit.mofDivCode}:${unit.agencyCode}`;
  else if (child?.kind === 'child') params.org = child.code;
  else if (own?.kind === 'own') params.own = own.org;
  else if (scope.agency) params.agency = `${scope.agency.mofDivCode}:${scope.agency.agencyCode}`;
  else if (scope.own) params.own = scope.org.code;
  else params.org = scope.org.code;

  const page = (key: 'fund' | 'func' | 'eco', f: 'fund' | 'func' | 'eco') => (follows(panel, f) ? followed(panel, scope, key) : undefined);
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined) params[k] = v;
  };
  set('fund', page('fund', 'fund'));
  set('func', page('func', 'func'));
  set('eco', page('eco', 'eco'));
  if (follows(panel, 'func') && panel.onClick !== 'filter_func') set('funcItem', scope.funcItem);
  if (follows(panel, 'eco') && panel.onClick !== 'filter_eco') set('ecoItem', scope.ecoItem);
  if (follows(panel, 'month') && panel.onClick !== 'filter_month' && scope.month !== undefined) set('month', String(scope.month));

  for (const f of panel.filters ?? []) {
    const kv = fixedFilterParam(f);
    if (!kv) {
      const what = 'values' in f ? `${f.dimension} ${f.op} ${f.values.join(',')}` : `${f.dimension} ${f.op}`;
      return { ok: false, reason: 'details.reason.filter', vars: { what } };
    }
    // A fixed fund prefix narrower or wider than the page's: the longer (narrower) one holds when they agree.
    if (kv[0] === 'fund' && params.fund && !(params.fund.startsWith(kv[1]) || kv[1].startsWith(params.fund))) return { ok: false, reason: 'details.reason.filter', vars: { what: 'fund' } };
    if (kv[0] === 'fund' && params.fund && params.fund.length > kv[1].length) continue;
    params[kv[0]] = kv[1];
  }

  for (const pick of picks) {
    if (pick.kind !== 'value') continue;
    const p = pick.dimension === 'fund_type_code' ? 'fund' : singleParam[pick.dimension];
    if (p) params[p] = pick.value;
    else if (pick.dimension === 'month') {
      if (opts.cumulative) params.monthTo = pick.value;
      else params.month = pick.value;
    } else return { ok: false, reason: 'details.reason.filter', vars: { what: pick.dimension } };
  }
  const first = 'metrics' in panel ? panel.metrics[0]?.id : 'metric' in panel ? panel.metric.id : undefined;
  return { ok: true, params, kind: first === 'budget' ? 'indicators' : 'payments' };
}

/** The `GET /api/warnings` filters behind a figure of the warnings cubes (the list drawer opens on them). */
export type WarningsTarget = { ok: true; params: Record<string, string> } | { ok: false; reason: MessageKey; vars?: Record<string, string> };

export function warningsTarget(panel: Panel, scope: PageScope, picks: readonly Pick[] = []): WarningsTarget {
  if (panel.cube.id !== 'warnings' && panel.cube.id !== 'warning_status') return { ok: false, reason: 'details.reason.cube' };
  const p: Record<string, string> = {};
  const unit = picks.find((x) => x.kind === 'unit');
  const child = picks.find((x) => x.kind === 'child');
  const own = picks.find((x) => x.kind === 'own');
  if (unit?.kind === 'unit') p.agency = `${unit.mofDivCode}:${unit.agencyCode}`;
  else if (child?.kind === 'child') p.org = child.code;
  else if (own?.kind === 'own') p.own = own.org;
  else if (scope.agency) p.agency = `${scope.agency.mofDivCode}:${scope.agency.agencyCode}`;
  else if (scope.own) p.own = scope.org.code;
  else p.org = scope.org.code;
  const skip = panel.onClick === 'filter_rule' ? 'rule' : panel.onClick === 'filter_severity' ? 'severity' : undefined;
  if (scope.rule && skip !== 'rule' && follows(panel, 'rule')) p.rule = scope.rule;
  if (scope.severity && skip !== 'severity' && follows(panel, 'severity')) p.severity = scope.severity;
  if (scope.status && follows(panel, 'status')) p.status = scope.status;
  for (const f of panel.filters ?? []) {
    const key = f.dimension === 'rule_id' ? 'rule' : f.dimension === 'severity' || f.dimension === 'status' ? f.dimension : undefined;
    if (key && f.op === 'eq') p[key] = String(f.value);
    else if (key && f.op === 'in') p[key] = f.values.join(',');
    else if (f.dimension === 'resolved' && f.op === 'eq') p.resolved = Number(f.value) === 1 ? 'true' : 'false';
    else return { ok: false, reason: 'details.reason.filter', vars: { what: f.dimension } };
  }
  for (const x of picks) {
    if (x.kind !== 'value') continue;
    const key = x.dimension === 'rule_id' ? 'rule' : x.dimension === 'severity' || x.dimension === 'status' ? x.dimension : undefined;
    if (!key) return { ok: false, reason: 'details.reason.filter', vars: { what: x.dimension } };
    p[key] = x.value;
  }
  if (scope.datedPage && !panel.ignore?.includes('asOf')) p.fiscalYear = scope.asOf.slice(0, 4);
  return { ok: true, params: p };
}
