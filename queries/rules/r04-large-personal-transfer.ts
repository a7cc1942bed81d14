import { caseWhen, col, eq, fn, ge, isIn, lt, not, param, select, str, substr, table } from '../sql/ast.ts';
import { addDays, yearOf } from '../time.ts';
import { dateParam, fen, fenParam, hit, noIds, sev, yearParam } from './common.ts';
import { array } from '../sql/ast.ts';
import { defineRule } from './define.ts';

/** R04 大额转账至个人账户: one payment to a person outside 工资福利 (301) and 对个人和家庭的补助 (303). */
export const r04 = defineRule({
  id: 'R04',
  name: { zh: '大额转账至个人账户', en: 'Large transfer to a personal account' },
  description: { zh: '经济分类不属于301、303的单笔支付转入个人账户且金额达到阈值', en: 'A single payment to a person, outside economic classes 301/303, at or above the threshold' },
  basis: { zh: '国库集中支付管理：公务支出原则上转账至单位账户，向个人大额转账须重点核查（公务卡与现金管理规定）', en: 'Treasury payment rules: public spending goes to organisations; large transfers to persons are checked' },
  severityLogic: { zh: '≥ 5 万元为橙色，≥ 20 万元为红色', en: '≥ 50,000 orange, ≥ 200,000 red' },
  entityType: 'payment',
  thresholds: [
    { key: 'orange_yuan', label: { zh: '橙色金额（元）', en: 'Orange amount (yuan)' }, unit: 'yuan', default: 50_000, min: 0, max: 1e12 },
    { key: 'red_yuan', label: { zh: '红色金额（元）', en: 'Red amount (yuan)' }, unit: 'yuan', default: 200_000, min: 0, max: 1e12 },
  ],
  window: { zh: '任何日期；含尚待支付的申请', en: 'Any date; pending applications included' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const amount = fen(col('pay_amt'));
    return select({
      select: hit({
        key: col('pay_app_no'),
        severity: caseWhen([[ge(amount, fenParam(ctx.thresholds.red_yuan)), sev('red')]], sev('orange')),
        fiscalYear: col('fiscal_year'),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: col('pay_app_no'),
        amountFen: amount,
        eventDate: fn('business_date', col('apply_time'), param(ctx.timeZone)),
        evidence: { pay_amt_fen: amount, payee_acct_name: col('payee_acct_name'), payee_acct_no: col('payee_acct_no'), eco_code: col('dep_bgt_eco_code'), pay_date: col('pay_date') },
        evidenceIds: array(col('pay_app_no')),
      }),
      from: table('pay_voucher'),
      where: [
        eq(col('fiscal_year'), yearParam(ctx)), eq(col('payee_type'), str('person')),
        not(isIn(substr(col('dep_bgt_eco_code'), 1, 3), [str('301'), str('303')])),
        ge(amount, fenParam(ctx.thresholds.orange_yuan)),
        lt(col('apply_time'), fn('day_start', dateParam(addDays(ctx.asOf, 1)), param(ctx.timeZone))),
      ],
    });
  },
});
