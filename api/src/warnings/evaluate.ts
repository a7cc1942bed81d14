import { rules, type RuleDef } from '../../../queries/rules/index.ts';
import { businessDate, monthKey, postgres, render } from '../../../queries/index.ts';
import { ident } from '../../../queries/sql/ast.ts';
import { availableParallelism } from 'node:os';
import type { Db } from '../db/types.ts';
import { silentProgress, type Progress } from '../progress.ts';
import { loadHolidays, loadRuleSettings } from './settings.ts';

export interface RuleSummary {
  rule: string;
  years: number[];
  hits: number;
  bySeverity: Record<string, number>;
  added: number;
  resolved: number;
  ms: number;
  skipped?: string;
}

export interface EvaluationResult {
  asOf: string;
  persisted: boolean;
  rules: RuleSummary[];
  ms: number;
}

type Hit = {
  hit_key: string; severity: string; fiscal_year: number; mof_div_code: string; agency_code: string | null; entity_id: string;
  amount_fen: string | null; event_date: string | null; evidence: unknown; evidence_ids: string[] | null;
};

/**
 * Runs every (enabled) rule in PostgreSQL for `asOf`. Hits keep a stable identity (rule, hit_key): re-evaluation
 * updates them, a hit that no longer holds is marked resolved (never deleted), one that returns is reopened.
 * Evaluating a date earlier than the latest persisted one only reports (it does not rewrite today's warnings).
 */
export async function evaluateRules(
  db: Db,
  opts: {
    asOf: string; timeZone?: string; timeProgressBasis?: 'day' | 'month'; only?: string[]; progress?: Progress; clock?: () => Date; persist?: boolean;
    /** Rules evaluated at once on a server database (default: the machine's cores); the embedded engine runs one. */
    concurrency?: number;
  },
): Promise<EvaluationResult> {
  const progress = opts.progress ?? silentProgress;
  const clock = opts.clock ?? (() => new Date());
  const t0 = Date.now();
  const settings = await loadRuleSettings(db);
  const holidays = await loadHolidays(db);
  const [latest] = await db.query<{ as_of: string | null }>('SELECT max(as_of) AS as_of FROM rule_evaluation WHERE finished_at IS NOT NULL');
  const persist = opts.persist ?? (!latest?.as_of || opts.asOf >= latest.as_of);
  const selected = rules.filter((r) => !opts.only || opts.only.includes(r.id));
  const [{ id: evalId }] = persist
    ? await db.query<{ id: string }>('INSERT INTO rule_evaluation (as_of, started_at) VALUES ($1, $2) RETURNING id', [opts.asOf, clock().toISOString()])
    : [{ id: '' }];
  progress.start(`预警规则评估 ${opts.asOf}`, selected.length, 'rules');
  const evaluateOne = async (rule: RuleDef): Promise<RuleSummary> => {
    const s = settings.get(rule.id)!;
    const r0 = Date.now();
    const years = rule.years(opts.asOf);
    const summary: RuleSummary = { rule: rule.id, years, hits: 0, bySeverity: {}, added: 0, resolved: 0, ms: 0 };
    if (!s.enabled) summary.skipped = 'disabled';
    else if (years.length === 0) summary.skipped = 'not applicable at this date';
    const hits: Hit[] = [];
    if (!summary.skipped) {
      for (const year of years) {
        const q = render(rule.query({ asOf: opts.asOf, fiscalYear: year, thresholds: s.thresholds, holidays, timeZone: opts.timeZone ?? 'Asia/Shanghai', timeProgressBasis: opts.timeProgressBasis ?? 'day' }), postgres);
        // Enough memory for the rules' sorts and hashes to stay off disk. No JIT: compiling these one-off queries took
        // 2–12 s each at province scale and won nothing back. Pages read at random cost little more than in sequence
        // (the facts are in memory or on SSD), which lets R06 walk the payee index in its window's order instead of
        // sorting every payment of two years.
        const planner = Object.entries(rule.planner ?? {}).map(([k, v]) => `; SET LOCAL ${ident(k)} = ${v === 'on' ? 'on' : 'off'}`).join('');
        hits.push(...(await db.transaction(async (tx) => {
          await tx.exec(`SET LOCAL work_mem = '512MB'; SET LOCAL jit = off; SET LOCAL random_page_cost = 1.1${planner}`);
          return tx.query<Hit>(q.sql, q.params);
        })));
      }
    }
    summary.hits = hits.length;
    for (const h of hits) summary.bySeverity[h.severity] = (summary.bySeverity[h.severity] ?? 0) + 1;
    if (persist && !summary.skipped) Object.assign(summary, await persistHits(db, rule, years, hits, opts.asOf, clock()));
    summary.ms = Date.now() - r0;
    progress.tick();
    return summary;
  };
  // On the server, several rules at once on their own connections (each rule's hits are persisted as it finishes, in
  // its own transaction, touching only its own warnings), the slowest of the last evaluation first so that no long
  // rule starts last. The embedded engine has one backend: one rule after another.
  const concurrency = db.kind === 'embedded' ? 1 : Math.max(1, Math.floor(opts.concurrency ?? availableParallelism()));
  const lastMs = await previousRuleMs(db);
  const queue = [...selected].sort((a, b) => (lastMs.get(b.id) ?? Infinity) - (lastMs.get(a.id) ?? Infinity) || selected.indexOf(a) - selected.indexOf(b));
  const done = new Map<string, RuleSummary>();
  let failed = false;
  const worker = async () => {
    for (let rule = queue.shift(); rule && !failed; rule = queue.shift()) {
      try {
        done.set(rule.id, await evaluateOne(rule));
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(concurrency, selected.length) }, worker));
  const failure = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failure) throw failure.reason;
  const summaries = selected.map((r) => done.get(r.id)!);
  progress.done(summaries.map((x) => `${x.rule}=${x.skipped ? '—' : x.hits}`).join(' '));
  const result = { asOf: opts.asOf, persisted: persist, rules: summaries, ms: Date.now() - t0 };
  if (persist) {
    await snapshotMonth(db, clock(), opts.timeZone ?? 'Asia/Shanghai');
    await db.query('UPDATE rule_evaluation SET finished_at = $2, summary = $3 WHERE id = $1', [evalId, clock().toISOString(), JSON.stringify(result)]);
  }
  return result;
}

