import {
  compileSlice, cubes, effectiveAsOf, monthEnd, monthKey, postgres, regionLevels, timeProgress, type Cube, type SliceFilter, type SliceRequest,
} from '../../../queries/index.ts';
import { compilePeriodParts } from '../../../queries/period-parts.ts';
import { rules } from '../../../queries/rules/index.ts';
import { sangongItems } from '../../../queries/rules/r03-sangong-over-budget.ts';
import { metricValue } from '../../../queries/metrics/evaluate.ts';
import { executionRate, progressGap } from '../../../queries/metrics/execution.ts';
import { evalCoverage, goalCoverage, goalCoverageAmount, keyEvalCoverage, monitorCoverage, selfEvalCoverage } from '../../../queries/metrics/performance.ts';
import type { Queryable } from '../db/types.ts';
import { loadRuleSettings } from '../warnings/settings.ts';
import { statuses as warningStatuses, type WarningStatus } from '../warnings/workflow.ts';

/** Budget and paid of one row, integer fen. */
export interface Money {
  budget: bigint;
  paid: bigint;
}

/** A row of the execution tables: the figures at the month's end, at the previous month's end and a year earlier. */
export interface ExecRow {
  cur: Money;
  /** Paid within the month itself. */
  monthPaid: bigint;
  prev: Money | null;
  lastYear: Money;
}

export interface RegionRow extends ExecRow {
  code: string;
  name: string;
  /** 'own' = the region's own units (本级); 'total' = its subtree (汇总). */
  kind: 'own' | 'total';
  /** 0 = the report's org, 1 = a child, 2 = a grandchild. */
  depth: number;
  /** For a child with children: its 本级 and its children follow it. */
  hasChildren: boolean;
}

export interface ClassRow extends ExecRow {
  code: string;
  name: string;
  level: 'class' | 'item';
}

export interface PerfRow {
  code: string;
  name: string;
  kind: 'own' | 'total';
  k3Count: bigint;
  k3AmountFen: bigint;
  goalCount: bigint;
  goalAmountFen: bigint;
  monitoredCount: bigint;
  monitoredAmountFen: bigint;
  /** Previous fiscal year's kind-3 projects and their evaluations (evaluation of year Y happens in Y+1). */
  prevK3Count: bigint;
  prevK3AmountFen: bigint;
  evalCount: bigint;
  evalAmountFen: bigint;
  selfCount: bigint;
  keyCount: bigint;
}

export interface WarningRow {
  ruleId: string;
  ruleName: string;
  /** Count by handling status at the end of the month. */
  byStatus: Record<WarningStatus, number>;
  resolved: number;
  /** Amount the warnings involve (evidence figures), integer fen. */
  amountFen: bigint;
}

export interface LaggingUnit {
  mofDivCode: string;
  mofDivName: string;
  agencyCode: string;
  agencyName: string;
  deptName: string;
  budget: bigint;
  paid: bigint;
  rate: number;
  gapPp: number;
}

export interface ReportData {
  /** `total`: the name of its 汇总 (全兵团 at the top), `own`: of its 本级 (兵团本级, 第一师本级). */
  org: { code: string; name: string; level: number; total: string; own: string };
  /** yyyymm of the report's month. */
  month: number;
  /** The figures' date: the month's end, or dataAsOf when the month is still in progress. */
  asOf: string;
  prevAsOf: string | null;
  lastYearAsOf: string;
  dataAsOf: string;
  basis: 'day' | 'month';
  timeProgress: number;
  prevTimeProgress: number | null;
  lastYearTimeProgress: number;
  /** The whole org (汇总), all fund types. */
  total: ExecRow;
  /** By fund type group (一般公共预算, 政府性基金, …). */
  funds: Array<ExecRow & { code: string; name: string }>;
  regions: RegionRow[];
  func: ClassRow[];
  eco: ClassRow[];
  sangong: { fundPrefix: string; rows: Array<ExecRow & { code: string; name: string; items: string[] }> };
  perf: PerfRow[];
  grades: Array<{ grade: string; name: string; count: bigint; amountFen: bigint }>;
  warnings: WarningRow[];
  lagging: { orangeGapPp: number; minBudgetYuan: number; units: LaggingUnit[] };
  /** Cumulative execution rate at each month end of this year (to the as-of month) and of the previous year. */
  trend: Array<{ month: number; rate: number | null; lastYearRate: number | null; timeProgress: number }>;
}

