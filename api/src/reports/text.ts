import { formatMoney, formatPercent, monthEnd, roundHalfUp } from '../../../queries/index.ts';
import { statuses as warningStatuses, statusLabels as warningStatusLabels, type WarningStatus } from '../warnings/workflow.ts';
import { coverageOf, execFigures, growthOf, rateOf, sumExec, sumPerf, type ExecRow, type ReportData } from './figures.ts';

/** 10月底, or 10月20日 when the month is still in progress. */
export function periodLabel(d: ReportData): string {
  const m = d.month % 100;
  return d.asOf === monthEnd(d.month) ? `${m}月底` : `${m}月${Number(d.asOf.slice(8, 10))}日`;
}

export const reportTitle = (d: ReportData) => `${d.org.total}${Math.floor(d.month / 100)}年${d.month % 100}月预算执行分析报告`;

/** The as-of stamp on every sheet and page. */
export function stamp(d: ReportData): string {
  return `数据截至 ${d.dataAsOf}；统计截至 ${d.asOf}；序时进度 ${formatPercent(d.timeProgress)}（${d.basis === 'day' ? '按日' : '按月'}）；金额单位：万元；不含230转移性支出`;
}


/** "提高0.3个百分点" / "下降1.2个百分点" / "持平". */
function change(v: number | null): string {
  if (v === null) return '无可比数据';
  const r = roundHalfUp(v, 1);
  if (r === 0) return '持平';
  return `${r > 0 ? '提高' : '下降'}${Math.abs(r).toFixed(1)}个百分点`;
}

/** "高于序时进度0.2个百分点" / "低于…" / "与序时进度持平". */
function vsProgress(gap: number | null): string {
  if (gap === null) return '无预算数，无法与序时进度比较';
  const r = roundHalfUp(gap, 1);
  if (r === 0) return '与序时进度持平';
  return `${r > 0 ? '高于' : '低于'}序时进度${Math.abs(r).toFixed(1)}个百分点`;
}

/** One execution sentence from the figures of a row. */
export function executionSentence(d: ReportData, subject: string, row: ExecRow): string {
  const f = execFigures(d, row);
  const vsPrev = d.prevAsOf ? `较上月${change(f.vsPrev)}` : '（1月为年度首月，不作环比）';
  return `${subject}执行率${formatPercent(f.rate)}（支出${formatMoney(row.cur.paid)}万元，预算${formatMoney(row.cur.budget)}万元），${vsProgress(f.gap)}，${vsPrev}，较上年同期${change(f.vsLastYear)}。`;
}

