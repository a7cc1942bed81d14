import { cast, coalesce, col, eq, gt, isIn, join, le, lit, param, select, startsWith, str, sub, subquery, sum, table } from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, hit, key, noIds, sev, text, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** The 三公经费 款: 因公出国（境）, 公务接待, 公务用车运行维护, 公务用车购置 (two 款). */
export const sangongItems = ['30212', '30217', '30231', '30913', '31013'] as const;

/** R03 三公经费超预算: paid on 三公 款 from 财政拨款 exceeds the budget on them, per unit. */
export const r03 = defineRule({
  id: 'R03',
  name: { zh: '三公经费超预算', en: '"Three public expenses" over budget' },
  description: { zh: '单位财政拨款三公经费支出超过三公经费预算', en: "A unit's 三公 spending from government funds exceeds its 三公 budget" },
  basis: { zh: '中央八项规定及三公经费预算管理：三公经费只减不增，不得超预算支出', en: 'Eight-point rules: 三公 spending may not exceed its budget' },
  severityLogic: { zh: '任何超支均为红色', en: 'Any excess is red' },
  entityType: 'unit',
  thresholds: [{ key: 'fund_prefix', label: { zh: '资金性质前缀（1=财政拨款，11=一般公共预算）', en: 'Fund type prefix (1 or 11)' }, unit: 'count', default: 1, min: 1, max: 11 }],
  window: { zh: '任何日期，评估所选日期所在年度', en: 'Any date; the fiscal year of the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const prefix = String(Math.round(ctx.thresholds.fund_prefix));
    const part = (tableName: string, amount: string, dateCol: string, name: string) =>
      select({
        select: [['mof_div_code', col('mof_div_code')], ['agency_code', col('agency_code')], [name, cast(sum(fen(col(amount))), 'bigint')]],
        from: table(tableName),
        where: [
          eq(col('fiscal_year'), yearParam(ctx)), le(col(dateCol), asOfDate(ctx)),
          isIn(col('dep_bgt_eco_code'), sangongItems.map((c) => str(c))), startsWith(col('fund_type_code'), param(prefix)),
        ],
        groupBy: [col('mof_div_code'), col('agency_code')],
      });
    const budget = coalesce(col('budget_fen', 'b'), lit(0));
    return select({
      select: hit({
        key: key(text(yearParam(ctx)), col('mof_div_code', 'p'), col('agency_code', 'p')),
        severity: sev('red'),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('mof_div_code', 'p'),
        agencyCode: col('agency_code', 'p'),
        entityId: key(col('mof_div_code', 'p'), col('agency_code', 'p')),
        amountFen: sub(col('paid_fen', 'p'), budget),
        eventDate: asOfDate(ctx),
        evidence: { sangong_budget_fen: budget, sangong_paid_fen: col('paid_fen', 'p'), excess_fen: sub(col('paid_fen', 'p'), budget) },
        evidenceIds: noIds(),
      }),
      from: join(subquery(part('pay_voucher', 'pay_amt', 'pay_date', 'paid_fen'), 'p'), subquery(part('bgt_indicator', 'amount', 'doc_date', 'budget_fen'), 'b'),
        { k: 'logic', op: 'and', args: [eq(col('mof_div_code', 'b'), col('mof_div_code', 'p')), eq(col('agency_code', 'b'), col('agency_code', 'p'))] }, 'left'),
      where: [gt(col('paid_fen', 'p'), budget)],
    });
  },
});