/** A report cannot be made for this input: names the parameter. */
export class ReportInputError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

/** 资金性质 groups shown in 总体执行 (classified by prefix). */
export const fundGroups = [
  ['11', '一般公共预算'], ['12', '政府性基金预算'], ['13', '国有资本经营预算'], ['14', '社会保险基金预算'], ['2', '财政专户管理资金'], ['3', '单位资金'],
] as const;

export const sangongGroups = [
  { code: '30212', name: '因公出国（境）费用', items: ['30212'] },
  { code: '30217', name: '公务接待费', items: ['30217'] },
  { code: '30231', name: '公务用车运行维护费', items: ['30231'] },
  { code: '30913+31013', name: '公务用车购置费', items: ['30913', '31013'] },
];

export const gradeNames: Record<string, string> = { excellent: '优', good: '良', fair: '中', poor: '差', none: '未评分' };

const big = (v: unknown) => BigInt(String(v ?? 0));
const zero = (): Money => ({ budget: 0n, paid: 0n });
const addTo = (a: Money, b: Money) => {
  a.budget += b.budget;
  a.paid += b.paid;
};

/** The sum of execution rows (exact, in fen); `withPrev` false when the month has no previous month (January). */
export function sumExec(rows: Iterable<ExecRow>, withPrev: boolean): ExecRow {
  const t: ExecRow = { cur: zero(), monthPaid: 0n, prev: withPrev ? zero() : null, lastYear: zero() };
  for (const r of rows) {
    addTo(t.cur, r.cur);
    t.monthPaid += r.monthPaid;
    if (t.prev && r.prev) addTo(t.prev, r.prev);
    addTo(t.lastYear, r.lastYear);
  }
  return t;
}

const perfCounts = ['k3Count', 'k3AmountFen', 'goalCount', 'goalAmountFen', 'monitoredCount', 'monitoredAmountFen', 'prevK3Count', 'prevK3AmountFen', 'evalCount', 'evalAmountFen', 'selfCount', 'keyCount'] as const;

/** The sum of performance rows' counts and amounts, labelled as the first row. */
export function sumPerf(rows: PerfRow[]): PerfRow {
  const t = { ...rows[0] };
  for (const k of perfCounts) t[k] = rows.reduce((s, p) => s + p[k], 0n);
  return t;
}

/** `a ÷ b` of exact integers (fen, counts); null when `b` is zero. */
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b));

/** Execution rate of fen figures (the execution_rate metric); null when there is no budget. */
export const rateOf = (m: Money) => metricValue(executionRate, { paid_fen: m.paid, budget_fen: m.budget });

/** 进度偏差 in points at time progress `tp` (the progress_gap metric); null when there is no budget. */
export const gapOf = (m: Money, tp: number) => metricValue(progressGap, { paid_fen: m.paid, budget_fen: m.budget }, { timeProgress: tp });

/**
 * The derived figures of an execution row, computed in one place for the workbook, the PDF page and the sentences:
 * the rate and its gap to 序时进度 (metrics), the previous month's and last year's rates, and the changes in points.
 */
export function execFigures(d: Pick<ReportData, 'timeProgress'>, r: ExecRow) {
  const rate = rateOf(r.cur);
  const prev = r.prev ? rateOf(r.prev) : null;
  const lastYear = rateOf(r.lastYear);
  const points = (a: number | null, b: number | null) => (a === null || b === null ? null : (a - b) * 100);
  return { rate, gap: gapOf(r.cur, d.timeProgress), prev, vsPrev: points(rate, prev), lastYear, vsLastYear: points(rate, lastYear), growth: growthOf(r.cur.paid, r.lastYear.paid) };
}

/** Growth of `cur` over `last` (同比), e.g. 0.052; null when `last` is zero. */
export function growthOf(cur: bigint, last: bigint): number | null {
  const q = ratio(cur, last);
  return q === null ? null : q - 1;
}

/**
 * The coverage rates of a performance row (the metrics of queries/metrics/performance.ts): goal and monitoring over
 * this year's kind-3 projects, evaluations over the previous year's.
 */
