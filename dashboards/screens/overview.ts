import { executionCube } from '../../queries/cubes/execution.ts';
import { performanceCube } from '../../queries/cubes/performance.ts';
import { warningsCube } from '../../queries/cubes/warnings.ts';
import { dimensions as d } from '../../queries/dimensions.ts';
import { budget, executionRate, paid, progressGap, timeProgressMetric } from '../../queries/metrics/execution.ts';
import { goalCoverage, monitorCoverage } from '../../queries/metrics/performance.ts';
import { warningAmount, warningCount } from '../../queries/metrics/warnings.ts';
import { defineDashboard, panel } from '../define.ts';
import { SCREEN_CANVAS } from './canvas.ts';

const openRed = [
  { dimension: 'severity' as const, op: 'eq' as const, value: 'red' },
  { dimension: 'resolved' as const, op: 'eq' as const, value: 0 },
];

/** 领导驾驶舱 · 总览: headline figures with 同比, execution against 序时进度, divisions, performance coverage, red warnings. */
export const overviewScreen = defineDashboard({
  id: 'overview',
  title: { zh: '财政运行总览', en: 'Fiscal overview' },
  filters: [],
  cubes: [executionCube, performanceCube, warningsCube],
  canvas: SCREEN_CANVAS,
  panels: [
    panel({ id: 'kpis', kind: 'kpi', title: { zh: '核心指标', en: 'Headline figures' }, cube: executionCube, metrics: [budget, paid, executionRate, progressGap], compare: ['yoy'], layout: { x: 0, y: 0, w: 24, h: 2 } }),
    panel({ id: 'gauge', kind: 'gauge', title: { zh: '预算执行率与序时进度', en: 'Execution vs time progress' }, cube: executionCube, metric: executionRate, target: timeProgressMetric, layout: { x: 0, y: 2, w: 6, h: 5 } }),
    panel({ id: 'by_division', kind: 'bar', title: { zh: '分师执行率', en: 'Execution by division' }, cube: executionCube, by: 'children', metrics: [executionRate], referenceLine: timeProgressMetric, sort: 'value_desc', layout: { x: 6, y: 2, w: 12, h: 5 } }),
    panel({ id: 'goal_gauge', kind: 'gauge', title: { zh: '绩效目标覆盖率', en: 'Performance goal coverage' }, cube: performanceCube, metric: goalCoverage, layout: { x: 18, y: 2, w: 6, h: 5 } }),
    panel({ id: 'coverage', kind: 'bar', title: { zh: '分师绩效目标与监控覆盖率', en: 'Goal and monitoring coverage by division' }, cube: performanceCube, by: 'children', metrics: [goalCoverage, monitorCoverage], sort: 'value_asc', layout: { x: 0, y: 7, w: 12, h: 5 } }),
    panel({
      id: 'red_warnings', kind: 'table', title: { zh: '红色预警（未整改）', en: 'Open red warnings' }, cube: warningsCube, by: ['units', d.rule_id],
      metrics: [warningCount, warningAmount], filters: openRed, orderBy: { metric: warningAmount, desc: true }, limit: 8, layout: { x: 12, y: 7, w: 12, h: 5 },
    }),
  ],
});
