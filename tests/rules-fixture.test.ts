// The risk rules R01–R12 on a hand-made fixture (tests/support/rule-fixtures.ts, where every expected hit is worked out
// by hand): exact hit keys and severities at each threshold and just inside it, when each rule applies, stable identity
// across re-evaluation and threshold changes, and resolution (never deletion) of hits that no longer hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { evaluateRules, type EvaluationResult, type RuleSummary } from '../api/src/warnings/evaluate.ts';
import { setHolidays, updateRuleSettings } from '../api/src/warnings/settings.ts';
import { ruleById } from '../queries/rules/index.ts';
import { openTestDb } from './support/db.ts';
import { AS_OF, D1, R01_MAY, insertPayment, loadR01MayFixture, loadRuleFixture, paid } from './support/rule-fixtures.ts';

let db: Db;
let first: EvaluationResult;

beforeAll(async () => {
  db = await openTestDb();
  await loadRuleFixture(db);
  first = await evaluateRules(db, { asOf: AS_OF });
});
afterAll(async () => {
  await db?.close();
});

type WarningRow = {
  warning_id: string; rule_id: string; hit_key: string; severity: string; amount_fen: string | null; evidence: Record<string, unknown>;
  evidence_ids: string[]; resolved_at: string | null; resolved_as_of: string | null; mof_div_code: string; agency_code: string | null;
};

/** Open warnings (resolved_at IS NULL) of one rule as { hit_key: severity }. */
async function open(rule: string): Promise<Record<string, string>> {
  const rows = await db.query<WarningRow>('SELECT hit_key, severity FROM warning WHERE rule_id = $1 AND resolved_at IS NULL ORDER BY hit_key', [rule]);
  return Object.fromEntries(rows.map((r) => [r.hit_key, r.severity]));
}
async function warning(rule: string, key: string): Promise<WarningRow> {
  const [row] = await db.query<WarningRow>('SELECT * FROM warning WHERE rule_id = $1 AND hit_key = $2', [rule, key]);
  expect(row?.hit_key, `${rule} ${key}`).toBe(key);
  return row;
}
/** Every warning row with the columns that must not move when nothing changed. */
async function snapshot() {
  const rows = await db.query<WarningRow>('SELECT * FROM warning ORDER BY warning_id');
  return rows.map((r) => ({
    id: String(r.warning_id), rule: r.rule_id, key: r.hit_key, severity: r.severity, amount: r.amount_fen === null ? null : String(r.amount_fen),
    evidence: r.evidence, ids: r.evidence_ids, resolved: r.resolved_at !== null,
  }));
}
const summary = (res: EvaluationResult, rule: string): RuleSummary => res.rules.find((s) => s.rule === rule)!;
const fen = (v: unknown) => Number(v);

// Expected open hits at 2026-10-31, by rule (see the section of each rule in the fixture for the arithmetic).
const EXPECTED: Record<string, Record<string, string>> = {
  R01: { [`2026:${D1}:201001`]: 'orange', [`2026:${D1}:201002`]: 'red', [`2026:${D1}:201004`]: 'orange', [`2026:${D1}:201006`]: 'red' },
  R02: { [`2025:${D1}:202002`]: 'orange', [`2025:${D1}:202003`]: 'orange', [`2025:${D1}:202004`]: 'red' },
  R03: { [`2026:${D1}:203002`]: 'red', [`2026:${D1}:203004`]: 'red' },
  R04: { 'R04-P1': 'orange', 'R04-P3': 'red', 'R04-P4': 'orange', 'R04-P8': 'orange' },
  R05: { [`${D1}:205001:S1:2026-03-02`]: 'orange', [`${D1}:205001:S3:2026-05-04`]: 'orange', [`${D1}:205001:S7:2026-02-20`]: 'orange' },
  R06: { 'R06-D01:R06-D02': 'red' },
  R07: { T02: 'orange', T03: 'red', T04: 'orange', T05: 'red', T06: 'red', T07: 'orange', T09: 'orange', T10: 'red' },
  R08: { 'R08-I1': 'orange', 'R08-I4': 'orange', 'R08-I5': 'orange' },
  R09: { '2026:PR-1': 'yellow', '2026:PR-6': 'yellow' },
  R10: { 'R10-I2': 'red', 'R10-I5': 'red', 'R10-I7': 'red' },
  R11: { 'R11-A02': 'yellow', 'R11-A04': 'yellow', 'R11-A05': 'yellow', 'R11-A07': 'yellow', 'R11-A08': 'yellow', 'R11-A09': 'yellow' },
  R12: { [`2026:${D1}`]: 'yellow', '2026:660300000': 'orange', '2026:660400000': 'red', '2026:660500000': 'red', '2026:660701000': 'yellow', '2026:660701100': 'orange' },
};

