import type { Label } from '../labels.ts';
import type { Query } from '../sql/ast.ts';
import type { IsoDate, TimeProgressBasis } from '../time.ts';

export const ruleIds = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12'] as const;
export type RuleId = (typeof ruleIds)[number];
export type Severity = 'red' | 'orange' | 'yellow';
export const severities: readonly Severity[] = ['red', 'orange', 'yellow'];
export const severityLabels: Record<Severity, Label> = { red: { zh: '红色', en: 'Red' }, orange: { zh: '橙色', en: 'Orange' }, yellow: { zh: '黄色', en: 'Yellow' } };

export interface RuleThreshold<K extends string = string> {
  key: K;
  label: Label;
  unit: 'yuan' | 'pp' | 'ratio' | 'days' | 'hours' | 'count';
  default: number;
  min: number;
  max: number;
}

/** What a rule's query may depend on. */
export interface RuleContext {
  asOf: IsoDate;
  fiscalYear: number;
  thresholds: Record<string, number>;
  /** Holidays (yyyy-mm-dd) excluded from working time (R11). */
  holidays: IsoDate[];
  timeZone: string;
  timeProgressBasis: TimeProgressBasis;
}

/**
 * A risk rule as a declaration: names, the regulation or reason behind it, thresholds with defaults, severity logic,
 * when it is meaningful, and the query that finds its hits. The query returns one row per hit with the columns of
 * {@link hitColumns}.
 */
export interface RuleDef<K extends string = string> {
  id: RuleId;
  name: Label;
  description: Label;
  basis: Label;
  severityLogic: Label;
  /** What a hit is about: a unit, a payment, a group of payments, an indicator, a transfer, a project, a region. */
  entityType: 'unit' | 'payment' | 'payment_group' | 'payment_pair' | 'indicator' | 'transfer' | 'project' | 'region';
  thresholds: ReadonlyArray<RuleThreshold<K>>;
  window: Label;
  /** The fiscal years evaluated at `asOf` (empty when the rule is not meaningful yet). */
  years(asOf: IsoDate): number[];
  query(ctx: RuleContext): Query;
  /**
   * PostgreSQL planner settings for this rule's query (`SET LOCAL name = value`), for a plan the planner cannot find
   * from its estimates (it cannot see how few rows a window's filter keeps). Never changes the hits, only the plan.
   */
  planner?: Readonly<Record<string, 'on' | 'off'>>;
}

/** The columns every rule query returns. */
export const hitColumns = [
  'hit_key', 'severity', 'fiscal_year', 'mof_div_code', 'agency_code', 'entity_id', 'amount_fen', 'event_date', 'evidence', 'evidence_ids',
] as const;

export function defineRule<K extends string>(r: RuleDef<K>): RuleDef<K> {
  for (const t of r.thresholds) if (t.default < t.min || t.default > t.max) throw new Error(`${r.id}.${t.key}: default outside its range`);
  return r;
}