export function coverageOf(p: PerfRow) {
  const thisYear = { k3_count: p.k3Count, k3_amount_fen: p.k3AmountFen, k3_goal_count: p.goalCount, k3_goal_amount_fen: p.goalAmountFen, k3_monitored_count: p.monitoredCount };
  const lastYear = { k3_count: p.prevK3Count, k3_eval_count: p.evalCount, k3_self_count: p.selfCount, k3_key_count: p.keyCount };
  return {
    goal: metricValue(goalCoverage, thisYear), goalAmount: metricValue(goalCoverageAmount, thisYear), monitor: metricValue(monitorCoverage, thisYear),
    eval: metricValue(evalCoverage, lastYear), self: metricValue(selfEvalCoverage, lastYear), key: metricValue(keyEvalCoverage, lastYear),
  };
}

/**
 * Names of a region's 汇总 and 本级, as the dashboards show them: 全兵团 / 兵团本级 at the top of the tree (新疆生产建设兵团 → 兵团,
 * 河南省 → 省), the plain name and 第一师本级 below.
 */
export function orgLabels(name: string, level: number): { total: string; own: string } {
  if (level !== 1) return { total: name, own: `${name}本级` };
  const base = name.replace(/本级$/, '');
  const short = base.endsWith('兵团') ? '兵团' : base.endsWith('自治区') ? '区' : base.endsWith('省') ? '省' : base.endsWith('市') ? '市' : base;
  return { total: `全${short}`, own: `${short}本级` };
}

/** `(lvl1_code = $n OR … OR lvl4_code = $n)`: rows within the subtree of the region bound as `param` (compileSlice's org filter). */
const subtreeSql = (param: string, alias = '') => `(${regionLevels.map((c) => `${alias}${c} = ${param}`).join(' OR ')})`;

function prevMonthKey(month: number): number | null {
  return month % 100 === 1 ? null : month - 1;
}

/**
 * Everything the monthly report shows for `org` and `month` (yyyymm), computed in PostgreSQL over the cube tables
 * with the semantic layer's definitions (money in integer fen, 类 230 excluded, 序时进度 per queries/time.ts).
 */
