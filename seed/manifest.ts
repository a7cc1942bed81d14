/** The seed manifest: what the generator planted, so that the rules engine can be checked against it. */

export type RuleId = 'R01' | 'R02' | 'R03' | 'R04' | 'R05' | 'R06' | 'R07' | 'R08' | 'R09' | 'R10' | 'R11' | 'R12';
export type Severity = 'red' | 'orange' | 'yellow';

/**
 * One planted violation or near-miss. `key` is the rule's stable identity of a hit: R01/R02/R03
 * `${fiscal_year}:${mof_div_code}:${agency_code}`, R04/R11 `pay_app_no`, R05
 * `${mof_div_code}:${agency_code}:${payee_acct_no}:${first pay_date}`, R06 `${pay_app_no_a}:${pay_app_no_b}` (sorted),
 * R07 `transfer_id`, R08/R10 `bgt_id`, R09 `${fiscal_year}:${pro_code}`, R12 `${fiscal_year}:${mof_div_code}`.
 */
export interface ManifestEntry {
  rule: RuleId;
  key: string;
  /** Set on violations; near-misses have none. */
  severity?: Severity;
  mofDivCode: string;
  agencyCode: string | null;
  fiscalYear: number;
  /** The figures: amounts as strings of 元, voucher numbers, dates, ratios. */
  evidence: Record<string, unknown>;
  note: string;
}

export type SeedScale = 'small' | 'bingtuan' | 'province' | 'none';

export interface SeedManifest {
  scale: SeedScale;
  seed: number;
  asOf: string;
  timeProgressBasis: 'day' | 'month';
  /** Rows per generated table. */
  counts: Record<string, number>;
  violations: ManifestEntry[];
  nearMisses: ManifestEntry[];
}

/** Collects entries; keeps violations and near-misses apart. */
export class EntrySink {
  readonly violations: ManifestEntry[] = [];
  readonly nearMisses: ManifestEntry[] = [];
  add(e: ManifestEntry): void {
    (e.severity ? this.violations : this.nearMisses).push(e);
  }
}
