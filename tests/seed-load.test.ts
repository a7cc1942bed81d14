// Loads the `small` scale and checks it with plain SQL written from DOMAIN.md, independently of the generator: row
// counts, the shape of the tree and of spending, referential sanity, and — rule by rule — that R01–R12 find exactly
// the planted violations of the manifest (with their severities) and none of the near-misses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../api/src/db/types.ts';
import { seedDatabase, type ManifestEntry, type SeedManifest, type SeedOptions } from '../seed/index.ts';
import { openTestDb } from './support/db.ts';

const OPTS: SeedOptions = { scale: 'small', seed: 20260, asOf: '2026-10-31' };
const Y = 2026;
const SANGONG = `('30212', '30217', '30231', '30913', '31013')`;

let db: Db;
let manifest: SeedManifest;

/** Keys, constraints and indexes of every table (the loader drops and restores some of them). */
const schemaShape = () =>
  db.query<{ t: string; name: string; def: string }>(`
    SELECT c.relname AS t, k.conname AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = to_regnamespace(current_schema())
    UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
    ORDER BY 1, 2, 3`);
let shapeBefore: Awaited<ReturnType<typeof schemaShape>>;

beforeAll(async () => {
  db = await openTestDb();
  shapeBefore = await schemaShape();
  manifest = await seedDatabase(db, OPTS);
}, 180_000);

afterAll(async () => {
  await db?.close();
});

type Hit = { key: string; severity: string };

