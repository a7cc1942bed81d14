import { and, array, col, eq, exists, ge, gt, lit, le, not, param, select, subquery, table } from '../sql/ast.ts';
import { parseIsoDate, yearOf } from '../time.ts';
import { dateParam, fenParam, hit, netIndicators, sev, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R08 沉淀资金: a large (net) indicator with no payment at all by 30 September. */
export const r08 = defineRule({
  id: 'R08',
  name: { zh: '沉淀资金', en: 'Idle funds' },
  description: { zh: '净指标金额达到阈值、截至9月30日仍无任何支付的预算指标', en: 'A net indicator at or above the threshold with no payment by 30 September' },
  basis: { zh: '国务院关于盘活财政存量资金的要求：结余结转资金应及时统筹使用', en: 'State Council rules on activating idle fiscal funds' },
  severityLogic: { zh: '橙色', en: 'Orange' },
  entityType: 'indicator',
  thresholds: [{ key: 'min_yuan', label: { zh: '指标金额下限（元）', en: 'Minimum indicator (yuan)' }, unit: 'yuan', default: 500_000, min: 0, max: 1e12 }],
  window: { zh: '仅在9月30日之后', en: 'Only after 30 September' },
  years: (asOf) => {
    const { m } = parseIsoDate(asOf);
    return m >= 10 ? [yearOf(asOf)] : [];
  },
  query(ctx) {
    const sep30 = dateParam(`${ctx.fiscalYear}-09-30`);
    const paidBySep30 = exists(
      select({
        select: [['one', lit(1)]],
        from: table('pay_voucher', 'p'),
        where: [eq(col('bgt_id', 'p'), col('id', 'n')), gt(col('pay_amt', 'p'), lit(0)), le(col('pay_date', 'p'), sep30)],
      }),
    );
    return select({
      select: hit({
        key: col('id', 'n'),
        severity: sev('orange'),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code', 'n'),
        agencyCode: col('agency_code', 'n'),
        entityId: col('id', 'n'),
        amountFen: col('net_fen', 'n'),
        eventDate: sep30,
        evidence: { net_fen: col('net_fen', 'n'), line_fen: col('line_fen', 'n'), doc_date: col('doc_date', 'n') },
        evidenceIds: array(col('id', 'n')),
      }),
      from: subquery(netIndicators(ctx), 'n'),
      where: [and(ge(col('net_fen', 'n'), fenParam(ctx.thresholds.min_yuan)), not(paidBySep30))],
    });
  },
});