describe('each rule on its hand-made cases at 2026-10-31 (a Saturday; time progress 304/365)', () => {
  it('R01: gap exactly −15.0 pp orange, −30.0 red, one fen inside none; budget 99,999.99 never, 100,000.00 yes', async () => {
    expect(await open('R01')).toEqual(EXPECTED.R01);
    const a = await warning('R01', `2026:${D1}:201001`);
    expect(a.evidence).toMatchObject({ budget_fen: 36_500_000, paid_fen: 24_925_000, gap_pp: -15, execution_rate: 0.6829, time_progress: 0.8329 });
    const f = await warning('R01', `2026:${D1}:201006`);
    expect(f.evidence).toMatchObject({ budget_fen: 10_000_000, paid_fen: 0, gap_pp: -83.2877 });
  });

  it('R02: the closed year 2025 — 25 % none, 25.01 % orange, 40 % orange, 40.01 % red; 230 and pending excluded', async () => {
    expect(await open('R02')).toEqual(EXPECTED.R02);
    const d = await warning('R02', `2025:${D1}:202004`);
    expect(d.evidence).toMatchObject({ annual_paid_fen: 10_000_000, december_paid_fen: 4_001_000, december_share: 0.4001 });
    expect(fen(d.amount_fen)).toBe(4_001_000);
  });

  it('R03: 三公 paid = budget none, one fen over red; non-三公 款 and 单位资金 not counted; no budget at all red', async () => {
    expect(await open('R03')).toEqual(EXPECTED.R03);
    expect(fen((await warning('R03', `2026:${D1}:203002`)).amount_fen)).toBe(1);
    expect((await warning('R03', `2026:${D1}:203004`)).evidence).toMatchObject({ sangong_budget_fen: 0, sangong_paid_fen: 100_000, excess_fen: 100_000 });
  });

  it('R04: 50,000.00 orange, 49,999.99 none, 200,000.00 red, 199,999.99 orange; 301/303 never; pending counts; China as-of day', async () => {
    expect(await open('R04')).toEqual(EXPECTED.R04);
    expect(fen((await warning('R04', 'R04-P3')).amount_fen)).toBe(20_000_000);
  });

  it('R05: exactly 1,000,000.00 on the 30th day orange, 999,999.99 none, works at 1,200,000, 31 days apart none', async () => {
    expect(await open('R05')).toEqual(EXPECTED.R05);
    const s1 = await warning('R05', `${D1}:205001:S1:2026-03-02`);
    expect(fen(s1.amount_fen)).toBe(100_000_000);
    expect(s1.evidence_ids).toEqual(['R05-S1-1', 'R05-S1-2', 'R05-S1-3']);
    expect(s1.evidence).toMatchObject({ payments: 3, total_fen: 100_000_000, threshold_fen: 100_000_000, first_date: '2026-03-02', last_date: '2026-04-01' });
    const s3 = await warning('R05', `${D1}:205001:S3:2026-05-04`);
    expect(s3.evidence).toMatchObject({ total_fen: 120_000_000, threshold_fen: 120_000_000 });
    // S7: the first window that qualifies starts on 20 February and holds its three payments, not the one of 5 January.
    expect((await warning('R05', `${D1}:205001:S7:2026-02-20`)).evidence_ids).toEqual(['R05-S7-2', 'R05-S7-3', 'R05-S7-4']);
  });

  it('R06: 3 days apart red; 4 days, another unit with the same agency_code, 1 fen, another account, after as-of, pending: none', async () => {
    expect(await open('R06')).toEqual(EXPECTED.R06);
    const d = await warning('R06', 'R06-D01:R06-D02');
    expect(d.evidence).toMatchObject({ pay_amt_fen: 1_234_500, first_date: '2026-05-04', second_date: '2026-05-07' });
  });

  it('R07: allocated on day 30 none, day 31 orange, full on day 60 orange, day 61 red, open 61 days red, 60 orange', async () => {
    expect(await open('R07')).toEqual(EXPECTED.R07);
    expect((await warning('R07', 'T02')).evidence).toMatchObject({ allocated_by_deadline_fen: 60_000_000, fully_allocated_date: '2026-07-02', days_open: 31 });
    expect((await warning('R07', 'T03')).evidence).toMatchObject({ days_open: 152, fully_allocated_date: null });
    expect(fen((await warning('R07', 'T10')).amount_fen)).toBe(1);
  });

  it('R08: net 500,000.00 unpaid orange; reduced to 499,999.99 none; paid on 30 Sep none, on 1 Oct orange', async () => {
    expect(await open('R08')).toEqual(EXPECTED.R08);
    expect((await warning('R08', 'R08-I5')).evidence).toMatchObject({ net_fen: 50_000_000, line_fen: 40_000_000 });
  });

  it('R09: kind-3 projects with money and no goal, this year only', async () => {
    expect(await open('R09')).toEqual(EXPECTED.R09);
    expect(fen((await warning('R09', '2026:PR-6')).amount_fen)).toBe(1);
  });

  it('R10: rescued by a supplement none, beyond the net red, a return brings it back under none', async () => {
    expect(await open('R10')).toEqual(EXPECTED.R10);
    expect((await warning('R10', 'R10-I2')).evidence).toMatchObject({ net_fen: 40_000_000, line_fen: 30_000_000, paid_fen: 40_000_001, excess_fen: 1 });
    expect((await warning('R10', 'R10-I5')).evidence).toMatchObject({ net_fen: 25_000_000, excess_fen: 1_000_000 });
    expect((await warning('R10', 'R10-I7')).evidence).toMatchObject({ net_fen: 10_000_000, excess_fen: 2_000_000 });
  });

  it('R11: exactly 72 working hours none, 72 h 1 min yellow, weekends skipped, pending to the end of the as-of day', async () => {
    expect(await open('R11')).toEqual(EXPECTED.R11);
    const hours = async (no: string) => (await warning('R11', no)).evidence.working_hours;
    expect(await hours('R11-A02')).toBe(72.0167); // 72 + 1/60
    expect(await hours('R11-A04')).toBe(73);
    expect(await hours('R11-A05')).toBe(145);
    expect(await hours('R11-A07')).toBe(73);
    expect(await hours('R11-A08')).toBe(87);
    expect(await hours('R11-A09')).toBe(73);
    expect((await warning('R11', 'R11-A08')).evidence.pending).toBe(true);
  });

  it('R12: 120 % yellow, 119.99 % none, 200 % orange, 300 % red, balance > limit red, on consolidated subtrees', async () => {
    expect(await open('R12')).toEqual(EXPECTED.R12);
    expect((await warning('R12', `2026:${D1}`)).evidence).toMatchObject({ debt_ratio: 1.2 });
    expect((await warning('R12', '2026:660701000')).evidence).toMatchObject({ debt_balance_fen: 155_000_000, fiscal_capacity_fen: 110_000_000, debt_ratio: 1.4091 });
  });

  it('the first evaluation added every hit it found, resolved none, and reported the same counts by severity', () => {
    expect(first.persisted).toBe(true);
    for (const [rule, hits] of Object.entries(EXPECTED)) {
      const bySeverity: Record<string, number> = {};
      for (const s of Object.values(hits)) bySeverity[s] = (bySeverity[s] ?? 0) + 1;
      const s = summary(first, rule);
      expect({ rule, hits: s.hits, added: s.added, resolved: s.resolved, bySeverity: s.bySeverity, skipped: s.skipped })
        .toEqual({ rule, hits: Object.keys(hits).length, added: Object.keys(hits).length, resolved: 0, bySeverity, skipped: undefined });
    }
    expect(summary(first, 'R02').years).toEqual([2025]);
  });
});

