import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildWarningCubes } from '../api/src/cubes/pipeline.ts';
import type { Db } from '../api/src/db/types.ts';
import { prepareData } from '../api/src/pipeline.ts';
import { silentProgress } from '../api/src/progress.ts';
import { createRuntime } from '../api/src/runtime.ts';
import { formatPercent, roundHalfUp } from '../queries/index.ts';
import { seedDatabase } from '../seed/index.ts';
import { openTestDb } from './support/db.ts';
import { principal, testAuth } from './support/users.ts';

/**
 * The monthly report workbook on the `small` seed (as of 2026-10-31), every figure on every sheet compared with
 * values computed here directly from the raw facts in PostgreSQL (not from the cubes the report reads).
 */
let db: Db;
let wb: ExcelJS.Workbook;
let dataDir: string;
const TOP = '660000000';
const TP = 304 / 365; // 序时进度 at 2026-10-31, day basis
const TP_PREV = 273 / 365; // at 2026-09-30

beforeAll(async () => {
  db = await openTestDb();
  await seedDatabase(db, { scale: 'small', seed: 7, asOf: '2026-10-31' });
  dataDir = mkdtempSync(join(tmpdir(), 'fc-reports-'));
  const rt = createRuntime({ db, dataDir, auth: testAuth(principal(['analyst'], { kind: 'region', mofDivCode: TOP }, 'hq_analyst')) });
  await prepareData(db, rt.store, rt.state, { scale: 'none', seed: 0, appTimeZone: 'Asia/Shanghai', timeProgressBasis: 'day', clock: () => new Date() }, silentProgress);
  // Give the warnings a mix of handling statuses, so the 风险预警 sheet has more than one column to check.
  await db.exec(`UPDATE warning SET status = 'confirmed' WHERE warning_id IN (SELECT warning_id FROM warning ORDER BY warning_id LIMIT 3);
                 UPDATE warning SET status = 'cleared' WHERE warning_id IN (SELECT warning_id FROM warning ORDER BY warning_id DESC LIMIT 2)`);
  await rebuildWarningCubes(db, rt.store);
  const res = await rt.app.request(`/api/reports/monthly?month=2026-10&org=${TOP}&format=xlsx`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain('全兵团2026年10月预算执行分析报告（数据截至2026-10-31）.xlsx');
  const bytes = Buffer.from(await res.arrayBuffer());
  mkdirSync('tests/output', { recursive: true });
  writeFileSync('tests/output/report-small-660000000-2026-10.xlsx', bytes);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  await rt.audit.flush();
}, 600_000);
afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// ---------- independent figures from the raw facts ----------
type Fig = { budget: bigint; paid: bigint };
const F = `WITH f AS (
  SELECT mof_div_code, agency_code, exp_func_code, dep_bgt_eco_code, fund_type_code, fiscal_year, doc_date AS d, round(amount * 100)::bigint AS budget, 0::bigint AS paid FROM bgt_indicator
  UNION ALL
  SELECT mof_div_code, agency_code, exp_func_code, dep_bgt_eco_code, fund_type_code, fiscal_year, pay_date, 0, round(pay_amt * 100)::bigint FROM pay_voucher WHERE pay_date IS NOT NULL)`;
/** Budget and paid by `key` (an SQL expression over f and rp), for fiscal year `fy`, dates in [from, to], facts excluding 类 230. */
async function facts(key: string, fy: number, from: string, to: string, extra = 'true'): Promise<Map<string, Fig>> {
  const rows = await db.query<{ k: string; budget: string; paid: string }>(
    `${F} SELECT ${key} AS k, sum(budget)::text AS budget, sum(paid)::text AS paid
       FROM f JOIN region_path rp USING (mof_div_code)${key === 'lv' ? ` CROSS JOIN LATERAL ${LEVELS} lv` : ''}
      WHERE f.fiscal_year = $1 AND f.d >= $2::date AND f.d <= $3::date AND f.exp_func_code NOT LIKE '230%' AND ${extra}
        ${key === 'lv' ? 'AND lv IS NOT NULL' : ''}
      GROUP BY 1`,
    [fy, from, to],
  );
  return new Map(rows.map((r) => [String(r.k), { budget: BigInt(r.budget), paid: BigInt(r.paid) }]));
}
/** The four dates every execution row is shown at. */
async function execFacts(key: string, extra = 'true') {
  const [cur, month, prev, ly] = await Promise.all([
    facts(key, 2026, '1900-01-01', '2026-10-31', extra),
    facts(key, 2026, '2026-10-01', '2026-10-31', extra),
    facts(key, 2026, '1900-01-01', '2026-09-30', extra),
    facts(key, 2025, '1900-01-01', '2025-10-31', extra),
  ]);
  return { cur, month, prev, ly };
}
/** Subtree rows: each region code on a fact's path. */
const LEVELS = `unnest(ARRAY[rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code])`;

// ---------- reading the workbook ----------
const value = (c: ExcelJS.Cell) => {
  const v = c.value as unknown;
  // A formula's cached result; exceljs leaves out a cached result of 0 when writing.
  return v && typeof v === 'object' && 'formula' in (v as object) ? ((v as { result?: unknown }).result ?? 0) : v;
};
const wan = (fen: bigint) => Number(fen) / 1_000_000;
/** Data rows of a sheet (from row 4 to the first blank row), as arrays of cells indexed from 1. */
function rows(name: string): ExcelJS.Row[] {
  const ws = wb.getWorksheet(name)!;
  const out: ExcelJS.Row[] = [];
  for (let i = 4; i <= ws.rowCount; i++) {
    const r = ws.getRow(i);
    if (r.getCell(1).value === null && r.getCell(2).value === null) break;
    out.push(r);
  }
  return out;
}
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b));
const close = (actual: unknown, expected: number | null, what: string) => {
  if (expected === null) expect(actual ?? null, what).toBeNull();
  else expect(actual as number, what).toBeCloseTo(expected, 9);
};

