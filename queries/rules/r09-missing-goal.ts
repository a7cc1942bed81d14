import { array, col, eq, gt, lit, not, select, str, table } from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, hit, key, sev, text, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R09 绩效目标缺失: a 特定目标类 project with money and no performance goal. */
export const r09 = defineRule({
  id: 'R09',
  name: { zh: '绩效目标缺失', en: 'Missing performance goal' },
  description: { zh: '金额大于零的特定目标类项目未设定绩效目标', en: 'A kind-3 project with an amount > 0 has no performance goal' },
  basis: { zh: '《关于全面实施预算绩效管理的意见》：未按要求设定绩效目标的项目不得纳入项目库（财预〔2020〕10号）', en: 'Full budget performance management: projects need goals (财预〔2020〕10号)' },
  severityLogic: { zh: '黄色', en: 'Yellow' },
  entityType: 'project',
  thresholds: [],
  window: { zh: '任何日期，评估所选日期所在年度的项目', en: 'Any date; projects of the fiscal year' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    return select({
      select: hit({
        key: key(text(col('fiscal_year')), col('pro_code')),
        severity: sev('yellow'),
        fiscalYear: col('fiscal_year'),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: col('pro_code'),
        amountFen: fen(col('amount')),
        eventDate: asOfDate(ctx),
        evidence: { pro_name: col('pro_name'), amount_fen: fen(col('amount')), exp_func_code: col('exp_func_code') },
        evidenceIds: array(col('pro_code')),
      }),
      from: table('project'),
      where: [eq(col('fiscal_year'), yearParam(ctx)), eq(col('pro_cat_code'), str('3')), gt(col('amount'), lit(0)), not(col('has_perf_goal'))],
    });
  },
});
