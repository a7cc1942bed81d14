import { cast, mul, ratio, sub } from '../sql/ast.ts';
import { defineMetric } from './define.ts';

const ALL_FUNDS = { zh: '全部资金性质（可按资金性质筛选）；不含230转移性支出', en: 'All fund types unless filtered; excludes class 230 transfers' };

/** 预算数: indicators issued up to the as-of date (提前下达 count from month 1). */
export const budget = defineMetric({
  id: 'budget',
  label: { zh: '预算数', en: 'Budget' },
  format: 'fen',
  caliber: {
    definition: { zh: '截至所选日期已下达的预算指标合计（含调整、追加，提前下达指标计入1月）', en: 'Indicators issued up to the as-of date, adjustments included; early-issued ones count from January' },
    fundTypes: ALL_FUNDS,
  },
  parts: ['budget_fen'],
  value: (p) => p.budget_fen,
});

/** 支出数: payments with a pay date up to the as-of date, returns netted. */
export const paid = defineMetric({
  id: 'paid',
  label: { zh: '支出数', en: 'Paid' },
  format: 'fen',
  caliber: {
    definition: { zh: '截至所选日期已支付金额（扣除退回）', en: 'Payments made up to the as-of date, net of returns' },
    fundTypes: ALL_FUNDS,
  },
  parts: ['paid_fen'],
  value: (p) => p.paid_fen,
});

/** 预算执行率 = 支出数 ÷ 预算数. */
export const executionRate = defineMetric({
  id: 'execution_rate',
  label: { zh: '预算执行率', en: 'Execution rate' },
  format: 'percent1',
  caliber: {
    definition: { zh: '支出数 ÷ 预算数', en: 'Paid ÷ budget' },
    fundTypes: ALL_FUNDS,
    denominator: { zh: '截至所选日期的预算数', en: 'Budget as of the date' },
  },
  parts: ['budget_fen', 'paid_fen'],
  value: (p) => ratio(p.paid_fen, p.budget_fen),
});

/** 序时进度: share of the year elapsed (day or month basis, a deployment setting). */
export const timeProgressMetric = defineMetric({
  id: 'time_progress',
  label: { zh: '序时进度', en: 'Time progress' },
  format: 'percent1',
  caliber: {
    definition: { zh: '截至所选日期已过天数 ÷ 全年天数（或月份 ÷ 12，按部署设置）', en: 'Days elapsed ÷ days in the year (or month ÷ 12, per deployment)' },
    fundTypes: { zh: '与资金无关', en: 'Independent of funds' },
  },
  parts: [],
  value: (_p, ctx) => ctx.timeProgress,
});

/** 进度偏差 = 执行率 − 序时进度, in percentage points (negative = lagging). */
export const progressGap = defineMetric({
  id: 'progress_gap',
  label: { zh: '进度偏差', en: 'Progress gap' },
  format: 'pp1',
  caliber: {
    definition: { zh: '预算执行率 − 序时进度（百分点，负值为滞后）', en: 'Execution rate − time progress, in points (negative = lagging)' },
    fundTypes: ALL_FUNDS,
    denominator: { zh: '截至所选日期的预算数', en: 'Budget as of the date' },
  },
  parts: ['budget_fen', 'paid_fen'],
  value: (p, ctx) => mul(sub(ratio(p.paid_fen, p.budget_fen), cast(ctx.timeProgress, 'double')), { k: 'lit', value: 100 }),
});

