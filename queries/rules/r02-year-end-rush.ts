import { and, caseWhen, col, eq, ge, gt, le, lit, notNull, ratio, select, sum, table } from '../sql/ast.ts';
import { monthEnd, parseIsoDate, yearOf } from '../time.ts';
import { dateParam, fen, hit, intParam, key, noIds, notTransfer, numParam, ratio4, sev, text } from './common.ts';
import { defineRule } from './define.ts';

/** R02 年底突击支出: the share of a unit's annual spending paid in December. */
export const r02 = defineRule({
  id: 'R02',
  name: { zh: '年底突击支出', en: 'Year-end spending rush' },
  description: { zh: '单位12月支出占全年支出的比例超过阈值', en: "December's share of a unit's annual spending exceeds the threshold" },
  basis: { zh: '财政部关于严禁年底突击花钱的要求，预算执行应均衡', en: 'MoF rules against year-end rush spending; execution should be even through the year' },
  severityLogic: { zh: '12月支出占比 > 25% 为橙色，> 40% 为红色', en: 'December share > 25% orange, > 40% red' },
  entityType: 'unit',
  thresholds: [
    { key: 'orange_share', label: { zh: '橙色占比', en: 'Orange share' }, unit: 'ratio', default: 0.25, min: 0, max: 1 },
    { key: 'red_share', label: { zh: '红色占比', en: 'Red share' }, unit: 'ratio', default: 0.4, min: 0, max: 1 },
  ],
  window: { zh: '已结束的上一年度；当年仅自12月起', en: 'The closed previous year; the current year only from December' },
  years: (asOf) => (parseIsoDate(asOf).m === 12 ? [yearOf(asOf) - 1, yearOf(asOf)] : [yearOf(asOf) - 1]),
  query(ctx) {
    const y = ctx.fiscalYear;
    const upTo = dateParam(ctx.asOf < monthEnd(y * 100 + 12) ? ctx.asOf : monthEnd(y * 100 + 12));
    // Amounts have two decimals, so the fen of a sum equals the sum of the fen: one conversion per unit, not per
    // payment; December by its dates (no month arithmetic per payment).
    const december = caseWhen([[and(ge(col('pay_date'), dateParam(`${y}-12-01`)), le(col('pay_date'), dateParam(monthEnd(y * 100 + 12)))), col('pay_amt')]], lit(0));
    const shares = select({
      select: [
        ['mof_div_code', col('mof_div_code')], ['agency_code', col('agency_code')],
        ['annual_fen', fen(sum(col('pay_amt')))], ['december_fen', fen(sum(december))],
      ],
      from: table('pay_voucher'),
      where: [eq(col('fiscal_year'), intParam(y)), notNull(col('pay_date')), { k: 'op', op: '<=', left: col('pay_date'), right: upTo }, notTransfer(col('exp_func_code'))],
      groupBy: [col('mof_div_code'), col('agency_code')],
    });
    const share = ratio(col('december_fen'), col('annual_fen'));
    return select({
      select: hit({
        key: key(text(intParam(y)), col('mof_div_code'), col('agency_code')),
        severity: caseWhen([[gt(share, numParam(ctx.thresholds.red_share)), sev('red')]], sev('orange')),
        fiscalYear: intParam(y),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: key(col('mof_div_code'), col('agency_code')),
        amountFen: col('december_fen'),
        eventDate: dateParam(monthEnd(y * 100 + 12)),
        evidence: { annual_paid_fen: col('annual_fen'), december_paid_fen: col('december_fen'), december_share: ratio4(share) },
        evidenceIds: noIds(),
      }),
      from: { k: 'sub', query: shares, alias: 's' },
      where: [gt(col('annual_fen'), lit(0)), gt(share, numParam(ctx.thresholds.orange_share))],
    });
  },
});
