import { array, col, eq, gt, join, le, select, sub, subquery, sum, table } from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, hit, netIndicators, sev, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R10 超指标支付: payments against an indicator exceed its net amount (the line plus its adjustments). */
export const r10 = defineRule({
  id: 'R10',
  name: { zh: '超指标支付', en: 'Paid beyond the indicator' },
  description: { zh: '依据某指标的支付合计超过该指标净额（含调整、追加）', en: 'Payments against an indicator exceed its net amount (adjustments included)' },
  basis: { zh: '预算法第五十七条：各级预算的支出必须按照预算执行，不得超预算支出', en: 'Budget Law art. 57: no spending beyond the budget' },
  severityLogic: { zh: '红色', en: 'Red' },
  entityType: 'indicator',
  thresholds: [],
  window: { zh: '任何日期，评估所选日期所在年度', en: 'Any date; the fiscal year of the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    // Amounts have two decimals, so the fen of the sum equals the sum of the fen: one conversion per indicator, not per
    // payment.
    const paid = select({
      select: [['bgt_id', col('bgt_id')], ['paid_fen', fen(sum(col('pay_amt')))]],
      from: table('pay_voucher'),
      where: [eq(col('fiscal_year'), yearParam(ctx)), le(col('pay_date'), asOfDate(ctx))],
      groupBy: [col('bgt_id')],
    });
    return select({
      select: hit({
        key: col('id', 'n'),
        severity: sev('red'),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code', 'n'),
        agencyCode: col('agency_code', 'n'),
        entityId: col('id', 'n'),
        amountFen: sub(col('paid_fen', 'p'), col('net_fen', 'n')),
        eventDate: asOfDate(ctx),
        evidence: { net_fen: col('net_fen', 'n'), line_fen: col('line_fen', 'n'), paid_fen: col('paid_fen', 'p'), excess_fen: sub(col('paid_fen', 'p'), col('net_fen', 'n')) },
        evidenceIds: array(col('id', 'n')),
      }),
      from: join(subquery(netIndicators(ctx), 'n'), subquery(paid, 'p'), eq(col('bgt_id', 'p'), col('id', 'n'))),
      where: [gt(col('paid_fen', 'p'), col('net_fen', 'n'))],
    });
  },
});