/** Checks the eleven execution columns from column `c0` against the independent figures of one key. */
function checkExec(r: ExcelJS.Row, c0: number, k: string, f: Awaited<ReturnType<typeof execFacts>>, what: string) {
  const z = { budget: 0n, paid: 0n };
  const cur = f.cur.get(k) ?? z;
  const prev = f.prev.get(k) ?? z;
  const ly = f.ly.get(k) ?? z;
  const v = (i: number) => value(r.getCell(c0 + i));
  expect(v(0), `${what} 预算数`).toBe(wan(cur.budget));
  expect(v(1), `${what} 支出数`).toBe(wan(cur.paid));
  const rate = ratio(cur.paid, cur.budget);
  close(v(2), rate, `${what} 执行率`);
  close(v(3), rate === null ? null : (rate - TP) * 100, `${what} 进度偏差`);
  expect(v(4), `${what} 当月支出`).toBe(wan((f.month.get(k) ?? z).paid));
  const pr = ratio(prev.paid, prev.budget);
  close(v(5), pr, `${what} 上月末执行率`);
  close(v(6), rate === null || pr === null ? null : (rate - pr) * 100, `${what} 较上月`);
  expect(v(7), `${what} 上年同期支出数`).toBe(wan(ly.paid));
  const lr = ratio(ly.paid, ly.budget);
  close(v(8), lr, `${what} 上年同期执行率`);
  close(v(9), rate === null || lr === null ? null : (rate - lr) * 100, `${what} 较上年同期`);
  close(v(10), ly.paid === 0n ? null : Number(cur.paid) / Number(ly.paid) - 1, `${what} 同比`);
  // Formats: 万元 two decimals, percentages, percentage points.
  expect(r.getCell(c0).numFmt).toBe('#,##0.00');
  expect(r.getCell(c0 + 2).numFmt).toBe('0.0%');
  expect(r.getCell(c0 + 3).numFmt).toBe('0.0');
}

/** A total row: money columns are SUM formulas (or sums of cells) whose cached result is the exact total. */
function checkTotalFormulas(r: ExcelJS.Row, c0: number) {
  for (const i of [0, 1, 4, 7]) {
    const v = r.getCell(c0 + i).value as { formula?: string };
    expect(v?.formula, `total formula at column ${c0 + i}`).toMatch(/^(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+(\+[A-Z]+\d+)*)$/);
  }
}

