import { array, caseWhen, cast, col, eq, ge, gt, join, or, param, ratio, select, subquery, sum, table, unionAll, notNull, type Expr, type Select } from '../sql/ast.ts';
import { regionLevels } from '../dimensions.ts';
import { yearOf } from '../time.ts';
import { dateParam, fen, hit, key, numParam, ratio4, sev, text, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R12 债务率预警: a region's consolidated debt ratio (balance ÷ fiscal capacity over its subtree), or balance above limit. */
export const r12 = defineRule({
  id: 'R12',
  name: { zh: '债务率预警', en: 'Debt ratio warning' },
  description: { zh: '地区（汇总本级及下级）债务余额与综合财力之比达到预警线，或债务余额超过限额', en: "A region's consolidated debt ÷ fiscal capacity at a warning line, or debt above its limit" },
  basis: { zh: '地方政府债务风险评估和预警办法：债务率100%–120%为国际通行警戒区间，财政部按债务率分级预警；债务余额不得超过限额（预算法第三十五条）', en: 'Local debt risk rules; Budget Law art. 35 (balance within the limit)' },
  severityLogic: { zh: '≥ 120% 黄色，≥ 200% 橙色，≥ 300% 或余额超限额为红色', en: '≥ 120% yellow, ≥ 200% orange, ≥ 300% or balance > limit red' },
  entityType: 'region',
  thresholds: [
    { key: 'yellow_ratio', label: { zh: '黄色债务率', en: 'Yellow ratio' }, unit: 'ratio', default: 1.2, min: 0, max: 100 },
    { key: 'orange_ratio', label: { zh: '橙色债务率', en: 'Orange ratio' }, unit: 'ratio', default: 2, min: 0, max: 100 },
    { key: 'red_ratio', label: { zh: '红色债务率', en: 'Red ratio' }, unit: 'ratio', default: 3, min: 0, max: 100 },
  ],
  window: { zh: '任何日期，评估所选日期所在年度', en: 'Any date; the fiscal year of the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    // Each region's subtree: debt rows grouped by the ancestor at every level of the region path.
    const byLevel = (lvl: string): Select =>
      select({
        select: [
          ['root', col(lvl, 'rp')],
          ['balance_fen', cast(sum(fen(col('debt_balance', 'd'))), 'bigint')],
          ['limit_fen', cast(sum(fen(col('debt_limit', 'd'))), 'bigint')],
          ['capacity_fen', cast(sum(fen(col('fiscal_capacity', 'd'))), 'bigint')],
        ],
        from: join(table('debt', 'd'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), col('mof_div_code', 'd'))),
        where: [eq(col('fiscal_year', 'd'), yearParam(ctx)), notNull(col(lvl, 'rp'))],
        groupBy: [col(lvl, 'rp')],
      });
    const t = ctx.thresholds;
    const r: Expr = ratio(col('balance_fen'), col('capacity_fen'));
    const over = gt(col('balance_fen'), col('limit_fen'));
    return select({
      select: hit({
        key: key(text(yearParam(ctx)), col('root')),
        severity: caseWhen([[or(over, ge(r, numParam(t.red_ratio))), sev('red')], [ge(r, numParam(t.orange_ratio)), sev('orange')]], sev('yellow')),
        fiscalYear: yearParam(ctx),
        mofDivCode: col('root'),
        agencyCode: { k: 'lit', value: null },
        entityId: col('root'),
        amountFen: col('balance_fen'),
        eventDate: dateParam(ctx.asOf),
        evidence: { debt_balance_fen: col('balance_fen'), debt_limit_fen: col('limit_fen'), fiscal_capacity_fen: col('capacity_fen'), debt_ratio: ratio4(r) },
        evidenceIds: array(col('root')),
      }),
      from: subquery(unionAll(...regionLevels.map(byLevel)), 'sub'),
      where: [or(over, ge(r, numParam(t.yellow_ratio)))],
    });
  },
});