/** The independent SQL of each rule at OPTS.asOf ($1 = asOf, $2 = fiscal year). */
const RULES: Record<string, string> = {
  // 执行进度滞后: units with budget ≥ 100,000; day-basis time progress.
  R01: `
    WITH b AS (SELECT mof_div_code, agency_code, sum(amount) AS budget FROM bgt_indicator
               WHERE fiscal_year = $2 AND doc_date <= $1::date AND exp_func_code NOT LIKE '230%' GROUP BY 1, 2),
         p AS (SELECT mof_div_code, agency_code, sum(pay_amt) AS paid FROM pay_voucher
               WHERE fiscal_year = $2 AND pay_date <= $1::date AND exp_func_code NOT LIKE '230%' GROUP BY 1, 2),
         tp AS (SELECT ($1::date - make_date($2, 1, 1) + 1)::numeric / (make_date($2 + 1, 1, 1) - make_date($2, 1, 1)) AS tp),
         g AS (SELECT b.mof_div_code, b.agency_code, (coalesce(p.paid, 0) / b.budget - tp.tp) * 100 AS gap
               FROM b LEFT JOIN p USING (mof_div_code, agency_code), tp WHERE b.budget >= 100000)
    SELECT $2 || ':' || mof_div_code || ':' || agency_code AS key, CASE WHEN gap <= -30 THEN 'red' ELSE 'orange' END AS severity
    FROM g WHERE gap <= -15`,
  // 年底突击支出: the previous, closed year (the current one only from December).
  R02: `
    SELECT fiscal_year || ':' || mof_div_code || ':' || agency_code AS key, CASE WHEN share > 0.4 THEN 'red' ELSE 'orange' END AS severity
    FROM (SELECT fiscal_year, mof_div_code, agency_code,
                 sum(pay_amt) FILTER (WHERE extract(month FROM pay_date) = 12) / nullif(sum(pay_amt), 0) AS share
          FROM pay_voucher WHERE fiscal_year = $2 - 1 AND pay_date IS NOT NULL AND exp_func_code NOT LIKE '230%' AND $1::date IS NOT NULL
          GROUP BY 1, 2, 3) s
    WHERE share > 0.25`,
  // 三公经费超预算 on 财政拨款 (fund type prefix 1).
  R03: `
    WITH b AS (SELECT mof_div_code, agency_code, sum(amount) AS budget FROM bgt_indicator
               WHERE fiscal_year = $2 AND doc_date <= $1::date AND dep_bgt_eco_code IN ${SANGONG} AND fund_type_code LIKE '1%' GROUP BY 1, 2),
         p AS (SELECT mof_div_code, agency_code, sum(pay_amt) AS paid FROM pay_voucher
               WHERE fiscal_year = $2 AND pay_date <= $1::date AND dep_bgt_eco_code IN ${SANGONG} AND fund_type_code LIKE '1%' GROUP BY 1, 2)
    SELECT $2 || ':' || mof_div_code || ':' || agency_code AS key, 'red' AS severity
    FROM p LEFT JOIN b USING (mof_div_code, agency_code) WHERE p.paid > coalesce(b.budget, 0)`,
  // 大额转账至个人账户 outside 301/303 (pending applications included).
  R04: `
    SELECT pay_app_no AS key, CASE WHEN pay_amt >= 200000 THEN 'red' ELSE 'orange' END AS severity
    FROM pay_voucher WHERE fiscal_year = $2 AND $1::date IS NOT NULL AND payee_type = 'person'
      AND left(dep_bgt_eco_code, 3) NOT IN ('301', '303') AND pay_amt >= 50000`,
  // 拆分支付: ≥ 3 payments within 30 days, each below the threshold, together at or above it (first day of the window).
  R05: `
    WITH p AS (SELECT pay_app_no, mof_div_code, agency_code, payee_acct_no, pay_date, pay_amt,
                      CASE WHEN dep_bgt_eco_code LIKE '309%' THEN 1200000 ELSE 1000000 END AS threshold
               FROM pay_voucher WHERE fiscal_year = $2 AND pay_date <= $1::date AND pay_amt > 0),
         w AS (SELECT a.mof_div_code, a.agency_code, a.payee_acct_no, a.pay_date
               FROM p a JOIN p b ON b.mof_div_code = a.mof_div_code AND b.agency_code = a.agency_code AND b.payee_acct_no = a.payee_acct_no
                                AND b.pay_date BETWEEN a.pay_date AND a.pay_date + 30 AND b.pay_amt < a.threshold
               WHERE a.pay_amt < a.threshold
               GROUP BY a.pay_app_no, a.mof_div_code, a.agency_code, a.payee_acct_no, a.pay_date, a.threshold
               HAVING count(*) >= 3 AND sum(b.pay_amt) >= a.threshold)
    SELECT DISTINCT ON (mof_div_code, agency_code, payee_acct_no)
           mof_div_code || ':' || agency_code || ':' || payee_acct_no || ':' || pay_date AS key, 'orange' AS severity
    FROM w ORDER BY mof_div_code, agency_code, payee_acct_no, pay_date`,
  // 重复支付: same unit, payee account and amount, pay dates at most 3 days apart.
  R06: `
    SELECT a.pay_app_no || ':' || b.pay_app_no AS key, 'red' AS severity
    FROM pay_voucher a JOIN pay_voucher b
      ON b.mof_div_code = a.mof_div_code AND b.agency_code = a.agency_code AND b.payee_acct_no = a.payee_acct_no
     AND b.pay_amt = a.pay_amt AND a.pay_app_no < b.pay_app_no AND abs(a.pay_date - b.pay_date) <= 3
    WHERE (a.fiscal_year = $2 OR b.fiscal_year = $2) AND a.pay_date <= $1::date AND b.pay_date <= $1::date`,
  // 转移支付下达超时: part still unallocated when the 30 days after receipt have passed.
  R07: `
    WITH t AS (SELECT transfer_id, amount, received_date FROM transfer WHERE fiscal_year = $2 AND received_date + 30 < $1::date),
         c AS (SELECT x.transfer_id, x.alloc_date,
                      sum(x.amount) OVER (PARTITION BY x.transfer_id ORDER BY x.alloc_date) AS cum
               FROM transfer_alloc x WHERE x.alloc_date <= $1::date),
         s AS (SELECT t.transfer_id, t.amount, t.received_date,
                      (SELECT coalesce(max(cum), 0) FROM c WHERE c.transfer_id = t.transfer_id AND c.alloc_date <= t.received_date + 30) AS by_deadline,
                      (SELECT min(alloc_date) FROM c WHERE c.transfer_id = t.transfer_id AND c.cum >= t.amount) AS full_date
               FROM t)
    SELECT transfer_id AS key, CASE WHEN coalesce(full_date, $1::date) - received_date > 60 THEN 'red' ELSE 'orange' END AS severity
    FROM s WHERE by_deadline < amount`,
  // 沉淀资金: net indicator ≥ 500,000 with no payment by 30 September.
  R08: `
    WITH n AS (SELECT coalesce(src_bgt_id, bgt_id) AS id, sum(amount) AS net FROM bgt_indicator
               WHERE fiscal_year = $2 AND doc_date <= $1::date GROUP BY 1)
    SELECT id AS key, 'orange' AS severity FROM n
    WHERE net >= 500000 AND NOT EXISTS (SELECT 1 FROM pay_voucher p WHERE p.bgt_id = n.id AND p.pay_amt > 0 AND p.pay_date <= make_date($2, 9, 30))`,
  // 绩效目标缺失.
  R09: `
    SELECT fiscal_year || ':' || pro_code AS key, 'yellow' AS severity FROM project
    WHERE fiscal_year = $2 AND $1::date IS NOT NULL AND pro_cat_code = '3' AND amount > 0 AND NOT has_perf_goal`,
  // 超指标支付 against the net indicator.
  R10: `
    WITH n AS (SELECT coalesce(src_bgt_id, bgt_id) AS id, sum(amount) AS net FROM bgt_indicator
               WHERE fiscal_year = $2 AND doc_date <= $1::date GROUP BY 1),
         p AS (SELECT bgt_id, sum(pay_amt) AS paid FROM pay_voucher WHERE fiscal_year = $2 AND pay_date <= $1::date GROUP BY 1)
    SELECT n.id AS key, 'red' AS severity FROM n JOIN p ON p.bgt_id = n.id WHERE p.paid > n.net`,
  // 支付审批超时: hours on Mon–Fri (China time) between apply and approve, or the end of the asOf day if pending.
  R11: `
    WITH p AS (SELECT pay_app_no, apply_time AT TIME ZONE 'Asia/Shanghai' AS s,
                      coalesce(approve_time AT TIME ZONE 'Asia/Shanghai', ($1::date + 1)::timestamp) AS e
               FROM pay_voucher WHERE fiscal_year = $2),
         h AS (SELECT p.pay_app_no,
                      (SELECT coalesce(sum(extract(epoch FROM least(p.e, d + interval '1 day') - greatest(p.s, d))), 0)
                       FROM generate_series(date_trunc('day', p.s), p.e, interval '1 day') AS d
                       WHERE extract(isodow FROM d) < 6 AND least(p.e, d + interval '1 day') > greatest(p.s, d)) / 3600 AS hours
               FROM p)
    SELECT pay_app_no AS key, 'yellow' AS severity FROM h WHERE hours > 72`,
  // 债务率 on each region's consolidated subtree, and balance above limit.
  R12: `
    WITH RECURSIVE sub AS (SELECT mof_div_code AS root, mof_div_code FROM region
                           UNION ALL SELECT s.root, r.mof_div_code FROM sub s JOIN region r ON r.parent_code = s.mof_div_code),
         t AS (SELECT root, sum(d.debt_balance) AS bal, sum(d.debt_limit) AS lim, sum(d.fiscal_capacity) AS cap
               FROM sub JOIN debt d ON d.mof_div_code = sub.mof_div_code AND d.fiscal_year = $2 AND $1::date IS NOT NULL GROUP BY root)
    SELECT $2 || ':' || root AS key,
           CASE WHEN bal > lim OR bal / cap >= 3 THEN 'red' WHEN bal / cap >= 2 THEN 'orange' ELSE 'yellow' END AS severity
    FROM t WHERE bal > lim OR bal / cap >= 1.2`,
};

