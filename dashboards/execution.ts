import { approvalCube } from '../queries/cubes/approval.ts';
import { executionCube } from '../queries/cubes/execution.ts';
import { dimensions as d } from '../queries/dimensions.ts';
import { approvalHoursMean, approvalHoursP90, pendingCount } from '../queries/metrics/approval.ts';
import { budget, executionRate, paid, progressGap, timeProgressMetric } from '../queries/metrics/execution.ts';
import { sangongItems } from '../queries/rules/r03-sangong-over-budget.ts';
import { defineDashboard, panel } from './define.ts';

/** 预算执行分析: execution against time progress by org, classification, fund type and month. */
export const executionDashboard = defineDashboard({
  id: 'execution',
  title: { zh: '预算执行分析', en: 'Budget execution' },
  description: { zh: '预算执行率与序时进度对比，按地区、功能分类、经济分类、资金性质逐级分析', en: 'Execution against time progress by region, classification and fund type' },
  filters: ['org', 'fund', 'asOf', 'func', 'eco'],
  cubes: [executionCube, approvalCube],
  panels: [
    panel({ id: 'kpis', kind: 'kpi', title: { zh: '总体执行', en: 'Overview' }, cube: executionCube, metrics: [budget, paid, executionRate, timeProgressMetric, progressGap], compare: ['yoy', 'mom'], layout: { x: 0, y: 0, w: 24, h: 2 } }),
    panel({ id: 'by_org', kind: 'bar', title: { zh: '分地区执行率', en: 'Execution by region' }, cube: executionCube, by: 'children', metrics: [executionRate], referenceLine: timeProgressMetric, sort: 'value_desc', onClick: 'drill_org', layout: { x: 0, y: 2, w: 12, h: 5 } }),
    panel({ id: 'monthly', kind: 'line', title: { zh: '累计执行进度与序时进度', en: 'Cumulative execution vs time progress' }, cube: executionCube, by: d.month, metrics: [executionRate, timeProgressMetric], cumulative: true, compareLastYear: true, onClick: 'drill_through', layout: { x: 12, y: 2, w: 12, h: 5 } }),
    panel({ id: 'by_func', kind: 'bar', title: { zh: '分功能科目（类）', en: 'By function class' }, cube: executionCube, by: d.exp_func_class, metrics: [budget, paid], sort: 'value_desc', onClick: 'filter_func', limit: 15, layout: { x: 0, y: 7, w: 8, h: 5 } }),
    panel({ id: 'by_eco', kind: 'bar', title: { zh: '分经济分类（类）', en: 'By economic class' }, cube: executionCube, by: d.eco_class, metrics: [budget, paid], sort: 'value_desc', onClick: 'filter_eco', layout: { x: 8, y: 7, w: 8, h: 5 } }),
    panel({ id: 'by_fund', kind: 'pie', title: { zh: '分资金性质支出', en: 'Paid by fund type' }, cube: executionCube, by: d.fund_type_code, metric: paid, onClick: 'filter_fund', layout: { x: 16, y: 7, w: 8, h: 5 } }),
    panel({
      id: 'lagging', kind: 'table', title: { zh: '执行滞后单位排名', en: 'Most lagging units' }, cube: executionCube, by: ['units'],
      metrics: [budget, paid, executionRate, progressGap], orderBy: { metric: progressGap }, where: [{ metric: budget, op: '>', value: 0 }],
      highlight: { metric: progressGap, below: -15 }, limit: 20, onClick: 'drill_through', layout: { x: 0, y: 12, w: 12, h: 7 },
    }),
    panel({
      id: 'sangong', kind: 'bar', title: { zh: '三公经费预算与支出', en: '三公 budget vs paid' }, cube: executionCube, by: 'children', metrics: [budget, paid],
      filters: [{ dimension: 'eco_item', op: 'in', values: [...sangongItems] }, { dimension: 'fund_type_code', op: 'prefix', value: '1' }], ignore: ['fund', 'eco'],
      onClick: 'drill_org', layout: { x: 12, y: 12, w: 12, h: 3 },
    }),
    panel({
      id: 'approval', kind: 'bar', title: { zh: '支付审批平均耗时与P90（小时）', en: 'Approval time, mean and p90 (hours)' }, cube: approvalCube, by: 'children',
      metrics: [approvalHoursMean, approvalHoursP90, pendingCount], ignore: ['func', 'eco'], onClick: 'drill_org', layout: { x: 12, y: 15, w: 12, h: 4 },
    }),
  ],
});
