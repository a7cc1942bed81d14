import { caseWhen, cast, coalesce, col, eq, ge, join, le, lit, mul, param, ratio, select, sub, subquery, sum, table, type Expr } from '../sql/ast.ts';
import { timeProgress, timeProgressFraction, yearOf } from '../time.ts';
import { asOfDate, fen, fenParam, hit, key, noIds, notTransfer, ratio4, sev, text, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R01 执行进度滞后: a unit's execution rate lags time progress (财政部 预算执行进度考核; 序时进度). */
export const r01 = defineRule({
  id: 'R01',
  name: { zh: '执行进度滞后', en: 'Execution lags time progress' },
  description: { zh: '单位预算执行率低于序时进度达到阈值', en: "A unit's execution rate lags time progress by at least the threshold" },
  basis: { zh: '预算法及财政部关于加快预算执行进度的要求：支出进度应与序时进度相匹配', en: 'Budget execution should keep pace with the year (MoF execution-progress requirements)' },
  severityLogic: { zh: '偏差 ≤ −15 个百分点为橙色，≤ −30 个百分点为红色；仅预算数 ≥ 10 万元的单位', en: 'gap ≤ −15 pp orange, ≤ −30 pp red; units with budget ≥ 100,000 yuan only' },
  entityType: 'unit',
  thresholds: [
    { key: 'orange_gap_pp', label: { zh: '橙色偏差（百分点）', en: 'Orange gap (pp)' }, unit: 'pp', default: -15, min: -100, max: 0 },
    { key: 'red_gap_pp', label: { zh: '红色偏差（百分点）', en: 'Red gap (pp)' }, unit: 'pp', default: -30, min: -100, max: 0 },
    { key: 'min_budget_yuan', label: { zh: '最低预算数（元）', en: 'Minimum budget (yuan)' }, unit: 'yuan', default: 100_000, min: 0, max: 1e12 },
  ],
  window: { zh: '任何日期，评估所选日期所在年度', en: 'Any date; the fiscal year of the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const t = ctx.thresholds;
    const tp = lit(timeProgress(ctx.asOf, ctx.timeProgressBasis));
    const flows = (tableName: string, amount: string, dateCol: string, part: string) =>
      select({
        // Amounts have two decimals: the fen of the sum is the sum of the fen, converted once per unit.
        select: [['mof_div_code', col('mof_div_code')], ['agency_code', col('agency_code')], [part, fen(sum(col(amount)))]],
        from: table(tableName),
        where: [eq(col('fiscal_year'), yearParam(ctx)), le(col(dateCol), asOfDate(ctx)), notTransfer(col('exp_func_code'))],
        groupBy: [col('mof_div_code'), col('agency_code')],
      });
    const paidFen = coalesce(col('paid_fen', 'p'), lit(0));
    const rate = ratio(paidFen, col('budget_fen', 'b'));
    const gap: Expr = mul(sub(rate, tp), lit(100));
    // The comparison is exact (no float rounding at a boundary such as exactly −15.0 pp): with time progress d/D,
    // gap ≤ G  ⇔  100·paid·D − 100·d·budget ≤ G·budget·D, all in NUMERIC.
    const [d, D] = timeProgressFraction(ctx.asOf, ctx.timeProgressBasis);
    const lhs: Expr = sub(mul(mul(cast(col('paid_fen'), 'numeric'), lit(100)), lit(D)), mul(mul(cast(col('budget_fen'), 'numeric'), lit(100)), lit(d)));
    const atMost = (pp: number): Expr => le(lhs, mul(mul(cast(param(String(pp)), 'numeric'), cast(col('budget_fen'), 'numeric')), lit(D)));
    const g = select({
      select: [
        ['mof_div_code', col('mof_div_code', 'b')], ['agency_code', col('agency_code', 'b')], ['budget_fen', col('budget_fen', 'b')],
        ['paid_fen', paidFen], ['rate', rate], ['gap', gap],
      ],
      from: join(subquery(flows('bgt_indicator', 'amount', 'doc_date', 'budget_fen'), 'b'), subquery(flows('pay_voucher', 'pay_amt', 'pay_date', 'paid_fen'), 'p'),
        { k: 'logic', op: 'and', args: [eq(col('mof_div_code', 'p'), col('mof_div_code', 'b')), eq(col('agency_code', 'p'), col('agency_code', 'b'))] }, 'left'),
      where: [ge(col('budget_fen', 'b'), fenParam(t.min_budget_yuan))],
    });
    return select({
      select: hit({
        key: key(text(yearParam(ctx)), col('mof_div_code'), col('agency_code')),
        severity: caseWhen([[atMost(t.red_gap_pp), sev('red')]], sev('orange')),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: key(col('mof_div_code'), col('agency_code')),
        amountFen: col('budget_fen'),
        eventDate: asOfDate(ctx),
        evidence: { budget_fen: col('budget_fen'), paid_fen: col('paid_fen'), execution_rate: ratio4(col('rate')), time_progress: ratio4(tp), gap_pp: ratio4(col('gap')) },
        evidenceIds: noIds(),
      }),
      from: subquery(g, 'g'),
      where: [atMost(t.orange_gap_pp)],
    });
  },
});