describe('when each rule applies (earlier or other dates: reported, not persisted)', () => {
  it('R08 is not applicable at an as-of in September; from 1 October it finds the same three indicators', async () => {
    const before = await snapshot();
    const sep = summary(await evaluateRules(db, { asOf: '2026-09-30', only: ['R08'], persist: false }), 'R08');
    expect(sep).toMatchObject({ years: [], hits: 0, skipped: 'not applicable at this date' });
    // 1 Oct: I1 and I5 unpaid, I4 paid that very day (after 30 Sep) → 3 orange; I6 is issued only on 10 Nov.
    const oct = summary(await evaluateRules(db, { asOf: '2026-10-01', only: ['R08'], persist: false }), 'R08');
    expect(oct).toMatchObject({ years: [2026], hits: 3, bySeverity: { orange: 3 } });
    expect(await snapshot()).toEqual(before);
  });

  it('R02 evaluates the closed year, and the current one only from December', async () => {
    const nov = summary(await evaluateRules(db, { asOf: '2026-11-30', only: ['R02'], persist: false }), 'R02');
    expect(nov).toMatchObject({ years: [2025], hits: 3, bySeverity: { orange: 2, red: 1 } });
    // 31 Dec: + 202006 in 2026, 40,000 of 100,000 paid in December → orange.
    const dec = summary(await evaluateRules(db, { asOf: '2026-12-31', only: ['R02'], persist: false }), 'R02');
    expect(dec).toMatchObject({ years: [2025, 2026], hits: 4, bySeverity: { orange: 3, red: 1 } });
  });

  it('R11 counts a pending application to the end of the as-of day (Friday 30 October)', async () => {
    // A07: Tue 23:00 → Fri 24:00 = 1 + 24 + 24 + 24 = 73 h; A08: 15 + 72 = 87 h; A06: 72 h → none. Counting only to the
    // start of Friday would give 49 h and 63 h (no hit). Approved A02, A04, A05, A09 as before → 6 hits.
    const fri = summary(await evaluateRules(db, { asOf: '2026-10-30', only: ['R11'], persist: false }), 'R11');
    expect(fri).toMatchObject({ hits: 6, bySeverity: { yellow: 6 } });
  });
});