/** Each rule's time in the last finished evaluation (none before the first). */
async function previousRuleMs(db: Db): Promise<Map<string, number>> {
  const [last] = await db.query<{ summary: { rules?: Array<{ rule: string; ms: number; skipped?: string }> } | null }>(
    'SELECT summary FROM rule_evaluation WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1',
  );
  return new Map((last?.summary?.rules ?? []).filter((x) => !x.skipped && Number.isFinite(x.ms)).map((x) => [x.rule, x.ms]));
}

async function persistHits(db: Db, rule: RuleDef, years: number[], hits: Hit[], asOf: string, now: Date): Promise<{ added: number; resolved: number }> {
  return db.transaction(async (tx) => {
    let added = 0;
    const at = now.toISOString();
    for (let i = 0; i < hits.length; i += 500) {
      const chunk = hits.slice(i, i + 500);
      const values: unknown[] = [];
      const tuples = chunk.map((h) => {
        const b = values.length;
        values.push(rule.id, h.hit_key, h.severity, h.fiscal_year, h.mof_div_code, h.agency_code, rule.entityType, h.entity_id, h.amount_fen, h.event_date, JSON.stringify(h.evidence), textArray(h.evidence_ids ?? []), at, asOf);
        return `(${Array.from({ length: 14 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      const rows = await tx.query<{ inserted: boolean }>(
        `INSERT INTO warning (rule_id, hit_key, severity, fiscal_year, mof_div_code, agency_code, entity_type, entity_id, amount_fen, event_date, evidence, evidence_ids, first_seen_at, first_seen_as_of, last_seen_at, last_seen_as_of, status_changed_at)
         SELECT v.rule_id, v.hit_key, v.severity, v.fiscal_year::smallint, v.mof_div_code, v.agency_code, v.entity_type, v.entity_id, v.amount_fen::bigint, v.event_date::date, v.evidence::jsonb, v.evidence_ids::text[],
                v.at::timestamptz, v.as_of::date, v.at::timestamptz, v.as_of::date, v.at::timestamptz
           FROM (VALUES ${tuples.join(', ')}) AS v (rule_id, hit_key, severity, fiscal_year, mof_div_code, agency_code, entity_type, entity_id, amount_fen, event_date, evidence, evidence_ids, at, as_of)
         ON CONFLICT (rule_id, hit_key) DO UPDATE SET
           severity = EXCLUDED.severity, amount_fen = EXCLUDED.amount_fen, event_date = EXCLUDED.event_date, evidence = EXCLUDED.evidence,
           evidence_ids = EXCLUDED.evidence_ids, last_seen_at = EXCLUDED.last_seen_at, last_seen_as_of = EXCLUDED.last_seen_as_of,
           resolved_at = NULL, resolved_as_of = NULL
         RETURNING (xmax = 0) AS inserted`,
        values,
      );
      added += rows.filter((r) => r.inserted).length;
    }
    const resolved = await tx.query(
      `UPDATE warning SET resolved_at = $3, resolved_as_of = $4
        WHERE rule_id = $1 AND fiscal_year = ANY($2::smallint[]) AND resolved_at IS NULL AND NOT (hit_key = ANY($5::text[]))
        RETURNING warning_id`,
      [rule.id, `{${years.join(',')}}`, now.toISOString(), asOf, textArray(hits.map((h) => h.hit_key))],
    );
    return { added, resolved: resolved.length };
  });
}

/**
 * Records each warning's status (and whether it is resolved) for the current business month; the last write in a
 * month is the status at its end. `only` limits it to some warnings (after a status change).
 */
export async function snapshotMonth(db: Pick<Db, 'query'>, now: Date, timeZone: string, only?: string[]): Promise<void> {
  const month = monthKey(businessDate(now, timeZone));
  await db.query(
    `INSERT INTO warning_month_status (month, warning_id, status, resolved)
     SELECT $1, warning_id, status, resolved_at IS NOT NULL FROM warning ${only ? 'WHERE warning_id = ANY($2::bigint[])' : ''}
     ON CONFLICT (month, warning_id) DO UPDATE SET status = EXCLUDED.status, resolved = EXCLUDED.resolved`,
    only ? [month, `{${only.join(',')}}`] : [month],
  );
}

/** A PostgreSQL text[] literal (the same on pg and the embedded engine, whatever their array serializers do). */
function textArray(items: readonly string[]): string {
  return `{${items.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