export async function computeReport(db: Queryable, o: { org: string; month: number; dataAsOf: string; basis: 'day' | 'month' }): Promise<ReportData> {
  const [orgRow] = await db.query<{ mof_div_code: string; mof_div_name: string; level: number }>('SELECT mof_div_code, mof_div_name, level FROM region WHERE mof_div_code = $1', [o.org]);
  if (!orgRow) throw new ReportInputError('没有这个财政区划', 'org');
  const monthStart = `${Math.floor(o.month / 100)}-${String(o.month % 100).padStart(2, '0')}-01`;
  if (monthStart > o.dataAsOf) throw new ReportInputError(`该月份晚于数据截至日期 ${o.dataAsOf}`, 'month');
  const year = Math.floor(o.month / 100);
  const asOf = effectiveAsOf(monthEnd(o.month), o.dataAsOf);
  const pm = prevMonthKey(o.month);
  const prevAsOf = pm ? monthEnd(pm) : null;
  const lastYearAsOf = monthEnd(o.month - 100);
  const ctx = { dataAsOf: o.dataAsOf, timeProgressBasis: o.basis };
  const org: SliceFilter = { dimension: 'org', op: 'subtree', value: o.org };

  const slice = async (cube: Cube, req: Omit<SliceRequest, 'filters'> & { filters?: SliceFilter[] }) => {
    const q = compileSlice(cube, { ...req, filters: [org, ...(req.filters ?? [])] }, postgres, ctx);
    return db.query<Record<string, unknown>>(q.sql, q.params);
  };

  /**
   * Budget and paid at the month's end, the previous month's end and a year earlier, plus the month's own payments, by
   * region, by fund type, by 功能分类 类/款, by 经济分类 类/款 and by 经济分类款 × fund type (三公经费): one scan of the
   * execution cube's parts (sums of budget_fen and paid_fen; "as of month M" is month ≤ M, as compileSlice does).
   */
  type Keyed = ExecRow & { keys: Record<string, unknown> };
  const sets = { region: new Map<string, Keyed>(), fund: new Map<string, Keyed>(), func: new Map<string, Keyed>(), eco: new Map<string, Keyed>(), ecoFund: new Map<string, Keyed>() };
  {
    const groupings: Array<[Map<string, Keyed>, string[]]> = [
      [sets.region, ['mof_div_code']], [sets.fund, ['fund_type_code']], [sets.func, ['exp_func_class', 'exp_func_item']],
      [sets.eco, ['eco_class', 'eco_item']], [sets.ecoFund, ['eco_item', 'fund_type_code']],
    ];
    const q = compilePeriodParts(
      cubes.execution,
      {
        sets: groupings.map(([, dims]) => dims),
        periods: {
          cur: { year, through: monthKey(asOf) % 100 },
          month: { year, month: o.month % 100 },
          prev: { year, through: pm ? pm % 100 : 0 },
          ly: { year: year - 1, through: o.month % 100 },
        },
        filters: [org],
      },
      postgres,
    );
    for (const r of await db.query<Record<string, string | null>>(q.sql, q.params)) {
      const [map, dims] = groupings[Number(r.grouping_set)];
      map.set(dims.map((d) => r[d] ?? '').join('|'), {
        keys: Object.fromEntries(dims.map((d) => [d, r[d]])),
        cur: { budget: big(r.cur_budget_fen), paid: big(r.cur_paid_fen) },
        monthPaid: big(r.month_paid_fen),
        prev: prevAsOf ? { budget: big(r.prev_budget_fen), paid: big(r.prev_paid_fen) } : null,
        lastYear: { budget: big(r.ly_budget_fen), paid: big(r.ly_paid_fen) },
      });
    }
  }
  const sumRows = (rows: Iterable<ExecRow>): ExecRow => sumExec(rows, prevAsOf !== null);

  // --- regions: per mof_div_code, rolled up along the tree (integer fen, exact) ---
  const regionRows = await db.query<{ mof_div_code: string; mof_div_name: string; parent_code: string | null }>(
    `SELECT r.mof_div_code, r.mof_div_name, r.parent_code FROM region r JOIN region_path rp USING (mof_div_code)
      WHERE ${subtreeSql('$1', 'rp.')} ORDER BY r.mof_div_code`,
    [o.org],
  );
  const children = new Map<string, string[]>();
  const nameOf = new Map(regionRows.map((r) => [r.mof_div_code, r.mof_div_name]));
  for (const r of regionRows) if (r.parent_code && r.mof_div_code !== o.org) children.set(r.parent_code, [...(children.get(r.parent_code) ?? []), r.mof_div_code]);
  const byRegion = sets.region;
  const own = (code: string): ExecRow => byRegion.get(code) ?? sumRows([]);
  const subtree = (code: string): ExecRow => sumRows([own(code), ...(children.get(code) ?? []).map(subtree)]);
  const total = subtree(o.org);
  const regions: RegionRow[] = [];
  const topKids = children.get(o.org) ?? [];
  const labels = orgLabels(orgRow.mof_div_name, Number(orgRow.level));
  regions.push({ ...own(o.org), code: o.org, name: labels.own, kind: 'own', depth: 0, hasChildren: false });
  for (const c of topKids) {
    const kids = children.get(c) ?? [];
    regions.push({ ...subtree(c), code: c, name: nameOf.get(c)!, kind: 'total', depth: 1, hasChildren: kids.length > 0 });
    if (kids.length) {
      regions.push({ ...own(c), code: c, name: `${nameOf.get(c)}本级`, kind: 'own', depth: 2, hasChildren: false });
      for (const g of kids) regions.push({ ...subtree(g), code: g, name: nameOf.get(g)!, kind: 'total', depth: 2, hasChildren: false });
    }
  }

  // --- fund groups ---
  const byFund = sets.fund;
  const funds: ReportData["funds"] = fundGroups.map(([code, name]) => ({ code: code as string, name: name as string, ...sumRows([...byFund.values()].filter((r) => String(r.keys.fund_type_code).startsWith(code))) }));
  const otherFunds = [...byFund.values()].filter((r) => !fundGroups.some(([c]) => String(r.keys.fund_type_code).startsWith(c)));
  if (otherFunds.length) funds.push({ code: '—', name: '其他', ...sumRows(otherFunds) });

  // --- classifications ---
  const names = async (tableName: 'exp_func' | 'dep_bgt_eco') => {
    const rows = await db.query<{ code: string; name: string }>(`SELECT code, name FROM ${tableName} WHERE fiscal_year = $1`, [year]);
    return new Map(rows.map((r) => [r.code, r.name]));
  };
  const classRows = async (classDim: string, itemDim: string, tableName: 'exp_func' | 'dep_bgt_eco') => {
    const nm = await names(tableName);
    const items = classDim === 'exp_func_class' ? sets.func : sets.eco;
    const byClass = new Map<string, Array<ExecRow & { keys: Record<string, unknown> }>>();
    for (const r of items.values()) {
      const c = String(r.keys[classDim]);
      byClass.set(c, [...(byClass.get(c) ?? []), r]);
    }
    const out: ClassRow[] = [];
    for (const c of [...byClass.keys()].sort()) {
      const its = byClass.get(c)!.sort((a, b) => String(a.keys[itemDim]).localeCompare(String(b.keys[itemDim])));
      out.push({ ...sumRows(its), code: c, name: nm.get(c) ?? c, level: 'class' });
      for (const i of its) {
        const code = String(i.keys[itemDim]);
        out.push({ cur: i.cur, monthPaid: i.monthPaid, prev: i.prev, lastYear: i.lastYear, code, name: nm.get(code) ?? code, level: 'item' });
      }
    }
    return out;
  };
  const func = await classRows('exp_func_class', 'exp_func_item', 'exp_func');
  const eco = await classRows('eco_class', 'eco_item', 'dep_bgt_eco');

  // --- 三公经费 (财政拨款 by default; the prefix is R03's setting) ---
  const settings = await loadRuleSettings(db);
  const fundPrefix = String(Math.round(settings.get('R03')?.thresholds.fund_prefix ?? 1));
  const sg = [...sets.ecoFund.values()].filter((r) => (sangongItems as readonly string[]).includes(String(r.keys.eco_item)) && String(r.keys.fund_type_code).startsWith(fundPrefix));
  const sangong = { fundPrefix, rows: sangongGroups.map((g) => ({ ...g, ...sumRows(sg.filter((r) => g.items.includes(String(r.keys.eco_item)))) })) };

  // --- 绩效: the performance cube's parts, by region, this year and (evaluations) the previous year ---
  const perfParts = await db.query<Record<string, string>>(
    `SELECT mof_div_code, fiscal_year, sum(k3_count) AS k3_count, sum(k3_amount_fen) AS k3_amount_fen, sum(k3_goal_count) AS goal_count,
            sum(k3_goal_amount_fen) AS goal_amount_fen, sum(k3_monitored_count) AS monitored_count, sum(k3_monitored_amount_fen) AS monitored_amount_fen,
            sum(k3_eval_count) AS eval_count, sum(k3_eval_amount_fen) AS eval_amount_fen, sum(k3_self_count) AS self_count, sum(k3_key_count) AS key_count
       FROM ${cubes.performance.table} WHERE fiscal_year IN ($1, $1 - 1) AND ${subtreeSql('$2')} GROUP BY mof_div_code, fiscal_year`,
    [year, o.org],
  );
  const perfOwn = (code: string): PerfRow => {
    const cy = perfParts.find((r) => r.mof_div_code === code && Number(r.fiscal_year) === year);
    const py = perfParts.find((r) => r.mof_div_code === code && Number(r.fiscal_year) === year - 1);
    return {
      code, name: nameOf.get(code) ?? code, kind: 'own',
      k3Count: big(cy?.k3_count), k3AmountFen: big(cy?.k3_amount_fen), goalCount: big(cy?.goal_count), goalAmountFen: big(cy?.goal_amount_fen),
      monitoredCount: big(cy?.monitored_count), monitoredAmountFen: big(cy?.monitored_amount_fen),
      prevK3Count: big(py?.k3_count), prevK3AmountFen: big(py?.k3_amount_fen), evalCount: big(py?.eval_count), evalAmountFen: big(py?.eval_amount_fen),
      selfCount: big(py?.self_count), keyCount: big(py?.key_count),
    };
  };
  const perfSubtree = (code: string): PerfRow => ({ ...sumPerf([perfOwn(code), ...(children.get(code) ?? []).map(perfSubtree)]), kind: 'total' });
  const perf = [{ ...perfOwn(o.org), name: labels.own }, ...topKids.map(perfSubtree)];
  const gradeRows = await db.query<{ grade: string; n: string; amount: string }>(
    `SELECT grade, sum(k3_eval_count) AS n, sum(k3_eval_amount_fen) AS amount FROM ${cubes.performance.table}
      WHERE fiscal_year = $1 - 1 AND ${subtreeSql('$2')} AND k3_eval_count > 0 GROUP BY grade`,
    [year, o.org],
  );
  const grades = ['excellent', 'good', 'fair', 'poor', 'none'].map((g) => {
    const r = gradeRows.find((x) => x.grade === g);
    return { grade: g, name: gradeNames[g], count: big(r?.n), amountFen: big(r?.amount) };
  });

  // --- 风险预警: warnings first seen up to the month's end (any earlier month), by rule × handling status (status as of generation) ---
  const wRows = await slice(cubes.warnings, {
    dimensions: ['rule_id', 'status', 'resolved'],
    metrics: ['warning_count', 'warning_amount'],
    asOf,
    filters: [{ dimension: 'seen_month', op: 'between', from: 0, to: o.month }],
  });
  const warnings: WarningRow[] = rules.map((r) => {
    const mine = wRows.filter((w) => w.rule_id === r.id);
    const byStatus = Object.fromEntries(warningStatuses.map((s) => [s, mine.filter((w) => w.status === s).reduce((a, w) => a + Number(w.warning_count), 0)])) as Record<WarningStatus, number>;
    return {
      ruleId: r.id, ruleName: r.name.zh, byStatus,
      resolved: mine.filter((w) => Number(w.resolved) === 1).reduce((a, w) => a + Number(w.warning_count), 0),
      amountFen: mine.reduce((a, w) => a + big(w.warning_amount), 0n),
    };
  });

  // --- 滞后单位: R01's thresholds (progress gap and minimum budget) ---
  const r01 = settings.get('R01')!.thresholds;
  const lagRows = await slice(cubes.execution, {
    dimensions: ['mof_div_code', 'agency_code'],
    metrics: ['budget', 'paid', 'execution_rate', 'progress_gap'],
    asOf,
    where: [{ metric: 'progress_gap', op: '<=', value: r01.orange_gap_pp }, { metric: 'budget', op: '>=', value: r01.min_budget_yuan * 100 }],
    orderBy: [{ key: 'progress_gap' }],
  });
  const agencyNames = await db.query<{ mof_div_code: string; agency_code: string; agency_name: string; dept_name: string }>(
    `SELECT a.mof_div_code, a.agency_code, a.agency_name, a.dept_name FROM agency a JOIN region_path rp USING (mof_div_code)
      WHERE ${subtreeSql('$1', 'rp.')}`,
    [o.org],
  );
  const agencyOf = new Map(agencyNames.map((a) => [`${a.mof_div_code}:${a.agency_code}`, a]));
  const units: LaggingUnit[] = lagRows.map((r) => {
    const a = agencyOf.get(`${r.mof_div_code}:${r.agency_code}`);
    return {
      mofDivCode: String(r.mof_div_code), mofDivName: nameOf.get(String(r.mof_div_code)) ?? '', agencyCode: String(r.agency_code),
      agencyName: a?.agency_name ?? '', deptName: a?.dept_name ?? '', budget: big(r.budget), paid: big(r.paid), rate: Number(r.execution_rate), gapPp: Number(r.progress_gap),
    };
  });

  // --- trend: the cumulative execution rate by month, this year and the previous one ---
  const [ty, lyTrend] = await Promise.all([
    slice(cubes.execution, { dimensions: ['month'], metrics: ['execution_rate'], asOf, cumulative: true }),
    slice(cubes.execution, { dimensions: ['month'], metrics: ['execution_rate'], asOf: monthEnd(year * 100 - 100 + 12), cumulative: true }),
  ]);
  const rateAt = (rows: Array<Record<string, unknown>>, month: number) => {
    const v = rows.find((r) => Number(r.month) === month)?.execution_rate;
    return v === null || v === undefined ? null : Number(v);
  };
  const trend = [];
  for (let m = 1; m <= o.month % 100; m++) {
    const end = monthEnd(year * 100 + m);
    trend.push({ month: m, rate: rateAt(ty, year * 100 + m), lastYearRate: rateAt(lyTrend, (year - 1) * 100 + m), timeProgress: timeProgress(end < asOf ? end : asOf, o.basis) });
  }

  return {
    org: { code: o.org, name: orgRow.mof_div_name, level: Number(orgRow.level), ...labels },
    month: o.month, asOf, prevAsOf, lastYearAsOf, dataAsOf: o.dataAsOf, basis: o.basis,
    timeProgress: timeProgress(asOf, o.basis),
    prevTimeProgress: prevAsOf ? timeProgress(prevAsOf, o.basis) : null,
    lastYearTimeProgress: timeProgress(lastYearAsOf, o.basis),
    total, funds, regions, func, eco, sangong, perf, grades, warnings,
    lagging: { orangeGapPp: r01.orange_gap_pp, minBudgetYuan: r01.min_budget_yuan, units },
    trend,
  };
}