/** The 说明: sentences written from the figures by templates. */
export function summarySentences(d: ReportData): string[] {
  const out: string[] = [];
  const gp = d.funds.find((f) => f.code === '11')!;
  out.push(`截至${periodLabel(d)}，${d.org.total}${executionSentence(d, '预算支出', d.total)}`);
  out.push(executionSentence(d, '其中一般公共预算支出', gp));
  out.push(`当月支出${formatMoney(d.total.monthPaid)}万元；上年同期支出${formatMoney(d.total.lastYear.paid)}万元，同比${yoy(d.total.cur.paid, d.total.lastYear.paid)}。`);
  const regions = d.regions.filter((r) => r.depth === 1 && rateOf(r.cur) !== null);
  if (regions.length) {
    const sorted = [...regions].sort((a, b) => rateOf(b.cur)! - rateOf(a.cur)!);
    const lag = regions.filter((r) => rateOf(r.cur)! < d.timeProgress).length;
    out.push(`分地区看，执行率最高的是${sorted[0].name}（${formatPercent(rateOf(sorted[0].cur))}），最低的是${sorted[sorted.length - 1].name}（${formatPercent(rateOf(sorted[sorted.length - 1].cur))}）；${regions.length}个下级地区中有${lag}个低于序时进度。`);
  }
  const classes = d.func.filter((r) => r.level === 'class' && r.cur.paid !== 0n).sort((a, b) => (b.cur.paid > a.cur.paid ? 1 : b.cur.paid < a.cur.paid ? -1 : 0));
  if (classes.length) {
    const top = classes.slice(0, 3).map((c) => `${c.name}${formatMoney(c.cur.paid)}万元（执行率${formatPercent(rateOf(c.cur))}）`);
    out.push(`分功能科目看，支出规模居前的是${top.join('、')}。`);
  }
  const sg = sangongTotal(d);
  out.push(`三公经费（${d.sangong.fundPrefix === '1' ? '财政拨款' : '一般公共预算'}）支出${formatMoney(sg.cur.paid)}万元，预算${formatMoney(sg.cur.budget)}万元，执行率${formatPercent(rateOf(sg.cur))}；上年同期支出${formatMoney(sg.lastYear.paid)}万元，同比${yoy(sg.cur.paid, sg.lastYear.paid)}。`);
  const p = perfTotal(d);
  const c = coverageOf(p);
  out.push(
    `预算绩效：特定目标类项目${p.k3Count}个，绩效目标覆盖率${formatPercent(c.goal)}，绩效监控覆盖率${formatPercent(c.monitor)}；上年度特定目标类项目${p.prevK3Count}个，绩效评价覆盖率${formatPercent(c.eval)}（单位自评${formatPercent(c.self)}，重点评价${formatPercent(c.key)}）。`,
  );
  const w = warningTotals(d);
  out.push(`风险预警：截至月末累计发现预警${w.all}条，其中${warningStatuses.map((s) => `${warningStatusLabels[s]}${w.byStatus[s]}条`).join('、')}。`);
  out.push(`执行进度滞后单位${d.lagging.units.length}家（进度偏差≤${d.lagging.orangeGapPp}个百分点且预算数≥${formatMoney(BigInt(Math.round(d.lagging.minBudgetYuan * 100)))}万元），名单见“滞后单位清单”。`);
  return out;
}

/** Notes on definitions (口径说明), shown under the summary. */
export function caliberNotes(d: ReportData): string[] {
  return [
    '预算数：截至统计日已下达的预算指标（含调整、追加；提前下达指标计入1月）。支出数：截至统计日已支付金额（扣除退回）。',
    '预算执行率 = 支出数 ÷ 预算数；进度偏差 = 执行率 − 序时进度（个百分点，负值为滞后）；较上月、较上年同期为执行率之差（个百分点）。',
    `序时进度：${d.basis === 'day' ? '截至统计日已过天数 ÷ 全年天数' : '统计日所在月份 ÷ 12'}。`,
    '预算数、支出数均不含230转移性支出，避免跨级重复计算。金额以万元列示，单元格保存精确值、显示两位小数；合计为精确值的四舍五入，与分项四舍五入之和可能存在尾差。',
  ];
}

export function yoy(cur: bigint, last: bigint): string {
  const growth = growthOf(cur, last);
  if (growth === null) return '无可比数据';
  const g = roundHalfUp(growth * 100, 1);
  return g === 0 ? '持平' : `${g > 0 ? '增长' : '下降'}${Math.abs(g).toFixed(1)}%`;
}

export const sangongTotal = (d: ReportData): ExecRow => sumExec(d.sangong.rows, d.prevAsOf !== null);

export const perfTotal = (d: ReportData) => sumPerf(d.perf);

export function warningTotals(d: ReportData) {
  const byStatus = Object.fromEntries(warningStatuses.map((s) => [s, d.warnings.reduce((a, w) => a + w.byStatus[s], 0)])) as Record<WarningStatus, number>;
  return { byStatus, all: Object.values(byStatus).reduce((a, b) => a + b, 0), resolved: d.warnings.reduce((a, w) => a + w.resolved, 0), amountFen: d.warnings.reduce((a, w) => a + w.amountFen, 0n) };
}
