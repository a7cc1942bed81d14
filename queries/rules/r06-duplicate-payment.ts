import { and, array, col, eq, fn, ge, join, le, lt, or, select, subquery, table, window, type Expr } from '../sql/ast.ts';
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
  // The planner takes the close neighbours for ~10 % of all payments (it cannot estimate the window's filter; in fact
  // a handful) and would look their payments up by reading the whole table into a hash: by index instead.
  planner: { enable_hashjoin: 'off', enable_mergejoin: 'off' },
  query(ctx) {
    const maxDays = intParam(ctx.thresholds.max_days);
    const keyCols = ['mof_div_code', 'agency_code', 'payee_acct_no', 'pay_amt'];
    const keys = keyCols.map((c) => col(c));
    // A payment can only be in a close pair if its neighbour in date order (same unit, account, amount) is close.
    // Payments on the same date are each other's neighbours at 0 days whatever their order, so the date alone orders
    // them: the window follows the payee index (unit, account, amount, date; migration 009) and sorts nothing. It
    // reads nothing but that index (an index-only scan, no visit to the table per payment): the neighbours are taken
    // among all payments paid by the as-of date, of any year. That finds every payment of a close pair among the two
    // years' payments too (between the two payments of such a pair, whatever else lies in date order is as close), so
    // the candidates' payments are looked up again (by index), kept to the two years and paired exactly as before.
    const neighbours = select({
      select: [
        ...[...keyCols, 'pay_date'].map((c) => [c, col(c)] as [string, Expr]),
        ['prev_date', window(fn('lag', col('pay_date')), keys, [col('pay_date')])],
        ['next_date', window(fn('lead', col('pay_date')), keys, [col('pay_date')])],
      ],
      from: table('pay_voucher'),
      where: [le(col('pay_date'), asOfDate(ctx))],
    });
    const close = select({
      select: [...keyCols, 'pay_date'].map((c) => [c, col(c)] as [string, Expr]),
      from: subquery(neighbours, 'n'),
      where: [or(le(fn('days_between', col('pay_date'), col('prev_date')), maxDays), le(fn('days_between', col('next_date'), col('pay_date')), maxDays))],
      groupBy: [...keyCols, 'pay_date'].map((c) => col(c)),
    });
    const x = (c: string) => col(c, 'x');
    const candidates = select({
      select: ['pay_app_no', 'fiscal_year', 'mof_div_code', 'agency_code', 'payee_acct_no', 'payee_acct_name', 'pay_amt', 'pay_date'].map((c) => [c, x(c)] as [string, Expr]),
      from: join(table('pay_voucher', 'x'), subquery(close, 'k'), and(...[...keyCols, 'pay_date'].map((c) => eq(x(c), col(c, 'k'))))),
      where: [le(x('pay_date'), asOfDate(ctx)), ge(x('fiscal_year'), intParam(ctx.fiscalYear - 1)), le(x('fiscal_year'), yearParam(ctx))],
    });
    const same = (c: string) => eq(col(c, 'b'), col(c, 'a'));
    return select({
      with: [['c', candidates]],
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
      from: join(table('c', 'a'), table('c', 'b'), and(
        same('mof_div_code'), same('agency_code'), same('payee_acct_no'), same('pay_amt'), lt(col('pay_app_no', 'a'), col('pay_app_no', 'b')),
        le(fn('abs', fn('days_between', col('pay_date', 'a'), col('pay_date', 'b'))), maxDays),
      )),
      where: [or(eq(col('fiscal_year', 'a'), yearParam(ctx)), eq(col('fiscal_year', 'b'), yearParam(ctx)))],
    });
  },
});