const asMap = (items: Array<{ key: string; severity?: string }>) => Object.fromEntries(items.map((h) => [h.key, h.severity ?? null]));

describe('seed small into the database', () => {
  it('loads exactly the manifest row counts, the code lists of both years and the depth-4 tree', async () => {
    for (const [table, n] of Object.entries(manifest.counts)) {
      const [{ count }] = await db.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
      expect([table, Number(count)]).toEqual([table, n]);
    }
    expect(manifest.counts.agency).toBeGreaterThan(100);
    expect(manifest.counts.region).toBe(15);
    const years = await db.query<{ fiscal_year: number; n: string }>('SELECT fiscal_year, count(*) AS n FROM exp_func GROUP BY 1 ORDER BY 1');
    expect(years.map((r) => r.fiscal_year)).toEqual([Y - 1, Y]);
    const sangong = await db.query<{ code: string }>(`SELECT code FROM dep_bgt_eco WHERE fiscal_year = ${Y} AND code IN ${SANGONG} ORDER BY code`);
    expect(sangong.map((r) => r.code)).toEqual(['30212', '30217', '30231', '30913', '31013']);
    const [depth] = await db.query<{ max: number; lvl4: string }>('SELECT max(level) AS max, count(lvl4_code) AS lvl4 FROM region_path');
    expect(depth.max).toBe(4);
    expect(Number(depth.lvl4)).toBe(2);
    const stored = await db.query<{ value: SeedManifest }>(`SELECT value FROM app_meta WHERE key = 'seed_manifest'`);
    expect(stored[0].value.violations.length).toBe(manifest.violations.length);
  });

  it('leaves every key, constraint and index of the schema as the migration made it', async () => {
    expect(shapeBefore.length).toBeGreaterThan(40);
    expect(await schemaShape()).toEqual(shapeBefore);
  });

  it('has the same agency_code in many regions', async () => {
    const [r] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM agency WHERE agency_code = '204001'`);
    expect(Number(r.n)).toBeGreaterThanOrEqual(10);
    const [d] = await db.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT agency_code FROM agency GROUP BY 1 HAVING count(*) > 1) x');
    expect(Number(d.n)).toBeGreaterThan(5);
  });

  it('references, for every payment, an original indicator of the same unit, year and codes', async () => {
    const [bad] = await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM pay_voucher p WHERE NOT EXISTS (
        SELECT 1 FROM bgt_indicator b WHERE b.bgt_id = p.bgt_id AND b.src_bgt_id IS NULL AND b.fiscal_year = p.fiscal_year
          AND b.mof_div_code = p.mof_div_code AND b.agency_code = p.agency_code AND b.exp_func_code = p.exp_func_code
          AND b.dep_bgt_eco_code = p.dep_bgt_eco_code AND b.fund_type_code = p.fund_type_code)`);
    expect(Number(bad.n)).toBe(0);
    const [adj] = await db.query<{ n: string }>(`
      SELECT count(*) AS n FROM bgt_indicator a JOIN bgt_indicator o ON o.bgt_id = a.src_bgt_id
      WHERE a.bgt_source IN ('adjust', 'supplement') AND o.src_bgt_id IS NULL AND o.bgt_source NOT IN ('adjust', 'supplement')`);
    const [adjAll] = await db.query<{ n: string; neg: string }>(`SELECT count(*) AS n, count(*) FILTER (WHERE amount < 0) AS neg FROM bgt_indicator WHERE bgt_source IN ('adjust', 'supplement')`);
    expect(Number(adj.n)).toBe(Number(adjAll.n));
    expect(Number(adjAll.neg)).toBeGreaterThan(0);
    const [ret] = await db.query<{ n: string; bad: string }>(`
      SELECT count(*) AS n, count(*) FILTER (WHERE o.pay_app_no IS NULL OR r.pay_date <= o.pay_date OR r.pay_amt <> -o.pay_amt) AS bad
      FROM pay_voucher r LEFT JOIN pay_voucher o ON o.pay_app_no = r.ori_pay_app_no WHERE r.pay_amt < 0`);
    expect(Number(ret.n)).toBeGreaterThan(0);
    expect(Number(ret.bad)).toBe(0);
  });

  it('has no fact after asOf, no 230 rows, advance indicators, pending payments and the fund mix', async () => {
    const [r] = await db.query<Record<string, string | null>>(`
      SELECT (SELECT max(pay_date) FROM pay_voucher)::text AS pay,
             (SELECT max(approve_time AT TIME ZONE 'Asia/Shanghai')::date FROM pay_voucher)::text AS approve,
             (SELECT max(apply_time AT TIME ZONE 'Asia/Shanghai')::date FROM pay_voucher)::text AS apply,
             (SELECT max(doc_date) FROM bgt_indicator)::text AS doc,
             (SELECT max(alloc_date) FROM transfer_alloc)::text AS alloc,
             (SELECT max(received_date) FROM transfer)::text AS received,
             (SELECT count(*) FROM pay_voucher WHERE exp_func_code LIKE '230%')::text AS p230,
             (SELECT count(*) FROM bgt_indicator WHERE exp_func_code LIKE '230%')::text AS b230,
             (SELECT count(*) FROM bgt_indicator WHERE fiscal_year = ${Y} AND doc_date < '${Y}-01-01')::text AS advance,
             (SELECT count(*) FROM pay_voucher WHERE pay_date IS NULL AND approve_time IS NULL)::text AS pending,
             (SELECT count(*) FROM pay_voucher WHERE (pay_date IS NULL) <> (approve_time IS NULL))::text AS half,
             (SELECT count(DISTINCT fund_type_code) FROM pay_voucher)::text AS funds`);
    for (const k of ['pay', 'approve', 'apply', 'doc', 'alloc', 'received']) expect([k, r[k]! <= OPTS.asOf]).toEqual([k, true]);
    expect([r.p230, r.b230, r.half]).toEqual(['0', '0', '0']);
    expect(Number(r.advance)).toBeGreaterThan(0);
    expect(Number(r.pending)).toBeGreaterThan(0);
    expect(Number(r.funds)).toBeGreaterThanOrEqual(4);
  });

  it('spends with the real shape: slow first quarter, a December spike in the closed year', async () => {
    const [s] = await db.query<{ q1: string; novdec: string; dec: string }>(`
      SELECT sum(pay_amt) FILTER (WHERE extract(month FROM pay_date) <= 3) / sum(pay_amt) AS q1,
             sum(pay_amt) FILTER (WHERE extract(month FROM pay_date) >= 11) / sum(pay_amt) AS novdec,
             sum(pay_amt) FILTER (WHERE extract(month FROM pay_date) = 12) / sum(pay_amt) AS dec
      FROM pay_voucher WHERE fiscal_year = ${Y - 1} AND pay_date IS NOT NULL`);
    expect(Number(s.q1)).toBeGreaterThan(0.12);
    expect(Number(s.q1)).toBeLessThan(0.22);
    expect(Number(s.novdec)).toBeGreaterThan(0.22);
    expect(Number(s.novdec)).toBeLessThan(0.3);
    expect(Number(s.dec)).toBeGreaterThan(0.12);
    expect(Number(s.dec)).toBeLessThan(0.18);
    const [n] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pay_voucher WHERE fiscal_year = ${Y - 1}`);
    expect(Number(n.n)).toBeGreaterThan(15_000);
    expect(Number(n.n)).toBeLessThan(25_000);
  });

  it('keeps background payments per line within the net indicator even counting pending applications', async () => {
    const planted = new Set(manifest.violations.filter((v) => v.rule === 'R10').map((v) => v.key));
    const rows = await db.query<{ id: string }>(`
      WITH n AS (SELECT coalesce(src_bgt_id, bgt_id) AS id, sum(amount) AS net FROM bgt_indicator GROUP BY 1),
           p AS (SELECT bgt_id, sum(pay_amt) FILTER (WHERE pay_amt > 0) AS positive FROM pay_voucher GROUP BY 1)
      SELECT n.id FROM n JOIN p ON p.bgt_id = n.id WHERE p.positive > n.net`);
    expect(rows.map((r) => r.id).filter((id) => !planted.has(id))).toEqual([]);
  });

  it('places near-misses just inside the thresholds', async () => {
    const near = (rule: string) => manifest.nearMisses.filter((n) => n.rule === rule);
    const one = async (sql: string, params: unknown[]) => (await db.query<Record<string, string>>(sql, params))[0];
    // R04: 49,999.99 to a person under 302.
    const r04 = await db.query<{ pay_amt: string }>(`SELECT pay_amt FROM pay_voucher WHERE pay_app_no = ANY($1) AND payee_type = 'person' AND dep_bgt_eco_code LIKE '302%'`, [near('R04').map((n) => n.key)]);
    expect(r04.map((r) => r.pay_amt)).toContain('49999.99');
    // R05: three payments to one account within 30 days summing to 999,999.99.
    const r05 = near('R05').map((n) => n.key.split(':')[2]);
    const sums = await db.query<{ s: string; n: string; span: number }>(
      `SELECT sum(pay_amt) AS s, count(*) AS n, max(pay_date) - min(pay_date) AS span FROM pay_voucher WHERE payee_acct_no = ANY($1) GROUP BY payee_acct_no`, [r05]);
    expect(sums.map((r) => r.s)).toContain('999999.99');
    expect(sums.every((r) => r.n === '3' && r.span <= 30)).toBe(true);
    // R06: same payee and amount exactly 4 days apart.
    const [a, b] = near('R06')[0].key.split(':');
    const r06 = await one(`SELECT (y.pay_date - x.pay_date)::text AS days, (x.pay_amt = y.pay_amt AND x.payee_acct_no = y.payee_acct_no)::text AS same FROM pay_voucher x, pay_voucher y WHERE x.pay_app_no = $1 AND y.pay_app_no = $2`, [a, b]);
    expect([r06.days, r06.same]).toEqual(['4', 'true']);
    // R11: approved after exactly 72 working hours (Monday 10:00 → Thursday 10:00).
    const r11 = await db.query<{ h: string }>(`SELECT extract(epoch FROM approve_time - apply_time) / 3600 AS h FROM pay_voucher WHERE pay_app_no = ANY($1)`, [near('R11').map((n) => n.key)]);
    expect(r11.map((r) => Number(r.h)).sort()).toEqual([71 + 48, 72]);
    // R08: an unpaid 499,999.99; R10: paid exactly the net amount; R12: 119.9 %.
    const r08 = await db.query<{ amount: string }>(`SELECT amount FROM bgt_indicator WHERE bgt_id = ANY($1)`, [near('R08').map((n) => n.key)]);
    expect(r08.map((r) => r.amount)).toContain('499999.99');
    const exact = near('R10').find((n) => n.note.startsWith('payments exactly'))!;
    const r10 = await one(`SELECT (SELECT sum(amount) FROM bgt_indicator WHERE $1 IN (bgt_id, src_bgt_id))::text AS net, (SELECT sum(pay_amt) FROM pay_voucher WHERE bgt_id = $1)::text AS paid`, [exact.key]);
    expect(r10.paid).toBe(r10.net);
    const r12 = near('R12').find((n) => n.note.includes('119.9'))!;
    const ratio = await one(`SELECT (debt_balance / fiscal_capacity)::text AS r FROM debt WHERE mof_div_code = $1 AND fiscal_year = $2`, [r12.mofDivCode, Y]);
    expect(Number(ratio.r)).toBeCloseTo(1.199, 6);
    // R01: −14.9 pp; R02: just under 25 %.
    expect(Number(near('R01').find((n) => n.evidence.gapPp !== undefined)!.evidence.gapPp)).toBeCloseTo(-14.9, 1);
    expect(Number(near('R02')[0].evidence.share)).toBeGreaterThan(0.245);
  });

  for (const rule of Object.keys(RULES)) {
    it(`${rule} finds exactly the planted violations and none of the near-misses`, async () => {
      const hits = await db.query<Hit>(RULES[rule], [OPTS.asOf, Y]);
      const planted = manifest.violations.filter((v: ManifestEntry) => v.rule === rule);
      const near = manifest.nearMisses.filter((v: ManifestEntry) => v.rule === rule);
      expect(planted.length).toBeGreaterThanOrEqual(2);
      expect(near.length).toBeGreaterThanOrEqual(1);
      expect(asMap(hits)).toEqual(asMap(planted));
      const hitKeys = new Set(hits.map((h) => h.key));
      expect(near.filter((n) => hitKeys.has(n.key)).map((n) => n.key)).toEqual([]);
    });
  }
});
