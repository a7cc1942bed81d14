import { performanceCube } from '../queries/cubes/performance.ts';
import { warningsCube } from '../queries/cubes/warnings.ts';
import { dimensions as d } from '../queries/dimensions.ts';
import * as m from '../queries/metrics/performance.ts';
import { defineDashboard, panel } from './define.ts';

/** 预算绩效: goal and monitoring coverage this year, evaluation coverage of the previous year, grades. */
export const performanceDashboard = defineDashboard({
  id: 'performance',
  title: { zh: '预算绩效管理', en: 'Budget performance' },
  description: { zh: '当年绩效目标、绩效监控覆盖率与上年绩效评价覆盖率（按个数与按金额）', en: 'Goal and monitoring coverage this year; evaluation coverage of the previous year' },
  filters: ['org', 'asOf', 'func'],
  cubes: [performanceCube, warningsCube],
  panels: [
    panel({ id: 'kpis_current', kind: 'kpi', title: { zh: '当年绩效目标与监控', en: 'This year' }, cube: performanceCube, metrics: [m.goalCoverage, m.goalCoverageAmount, m.monitorCoverage, m.monitorCoverageAmount], layout: { x: 0, y: 0, w: 12, h: 2 } }),
    panel({ id: 'kpis_eval', kind: 'kpi', title: { zh: '上年绩效评价', en: 'Previous year evaluation' }, cube: performanceCube, period: 'previous_year_end', metrics: [m.evalCoverage, m.evalCoverageAmount, m.selfEvalCoverage, m.keyEvalCoverage], layout: { x: 12, y: 0, w: 12, h: 2 } }),
    panel({ id: 'goal_by_org', kind: 'bar', title: { zh: '分地区绩效目标覆盖率', en: 'Goal coverage by region' }, cube: performanceCube, by: 'children', metrics: [m.goalCoverage, m.goalCoverageAmount, m.monitorCoverage], sort: 'value_asc', onClick: 'drill_org', layout: { x: 0, y: 2, w: 12, h: 5 } }),
    panel({ id: 'goal_by_func', kind: 'bar', title: { zh: '分功能科目绩效目标覆盖率', en: 'Goal coverage by function class' }, cube: performanceCube, by: d.exp_func_class, metrics: [m.goalCoverage, m.goalCoverageAmount], sort: 'value_asc', onClick: 'filter_func', limit: 15, layout: { x: 12, y: 2, w: 12, h: 5 } }),
    panel({ id: 'eval_by_org', kind: 'bar', title: { zh: '分地区上年评价覆盖率（单位自评 / 重点评价）', en: 'Evaluation coverage by region' }, cube: performanceCube, period: 'previous_year_end', by: 'children', metrics: [m.selfEvalCoverage, m.keyEvalCoverage, m.evalCoverageAmount], onClick: 'drill_org', layout: { x: 0, y: 7, w: 14, h: 5 } }),
    panel({ id: 'grades', kind: 'pie', title: { zh: '上年评价等级分布', en: 'Grades, previous year' }, cube: performanceCube, period: 'previous_year_end', by: d.grade, metric: m.projectCount, filters: [{ dimension: 'pro_cat_code', op: 'eq', value: '3' }, { dimension: 'grade', op: 'ne', value: 'none' }], layout: { x: 14, y: 7, w: 10, h: 5 } }),
    panel({ id: 'missing_goals', kind: 'warnings_list', title: { zh: '未设绩效目标的特定目标类项目', en: 'Kind-3 projects without goals' }, cube: warningsCube, filters: [{ dimension: 'rule_id', op: 'eq', value: 'R09' }], limit: 100, layout: { x: 0, y: 12, w: 24, h: 5 } }),
  ],
});
