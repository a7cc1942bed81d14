import {
  addDays, and, arrayAgg, caseWhen, cast, col, count, div, eq, ge, gt, join, le, lit, lt, select, startsWith, str, sum, table, type Expr,
} from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, fenParam, hit, intParam, key, sev, text, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/**
 * R05 拆分支付: ≥ 3 payments from one unit to one payee account within a window of days, each below the procurement
 * threshold, together at or above it. One hit per unit and payee account, dated by the first window that qualifies.
 */
export const r05 = defineRule({
  id: 'R05',
  name: { zh: '拆分支付', en: 'Split payments' },
  description: { zh: '同一单位向同一收款账户在30天内支付3笔以上、每笔低于采购限额而合计达到限额', en: '≥ 3 payments to one payee within 30 days, each below the procurement threshold, together at or above it' },
  basis: { zh: '政府采购法第四十一条禁止化整为零规避采购；分散采购限额标准依国办发〔2019〕55号（货物服务100万元、工程120万元）', en: 'Government Procurement Law forbids splitting to avoid procurement; thresholds per 国办发〔2019〕55号' },
  severityLogic: { zh: '橙色', en: 'Orange' },
  entityType: 'payment_group',
  thresholds: [
    { key: 'goods_yuan', label: { zh: '货物和服务限额（元）', en: 'Goods and services threshold (yuan)' }, unit: 'yuan', default: 1_000_000, min: 1, max: 1e12 },
    { key: 'works_yuan', label: { zh: '工程限额（元，经济分类309）', en: 'Works threshold (yuan, class 309)' }, unit: 'yuan', default: 1_200_000, min: 1, max: 1e12 },
    { key: 'window_days', label: { zh: '时间窗口（天）', en: 'Window (days)' }, unit: 'days', default: 30, min: 1, max: 366 },
    { key: 'min_count', label: { zh: '最少笔数', en: 'Minimum payments' }, unit: 'count', default: 3, min: 2, max: 100 },
  ],
  window: { zh: '任何日期，评估所选日期所在年度已支付的款项', en: 'Any date; payments made in the fiscal year' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const t = ctx.thresholds;
    // Payments (not returns) of the fiscal year paid by the as-of date, on the payment columns `c(name)`.
    const paidInYear = (c: (name: string) => Expr) => [eq(c('fiscal_year'), yearParam(ctx)), le(c('pay_date'), asOfDate(ctx)), gt(c('pay_amt'), lit(0))];
    const acct = ['mof_div_code', 'agency_code', 'payee_acct_no'];
    // Payee accounts that could hold a split at all, by one aggregate straight over the payments (no per-payment
    // conversion, nothing kept per payment): their sub-threshold payments of the year must be enough in number and
    // reach the lower threshold (monthly salaries never come close). Amounts have two decimals, so comparing 元 with
    // fen ÷ 100 is exact.
    const yuanParam = (yuan: number) => div(cast(fenParam(yuan), 'numeric'), lit(100));
    const candidates = select({
      select: acct.map((c) => [c, col(c)] as [string, Expr]),
      from: table('pay_voucher'),
      where: [...paidInYear((c) => col(c)), lt(col('pay_amt'), yuanParam(Math.max(t.goods_yuan, t.works_yuan)))],
      groupBy: acct.map((c) => col(c)),
      having: [ge(count(), intParam(t.min_count)), ge(sum(col('pay_amt')), yuanParam(Math.min(t.goods_yuan, t.works_yuan)))],
    });
    // The payments of those accounts only, with their amount in fen and the threshold that applies to them.
    const x = (c: string) => col(c, 'x');
    const q = select({
      select: [
        ['pay_app_no', x('pay_app_no')], ['mof_div_code', x('mof_div_code')], ['agency_code', x('agency_code')],
        ['payee_acct_no', x('payee_acct_no')], ['payee_acct_name', x('payee_acct_name')], ['pay_date', x('pay_date')],
        ['amt_fen', fen(x('pay_amt'))],
        ['threshold_fen', caseWhen([[startsWith(x('dep_bgt_eco_code'), str('309')), fenParam(t.works_yuan)]], fenParam(t.goods_yuan))],
      ],
      from: join(table('pay_voucher', 'x'), table('k', 'k'), and(...acct.map((c) => eq(col(c, 'k'), x(c))))),
      where: paidInYear(x),
    });
    const same = (c: string) => eq(col(c, 'b'), col(c, 'a'));
    const windows = select({
      select: [
        ['mof_div_code', col('mof_div_code', 'a')], ['agency_code', col('agency_code', 'a')], ['payee_acct_no', col('payee_acct_no', 'a')],
        ['payee_acct_name', col('payee_acct_name', 'a')], ['start_date', col('pay_date', 'a')], ['start_no', col('pay_app_no', 'a')],
        ['n', count()], ['total_fen', cast(sum(col('amt_fen', 'b')), 'bigint')], ['threshold_fen', col('threshold_fen', 'a')],
        ['nos', arrayAgg(col('pay_app_no', 'b'), [col('pay_date', 'b'), col('pay_app_no', 'b')])],
        ['last_date', { k: 'agg', fn: 'max', arg: col('pay_date', 'b') }],
      ],
      from: join(table('q', 'a'), table('q', 'b'), and(
        same('mof_div_code'), same('agency_code'), same('payee_acct_no'),
        ge(col('pay_date', 'b'), col('pay_date', 'a')), le(col('pay_date', 'b'), addDays(col('pay_date', 'a'), intParam(t.window_days))),
        lt(col('amt_fen', 'b'), col('threshold_fen', 'a')),
      )),
      where: [lt(col('amt_fen', 'a'), col('threshold_fen', 'a'))],
      groupBy: [col('pay_app_no', 'a'), col('mof_div_code', 'a'), col('agency_code', 'a'), col('payee_acct_no', 'a'), col('payee_acct_name', 'a'), col('pay_date', 'a'), col('threshold_fen', 'a')],
      having: [ge(count(), intParam(t.min_count)), ge(sum(col('amt_fen', 'b')), col('threshold_fen', 'a'))],
    });
    return select({
      with: [['k', candidates], ['q', q], ['w', windows]],
      // The candidate accounts once: folded into the join, each parallel worker would aggregate the whole year again.
      materialize: ['k'],
      distinctOn: [col('mof_div_code'), col('agency_code'), col('payee_acct_no')],
      select: hit({
        key: key(col('mof_div_code'), col('agency_code'), col('payee_acct_no'), text(col('start_date'))),
        severity: sev('orange'),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: key(col('mof_div_code'), col('agency_code'), col('payee_acct_no')),
        amountFen: col('total_fen'),
        eventDate: col('start_date'),
        evidence: {
          payee_acct_no: col('payee_acct_no'), payee_acct_name: col('payee_acct_name'), payments: col('n'), total_fen: col('total_fen'),
          threshold_fen: col('threshold_fen'), first_date: col('start_date'), last_date: col('last_date'),
        },
        evidenceIds: col('nos'),
      }),
      from: table('w'),
      orderBy: [{ expr: col('mof_div_code') }, { expr: col('agency_code') }, { expr: col('payee_acct_no') }, { expr: col('start_date') }, { expr: col('start_no') }],
    });
  },
});