describe('re-evaluation: stable identity, thresholds, fixes', () => {
  it('is idempotent: same warning ids, no duplicates, nothing added or resolved', async () => {
    const before = await snapshot();
    const again = await evaluateRules(db, { asOf: AS_OF });
    expect(await snapshot()).toEqual(before);
    for (const s of again.rules) expect([s.rule, s.added, s.resolved]).toEqual([s.rule, 0, 0]);
    const [n] = await db.query<{ n: string; keys: string }>('SELECT count(*) AS n, count(DISTINCT (rule_id, hit_key)) AS keys FROM warning');
    const total = Object.values(EXPECTED).reduce((t, h) => t + Object.keys(h).length, 0);
    expect([Number(n.n), Number(n.keys)]).toEqual([total, total]);
  });

  it('R04 orange threshold 60,000 resolves the 50,000 hit; back at 50,000 it returns with the same warning_id', async () => {
    const r04 = ruleById('R04')!;
    const p1 = await warning('R04', 'R04-P1');
    await updateRuleSettings(db, r04, { thresholds: { orange_yuan: 60_000 } }, 'test');
    const raised = summary(await evaluateRules(db, { asOf: AS_OF, only: ['R04'] }), 'R04');
    expect([raised.added, raised.resolved]).toEqual([0, 1]);
    // P8 (60,000.00) is at the new threshold and stays; P4 (199,999.99) stays orange.
    expect(await open('R04')).toEqual({ 'R04-P3': 'red', 'R04-P4': 'orange', 'R04-P8': 'orange' });
    const gone = await warning('R04', 'R04-P1');
    expect([gone.warning_id, gone.resolved_as_of, gone.resolved_at !== null]).toEqual([p1.warning_id, AS_OF, true]);

    await updateRuleSettings(db, r04, { thresholds: { orange_yuan: 50_000 } }, 'test');
    const back = summary(await evaluateRules(db, { asOf: AS_OF, only: ['R04'] }), 'R04');
    expect([back.added, back.resolved]).toEqual([0, 0]);
    expect(await open('R04')).toEqual(EXPECTED.R04);
    const returned = await warning('R04', 'R04-P1');
    expect([returned.warning_id, returned.resolved_at, returned.resolved_as_of]).toEqual([p1.warning_id, null, null]);
  });

  it('R03 with the 一般公共预算 prefix (11) drops the 政府性基金 excess; back at 1 it returns', async () => {
    const r03 = ruleById('R03')!;
    const d = await warning('R03', `2026:${D1}:203004`);
    await updateRuleSettings(db, r03, { thresholds: { fund_prefix: 11 } }, 'test');
    await evaluateRules(db, { asOf: AS_OF, only: ['R03'] });
    expect(await open('R03')).toEqual({ [`2026:${D1}:203002`]: 'red' });
    await updateRuleSettings(db, r03, { thresholds: { fund_prefix: 1 } }, 'test');
    await evaluateRules(db, { asOf: AS_OF, only: ['R03'] });
    expect(await open('R03')).toEqual(EXPECTED.R03);
    expect((await warning('R03', `2026:${D1}:203004`)).warning_id).toEqual(d.warning_id);
  });

  it('a payment that fixes R01’s lag resolves the hit; the row stays', async () => {
    // 201002: 194,500 + 109,500 = 304,000 of 365,000 = 304/365 → gap 0.
    await insertPayment(db, paid('R01-P2-FIX', '201002', '109500.00', '2026-10-20', { bgt: 'R01-I2' }));
    const res = summary(await evaluateRules(db, { asOf: AS_OF, only: ['R01'] }), 'R01');
    expect([res.hits, res.added, res.resolved]).toEqual([3, 0, 1]);
    const { [`2026:${D1}:201002`]: _fixed, ...rest } = EXPECTED.R01;
    expect(await open('R01')).toEqual(rest);
    const w = await warning('R01', `2026:${D1}:201002`);
    expect([w.severity, w.resolved_as_of, w.resolved_at !== null]).toEqual(['red', AS_OF, true]);
  });

  it('deleting the duplicate payment resolves the R06 hit; the row stays', async () => {
    await db.query(`DELETE FROM pay_voucher WHERE pay_app_no = 'R06-D02'`);
    const res = summary(await evaluateRules(db, { asOf: AS_OF, only: ['R06'] }), 'R06');
    expect([res.hits, res.resolved]).toEqual([0, 1]);
    expect(await open('R06')).toEqual({});
    expect((await warning('R06', 'R06-D01:R06-D02')).resolved_as_of).toBe(AS_OF);
  });

  it('a holiday list (国庆节 1–7 October) turns the 145 h approval into 25 h: resolved', async () => {
    await setHolidays(db, ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2026-10-${d}`, name: '国庆节' })));
    const res = summary(await evaluateRules(db, { asOf: AS_OF, only: ['R11'] }), 'R11');
    expect([res.hits, res.resolved]).toEqual([5, 1]);
    const { 'R11-A05': _a05, ...rest } = EXPECTED.R11;
    expect(await open('R11')).toEqual(rest);
    expect((await warning('R11', 'R11-A05')).resolved_at).not.toBeNull();
  });

  it('the other rules were left as they were', async () => {
    for (const rule of ['R02', 'R04', 'R05', 'R07', 'R08', 'R09', 'R10', 'R12']) expect([rule, await open(rule)]).toEqual([rule, EXPECTED[rule]]);
    const [n] = await db.query<{ n: string }>('SELECT count(*) AS n FROM warning WHERE resolved_at IS NOT NULL');
    expect(Number(n.n)).toBe(3); // R01 201002, R06 D01:D02, R11 A05 (R03 and R04 came back)
  });
});

describe('R01 at the exact boundary on another as-of date (2026-05-10, day 130 of 365)', () => {
  let may: Db;
  beforeAll(async () => {
    may = await openTestDb();
    await loadR01MayFixture(may);
  });
  afterAll(async () => {
    await may?.close();
  });

  it('gap exactly −15.0 pp is orange, one fen below orange, one fen above none', async () => {
    // DOMAIN.md: gap ≤ −15 pp is orange. Here the gap is exactly −15 (75,250 / 365,000 − 130/365 = −0.15), but a gap
    // computed as (paid / budget − time_progress) × 100 in doubles comes out at −14.999999999999996 and misses it.
    await evaluateRules(may, { asOf: R01_MAY.asOf, only: ['R01'] });
    const rows = await may.query<{ hit_key: string; severity: string }>(`SELECT hit_key, severity FROM warning WHERE rule_id = 'R01' AND resolved_at IS NULL ORDER BY hit_key`);
    expect(Object.fromEntries(rows.map((r) => [r.hit_key, r.severity]))).toEqual({ [`2026:${D1}:201001`]: 'orange', [`2026:${D1}:201002`]: 'orange' });
  });
});
