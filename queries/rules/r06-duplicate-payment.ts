import { and, array, col, eq, fn, join, le, lt, or, select, table } from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, hit, intParam, key, sev, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R06 重复支付: the same unit, payee account and amount, paid at most a few days apart. */
export const r06 = defineRule({
  id: 'R06',
  name: { zh: '重复支付', en: 'Duplicate payment' },
  description: { zh: '同一单位向同一收款账户支付相同金额，支付日期相隔不超过3天', en: 'Same unit, payee account and amount, pay dates at most 3 days apart' },
  basis: { zh: '国库集中支付动态监控：疑似重复支付须核实', en: 'Treasury payment monitoring: suspected duplicate payments are verified' },
  severityLogic: { zh: '红色', en: 'Red' },
  entityType: 'payment_pair',
  thresholds: [{ key: 'max_days', label: { zh: '相隔天数上限', en: 'Maximum days apart' }, unit: 'days', default: 3, min: 0, max: 60 }],
  window: { zh: '任何日期，评估所选日期所在年度', en: 'Any date; the fiscal year of the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const same = (c: string) => eq(col(c, 'b'), col(c, 'a'));
    return select({
      select: hit({
        key: key(col('pay_app_no', 'a'), col('pay_app_no', 'b')),
        severity: sev('red'),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code', 'a'),
        agencyCode: col('agency_code', 'a'),
        entityId: key(col('pay_app_no', 'a'), col('pay_app_no', 'b')),
        amountFen: fen(col('pay_amt', 'a')),
        eventDate: fn('greatest', col('pay_date', 'a'), col('pay_date', 'b')),
        evidence: {
          pay_amt_fen: fen(col('pay_amt', 'a')), payee_acct_no: col('payee_acct_no', 'a'), payee_acct_name: col('payee_acct_name', 'a'),
          first_date: col('pay_date', 'a'), second_date: col('pay_date', 'b'),
        },
        evidenceIds: array(col('pay_app_no', 'a'), col('pay_app_no', 'b')),
      }),
      from: join(table('pay_voucher', 'a'), table('pay_voucher', 'b'), and(
        same('mof_div_code'), same('agency_code'), same('payee_acct_no'), same('pay_amt'), lt(col('pay_app_no', 'a'), col('pay_app_no', 'b')),
        le(fn('abs', fn('days_between', col('pay_date', 'a'), col('pay_date', 'b'))), intParam(ctx.thresholds.max_days)),
      )),
      where: [or(eq(col('fiscal_year', 'a'), yearParam(ctx)), eq(col('fiscal_year', 'b'), yearParam(ctx))), le(col('pay_date', 'a'), asOfDate(ctx)), le(col('pay_date', 'b'), asOfDate(ctx))],
    });
  },
});
