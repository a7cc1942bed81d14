import { dimensions as d, regionLevels } from '../dimensions.ts';
import * as m from '../metrics/performance.ts';
import { and, caseWhen, cast, col, eq, ge, isNull, join, lit, ne, select, str, substr, table, type Expr } from '../sql/ast.ts';
import { toFen } from '../facts.ts';
import { defineCube, type Part } from './define.ts';

const pc = (c: string) => col(c, 'p');
const k3 = eq(pc('pro_cat_code'), str('3'));
const fenAmount = toFen(pc('amount'));
const when = (cond: Expr, v: Expr) => cast(caseWhen([[cond, v]], lit(0)), 'bigint');
const evaluated = ne(pc('eval_level'), str('none'));
const selfEval = eq(pc('eval_level'), str('self'));
const keyEval = { k: 'in', arg: pc('eval_level'), values: [str('dept'), str('finance')] } as Expr;

/** Grades, half-open (财预〔2020〕10号): 优 [90, 100], 良 [80, 90), 中 [60, 80), 差 [0, 60). */
const grade = caseWhen(
  [
    [isNull(pc('eval_score')), str('none')],
    [ge(pc('eval_score'), lit(90)), str('excellent')],
    [ge(pc('eval_score'), lit(80)), str('good')],
    [ge(pc('eval_score'), lit(60)), str('fair')],
  ],
  str('poor'),
);

/** Display names of the grade codes. */
export const gradeLabels = {
  excellent: { zh: '优', en: 'Excellent' },
  good: { zh: '良', en: 'Good' },
  fair: { zh: '中', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
  none: { zh: '未评价', en: 'Not evaluated' },
} as const;

const parts: Part[] = [
  ['project_count', '项目数'], ['amount_fen', '项目金额（分）'], ['k3_count', '特定目标类项目数'], ['k3_amount_fen', '特定目标类金额（分）'],
  ['k3_goal_count', '已设目标项目数'], ['k3_goal_amount_fen', '已设目标金额（分）'], ['k3_monitored_count', '已监控项目数'], ['k3_monitored_amount_fen', '已监控金额（分）'],
  ['k3_eval_count', '已评价项目数'], ['k3_eval_amount_fen', '已评价金额（分）'], ['k3_self_count', '单位自评项目数'], ['k3_self_amount_fen', '单位自评金额（分）'],
  ['k3_key_count', '重点评价项目数'], ['k3_key_amount_fen', '重点评价金额（分）'],
].map(([id, zh]) => ({ id, label: { zh, en: id }, kind: id.endsWith('_fen') ? 'fen' : 'count' }) as Part);

/** 绩效 cube: projects by goal, monitoring and evaluation state, grade, kind, org path and primary 功能分类. */
export const performanceCube = defineCube({
  id: 'performance',
  label: { zh: '预算绩效', en: 'Budget performance' },
  table: 'cube_performance',
  dimensions: [
    d.fiscal_year, d.lvl1_code, d.lvl2_code, d.lvl3_code, d.lvl4_code, d.mof_div_code, d.agency_code, d.dept_code, d.pro_cat_code,
    d.exp_func_class, d.exp_func_item, d.has_goal, d.monitored, d.eval_level, d.grade,
  ],
  parts,
  metrics: [
    m.projectCount, m.projectAmount, m.goalCoverage, m.goalCoverageAmount, m.monitorCoverage, m.monitorCoverageAmount, m.evalCoverage,
    m.evalCoverageAmount, m.selfEvalCoverage, m.selfEvalCoverageAmount, m.keyEvalCoverage, m.keyEvalCoverageAmount,
  ],
  source: select({
    select: [
      ['fiscal_year', pc('fiscal_year')],
      ...regionLevels.map((c) => [c, col(c, 'rp')] as [string, Expr]),
      ['mof_div_code', pc('mof_div_code')], ['agency_code', pc('agency_code')], ['dept_code', substr(pc('agency_code'), 1, 3)],
      ['pro_cat_code', pc('pro_cat_code')], ['exp_func_class', substr(pc('exp_func_code'), 1, 3)], ['exp_func_item', substr(pc('exp_func_code'), 1, 5)],
      ['has_goal', caseWhen([[pc('has_perf_goal'), lit(1)]], lit(0))], ['monitored', caseWhen([[pc('monitored'), lit(1)]], lit(0))],
      ['eval_level', pc('eval_level')], ['grade', grade],
      ['project_count', cast(lit(1), 'bigint')], ['amount_fen', fenAmount],
      ['k3_count', when(k3, lit(1))], ['k3_amount_fen', when(k3, fenAmount)],
      ['k3_goal_count', when(and(k3, pc('has_perf_goal')), lit(1))], ['k3_goal_amount_fen', when(and(k3, pc('has_perf_goal')), fenAmount)],
      ['k3_monitored_count', when(and(k3, pc('monitored')), lit(1))], ['k3_monitored_amount_fen', when(and(k3, pc('monitored')), fenAmount)],
      ['k3_eval_count', when(and(k3, evaluated), lit(1))], ['k3_eval_amount_fen', when(and(k3, evaluated), fenAmount)],
      ['k3_self_count', when(and(k3, selfEval), lit(1))], ['k3_self_amount_fen', when(and(k3, selfEval), fenAmount)],
      ['k3_key_count', when(and(k3, keyEval), lit(1))], ['k3_key_amount_fen', when(and(k3, keyEval), fenAmount)],
    ],
    from: join(table('project', 'p'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), pc('mof_div_code'))),
  }),
  partitionBy: ['fiscal_year'],
  asOfFilter: 'year',
});