describe('monthly report workbook (small seed, 全兵团, 2026-10)', () => {
  it('has the nine sheets, each with the as-of stamp, frozen panes, A4 landscape, repeated headers and page numbers', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '总体执行', '分地区', '分功能科目', '分经济分类', '三公经费', '绩效目标与评价', '风险预警', '滞后单位清单']);
    for (const ws of wb.worksheets) {
      expect(String(ws.getRow(1).getCell(1).value)).toContain('全兵团2026年10月预算执行分析报告');
      expect(String(ws.getRow(2).getCell(1).value)).toContain('数据截至 2026-10-31');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:3' });
      expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/);
      expect(ws.headerFooter.oddFooter).toContain('数据截至 2026-10-31');
    }
  });

  it('总体执行: every fund group and the total match the raw facts', async () => {
    const groups = ['11', '12', '13', '14', '2', '3'];
    const key = `CASE ${groups.map((g) => `WHEN f.fund_type_code LIKE '${g}%' THEN '${g}'`).join(' ')} ELSE '—' END`;
    const f = await execFacts(key);
    const all = await execFacts(`'all'`);
    const rs = rows('总体执行');
    expect(rs.map((r) => r.getCell(1).value ?? '')).toEqual([...groups, ...(f.cur.has('—') ? ['—'] : []), '']);
    for (const r of rs.slice(0, -1)) checkExec(r, 3, String(r.getCell(1).value), f, `fund ${r.getCell(1).value}`);
    const total = rs[rs.length - 1];
    expect(total.getCell(2).value).toBe('合计');
    checkExec(total, 3, 'all', all, '合计');
    checkTotalFormulas(total, 3);
  });

  it('分地区: the org’s 本级, each child (汇总) with its 本级 and its children; subtotals and total are formulas', async () => {
    const own = await execFacts('f.mof_div_code');
    const sub = await execFacts('lv');
    const regions = await db.query<{ mof_div_code: string; mof_div_name: string; parent_code: string | null; level: number }>('SELECT * FROM region ORDER BY mof_div_code');
    const kids = (c: string) => regions.filter((r) => r.parent_code === c);
    const expected: string[][] = [[TOP, '兵团本级', '本级']];
    for (const c of kids(TOP)) {
      expected.push([c.mof_div_code, c.mof_div_name, '汇总']);
      if (kids(c.mof_div_code).length) {
        expected.push([c.mof_div_code, `${c.mof_div_name}本级`, '本级']);
        for (const g of kids(c.mof_div_code)) expected.push([g.mof_div_code, g.mof_div_name, '汇总']);
      }
    }
    expected.push([TOP, '全兵团', '合计']);
    const rs = rows('分地区');
    expect(rs.map((r) => [1, 2, 3].map((i) => r.getCell(i).value))).toEqual(expected);
    rs.forEach((r, i) => {
      const [code, , kind] = [1, 2, 3].map((c) => String(r.getCell(c).value));
      checkExec(r, 4, code, kind === '本级' ? own : sub, `${code} ${kind}`);
      // 合计, and a child with children (its 本级 follows it): formulas over the rows they add up.
      if (kind === '合计' || (i + 1 < rs.length && rs[i + 1].getCell(1).value === code && rs[i + 1].getCell(3).value === '本级')) checkTotalFormulas(r, 4);
    });
    expect(rs.filter((r) => typeof (r.getCell(4).value as { formula?: string })?.formula === 'string').length).toBe(1 + kids(TOP).filter((c) => kids(c.mof_div_code).length).length);
  });

  it('分功能科目 and 分经济分类: 类 rows (formulas over their 款) and 款 rows match the raw facts', async () => {
    for (const [sheet, column] of [['分功能科目', 'exp_func_code'], ['分经济分类', 'dep_bgt_eco_code']] as const) {
      const cls = await execFacts(`substr(f.${column}, 1, 3)`);
      const item = await execFacts(`substr(f.${column}, 1, 5)`);
      const all = await execFacts(`'all'`);
      const rs = rows(sheet);
      const codes = rs.slice(0, -1).map((r) => String(r.getCell(1).value));
      const keys = (x: typeof cls) => [...new Set([...x.cur.keys(), ...x.month.keys(), ...x.prev.keys(), ...x.ly.keys()])].sort();
      expect(codes.filter((c) => c.length === 3)).toEqual(keys(cls));
      expect(codes.filter((c) => c.length === 5).sort()).toEqual(keys(item));
      // Each 款 sits under its 类.
      codes.forEach((c, i) => c.length === 5 && expect(codes.slice(0, i).reverse().find((x) => x.length === 3)).toBe(c.slice(0, 3)));
      for (const r of rs.slice(0, -1)) {
        const code = String(r.getCell(1).value);
        checkExec(r, 3, code, code.length === 3 ? cls : item, `${sheet} ${code}`);
        if (code.length === 3) checkTotalFormulas(r, 3);
      }
      checkExec(rs[rs.length - 1], 3, 'all', all, `${sheet} 合计`);
      checkTotalFormulas(rs[rs.length - 1], 3);
      // Names come from the code list of the year.
      const [{ name }] = await db.query<{ name: string }>(`SELECT name FROM ${column === 'exp_func_code' ? 'exp_func' : 'dep_bgt_eco'} WHERE fiscal_year = 2026 AND code = $1`, [codes[0]]);
      expect(rs[0].getCell(2).value).toBe(name);
    }
  });

  it('三公经费: the four items on 财政拨款 funds match the raw facts', async () => {
    const key = `CASE WHEN f.dep_bgt_eco_code IN ('30913', '31013') THEN '30913+31013' ELSE f.dep_bgt_eco_code END`;
    const extra = `f.dep_bgt_eco_code IN ('30212', '30217', '30231', '30913', '31013') AND f.fund_type_code LIKE '1%'`;
    const f = await execFacts(key, extra);
    const all = await execFacts(`'all'`, extra);
    const rs = rows('三公经费');
    expect(rs.map((r) => r.getCell(2).value)).toEqual(['因公出国（境）费用', '公务接待费', '公务用车运行维护费', '公务用车购置费', '合计']);
    for (const r of rs.slice(0, -1)) checkExec(r, 3, String(r.getCell(1).value), f, `三公 ${r.getCell(1).value}`);
    checkExec(rs[4], 3, 'all', all, '三公 合计');
    checkTotalFormulas(rs[4], 3);
    expect(all.cur.get('all')!.paid).toBeGreaterThan(0n);
  });

  it('绩效目标与评价: coverage by region and the previous year’s grades match the project table', async () => {
    const perfSql = (scope: string) => `SELECT ${scope} AS k,
        count(*) FILTER (WHERE k3 AND fiscal_year = 2026) AS k3, coalesce(sum(fen) FILTER (WHERE k3 AND fiscal_year = 2026), 0) AS k3_fen,
        count(*) FILTER (WHERE k3 AND fiscal_year = 2026 AND has_perf_goal) AS goal, coalesce(sum(fen) FILTER (WHERE k3 AND fiscal_year = 2026 AND has_perf_goal), 0) AS goal_fen,
        count(*) FILTER (WHERE k3 AND fiscal_year = 2026 AND monitored) AS mon,
        count(*) FILTER (WHERE k3 AND fiscal_year = 2025) AS pk3, count(*) FILTER (WHERE k3 AND fiscal_year = 2025 AND eval_level <> 'none') AS ev,
        count(*) FILTER (WHERE k3 AND fiscal_year = 2025 AND eval_level = 'self') AS self, count(*) FILTER (WHERE k3 AND fiscal_year = 2025 AND eval_level IN ('dept', 'finance')) AS key
      FROM (SELECT p.*, pro_cat_code = '3' AS k3, round(amount * 100)::bigint AS fen, rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code FROM project p JOIN region_path rp USING (mof_div_code)) x`;
    const own = await db.query<Record<string, string>>(`${perfSql('mof_div_code')} WHERE mof_div_code = $1 GROUP BY 1`, [TOP]);
    const sub = await db.query<Record<string, string>>(`${perfSql('lv')} CROSS JOIN LATERAL unnest(ARRAY[lvl1_code, lvl2_code, lvl3_code, lvl4_code]) lv WHERE lv IS NOT NULL GROUP BY 1`);
    const rs = rows('绩效目标与评价');
    const kids = await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE parent_code = $1 ORDER BY 1', [TOP]);
    expect(rs.slice(0, kids.length + 2).map((r) => r.getCell(1).value)).toEqual([TOP, ...kids.map((k) => k.mof_div_code), TOP]);
    rs.slice(0, kids.length + 2).forEach((r, i) => {
      const e = i === 0 ? own[0] : sub.find((s) => s.k === r.getCell(1).value)!;
      const n = (k: string) => Number(e[k]);
      const v = (c: number) => value(r.getCell(c));
      expect(v(3), 'k3').toBe(n('k3'));
      expect(v(4), 'amount').toBe(Number(e.k3_fen) / 1e6);
      expect(v(5), 'goal').toBe(n('goal'));
      close(v(6), n('goal') / n('k3'), '目标覆盖率');
      close(v(7), Number(e.goal_fen) / Number(e.k3_fen), '目标覆盖率（金额）');
      expect(v(8), 'monitored').toBe(n('mon'));
      close(v(9), n('mon') / n('k3'), '监控覆盖率');
      expect(v(10), 'prev k3').toBe(n('pk3'));
      expect(v(11), 'evaluated').toBe(n('ev'));
      close(v(12), n('ev') / n('pk3'), '评价覆盖率');
      close(v(13), n('self') / n('pk3'), '自评覆盖率');
      close(v(14), n('key') / n('pk3'), '重点评价覆盖率');
      expect(r.getCell(6).numFmt).toBe('0.0%');
    });
    expect((rs[kids.length + 1].getCell(3).value as { formula: string }).formula).toBe(`SUM(C4:C${4 + kids.length})`);
    // Grades of the previous year's evaluated kind-3 projects.
    const grades = await db.query<{ g: string; n: string; fen: string }>(`SELECT CASE WHEN eval_score IS NULL THEN 'none' WHEN eval_score >= 90 THEN 'excellent' WHEN eval_score >= 80 THEN 'good' WHEN eval_score >= 60 THEN 'fair' ELSE 'poor' END AS g,
        count(*) AS n, sum(round(amount * 100))::bigint AS fen FROM project WHERE fiscal_year = 2025 AND pro_cat_code = '3' AND eval_level <> 'none' GROUP BY 1`);
    const ws = wb.getWorksheet('绩效目标与评价')!;
    let g0 = 0;
    ws.eachRow((r, i) => {
      if (r.getCell(1).value === 'excellent') g0 = i;
    });
    ['excellent', 'good', 'fair', 'poor', 'none'].forEach((g, i) => {
      const r = ws.getRow(g0 + i);
      const e = grades.find((x) => x.g === g);
      expect(r.getCell(1).value).toBe(g);
      expect(r.getCell(3).value, g).toBe(Number(e?.n ?? 0));
      expect(r.getCell(4).value, g).toBe(Number(e?.fen ?? 0) / 1e6);
    });
  });

  it('风险预警: warnings first seen by month end, by rule × handling status, match the warning table', async () => {
    const w = await db.query<{ rule_id: string; status: string; n: string; fen: string; resolved: string }>(
      `SELECT rule_id, status, count(*) AS n, coalesce(sum(amount_fen), 0) AS fen, count(*) FILTER (WHERE resolved_at IS NOT NULL) AS resolved
         FROM warning WHERE first_seen_as_of <= '2026-10-31' GROUP BY 1, 2`,
    );
    expect(new Set(w.map((x) => x.status)).size).toBeGreaterThanOrEqual(3);
    const rs = rows('风险预警');
    expect(rs.map((r) => r.getCell(1).value)).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', '']);
    const statuses = ['open', 'confirmed', 'cleared', 'rectified'];
    for (const r of rs.slice(0, -1)) {
      const mine = w.filter((x) => x.rule_id === r.getCell(1).value);
      statuses.forEach((s, i) => expect(r.getCell(3 + i).value, `${r.getCell(1).value} ${s}`).toBe(Number(mine.find((x) => x.status === s)?.n ?? 0)));
      expect(value(r.getCell(7))).toBe(mine.reduce((a, x) => a + Number(x.n), 0));
      expect(r.getCell(8).value).toBe(mine.reduce((a, x) => a + Number(x.resolved), 0));
      expect(r.getCell(9).value).toBe(Number(mine.reduce((a, x) => a + BigInt(x.fen), 0n)) / 1e6);
    }
    const total = rs[rs.length - 1];
    expect(value(total.getCell(7))).toBe(w.reduce((a, x) => a + Number(x.n), 0));
    expect((total.getCell(3).value as { formula: string }).formula).toBe('SUM(C4:C15)');
  });

  it('滞后单位清单: units lagging ≥ 15 points with budget ≥ 100,000 元, worst first, match the raw facts', async () => {
    const lag = await db.query<{ mof_div_code: string; agency_code: string; budget: string; paid: string; agency_name: string }>(
      `${F} SELECT f.mof_div_code, f.agency_code, sum(budget)::text AS budget, sum(paid)::text AS paid, min(a.agency_name) AS agency_name
         FROM f JOIN agency a USING (mof_div_code, agency_code)
        WHERE f.fiscal_year = 2026 AND f.d <= '2026-10-31' AND f.exp_func_code NOT LIKE '230%'
        GROUP BY 1, 2 HAVING sum(budget) >= 10000000 AND (sum(paid)::numeric / sum(budget) - 304.0 / 365) * 100 <= -15
        ORDER BY sum(paid)::numeric / sum(budget)`,
    );
    expect(lag.length).toBeGreaterThan(0);
    const rs = rows('滞后单位清单');
    expect(rs.map((r) => [r.getCell(2).value, r.getCell(4).value])).toEqual(lag.map((l) => [l.mof_div_code, l.agency_code]));
    rs.forEach((r, i) => {
      const l = lag[i];
      expect(r.getCell(1).value).toBe(i + 1);
      expect(r.getCell(5).value).toBe(l.agency_name);
      expect(r.getCell(7).value).toBe(Number(l.budget) / 1e6);
      expect(r.getCell(8).value).toBe(Number(l.paid) / 1e6);
      close(r.getCell(9).value, Number(l.paid) / Number(l.budget), 'rate');
      close(r.getCell(10).value, (Number(l.paid) / Number(l.budget) - TP) * 100, 'gap');
    });
  });

  it('说明: the sentences carry the figures (执行率, gap vs 序时进度 in 个百分点, 较上月, 较上年同期)', async () => {
    const all = await execFacts(`'all'`);
    const c = all.cur.get('all')!;
    const p = all.prev.get('all')!;
    const l = all.ly.get('all')!;
    const rate = Number(c.paid) / Number(c.budget);
    const pts = (v: number) => roundHalfUp(Math.abs(v), 1).toFixed(1);
    const gap = (rate - TP) * 100;
    const first = String(wb.getWorksheet('说明')!.getRow(4).getCell(1).value);
    expect(first).toBe(
      `截至10月底，全兵团预算支出执行率${formatPercent(rate)}（支出${fmtWan(c.paid)}万元，预算${fmtWan(c.budget)}万元），` +
        `${gap < 0 ? '低于' : '高于'}序时进度${pts(gap)}个百分点，` +
        `较上月${rate > Number(p.paid) / Number(p.budget) ? '提高' : '下降'}${pts((rate - Number(p.paid) / Number(p.budget)) * 100)}个百分点，` +
        `较上年同期${rate > Number(l.paid) / Number(l.budget) ? '提高' : '下降'}${pts((rate - Number(l.paid) / Number(l.budget)) * 100)}个百分点。`,
    );
    expect(TP_PREV).toBeLessThan(TP);
    const text = wb.getWorksheet('说明')!.getColumn(1).values.join('\n');
    for (const s of ['其中一般公共预算支出执行率', '分地区看', '分功能科目看', '三公经费', '预算绩效', '风险预警', '执行进度滞后单位', '口径说明', '尾差']) expect(text).toContain(s);
  });
});

/** 万元 with two decimals and thousands separators, rounded half-up on integers (an independent check of formatMoney). */
function fmtWan(fen: bigint): string {
  const q = (fen + 5_000n) / 10_000n; // fen ≥ 0 here
  const s = `${q / 100n}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${s}.${String(q % 100n).padStart(2, '0')}`;
}
