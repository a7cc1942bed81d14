import { executionCube } from '../../queries/cubes/execution.ts';
import { dimensions as d } from '../../queries/dimensions.ts';
import { budget, executionRate, paid, progressGap, timeProgressMetric } from '../../queries/metrics/execution.ts';
import { defineDashboard, panel } from '../define.ts';
import { SCREEN_CANVAS } from './canvas.ts';

/** 领导驾驶舱 · 预算执行: progress against 序时进度 by division and month, classification, fund type, lagging units. */
export const executionScreen = defineDashboard({
  id: 'execution',
  title: { zh: '预算执行监控', en: 'Budget execution' },
  filters: [],
  cubes: [executionCube],
  canvas: SCREEN_CANVAS,
  panels: [
    panel({ id: 'kpis', kind: 'kpi', title: { zh: '总体执行', en: 'Overview' }, cube: executionCube, metrics: [budget, paid, executionRate, timeProgressMetric, progressGap], compare: ['yoy'], layout: { x: 0, y: 0, w: 24, h: 2 } }),
    panel({ id: 'by_org', kind: 'bar', title: { zh: '分地区执行率', en: 'Execution by region' }, cube: executionCube, by: 'children', metrics: [executionRate], referenceLine: timeProgressMetric, sort: 'value_desc', layout: { x: 0, y: 2, w: 12, h: 5 } }),
    panel({ id: 'monthly', kind: 'line', title: { zh: '累计执行进度与序时进度', en: 'Cumulative execution vs time progress' }, cube: executionCube, by: d.month, metrics: [executionRate, timeProgressMetric], cumulative: true, compareLastYear: true, layout: { x: 12, y: 2, w: 12, h: 5 } }),
    panel({ id: 'by_func', kind: 'bar', title: { zh: '分功能科目（类）', en: 'By function class' }, cube: executionCube, by: d.exp_func_class, metrics: [budget, paid], sort: 'value_desc', limit: 8, layout: { x: 0, y: 7, w: 8, h: 5 } }),
    panel({ id: 'by_fund', kind: 'pie', title: { zh: '分资金性质支出', en: 'Paid by fund type' }, cube: executionCube, by: d.fund_type_code, metric: paid, layout: { x: 8, y: 7, w: 8, h: 5 } }),
    panel({
      id: 'lagging', kind: 'table', title: { zh: '执行滞后单位', en: 'Most lagging units' }, cube: executionCube, by: ['units'],
      metrics: [executionRate, progressGap], orderBy: { metric: progressGap }, where: [{ metric: budget, op: '>', value: 0 }],
      highlight: { metric: progressGap, below: -15 }, limit: 8, layout: { x: 16, y: 7, w: 8, h: 5 },
    }),
  ],
});
