import { warningsCube, warningStatusCube } from '../../queries/cubes/warnings.ts';
import { dimensions as d } from '../../queries/dimensions.ts';
import { handledCount, handlingRate, warningAmount, warningCount } from '../../queries/metrics/warnings.ts';
import { defineDashboard, panel } from '../define.ts';
import { SCREEN_CANVAS } from './canvas.ts';

const current = [{ dimension: 'resolved' as const, op: 'eq' as const, value: 0 }];

/** 领导驾驶舱 · 风险预警: open warnings by severity, rule and region, their trend and handling. */
export const riskScreen = defineDashboard({
  id: 'risk',
  title: { zh: '风险预警监控', en: 'Risk warnings' },
  filters: [],
  cubes: [warningsCube, warningStatusCube],
  canvas: SCREEN_CANVAS,
  panels: [
    panel({ id: 'kpis', kind: 'kpi', title: { zh: '预警概况', en: 'Overview' }, cube: warningsCube, metrics: [warningCount, handledCount, handlingRate, warningAmount], filters: current, layout: { x: 0, y: 0, w: 24, h: 2 } }),
    panel({ id: 'by_severity', kind: 'pie', title: { zh: '按预警等级', en: 'By severity' }, cube: warningsCube, by: d.severity, metric: warningCount, filters: current, layout: { x: 0, y: 2, w: 8, h: 5 } }),
    panel({ id: 'by_rule', kind: 'bar', title: { zh: '按预警规则', en: 'By rule' }, cube: warningsCube, by: d.rule_id, metrics: [warningCount], filters: current, sort: 'key', layout: { x: 8, y: 2, w: 16, h: 5 } }),
    panel({ id: 'trend', kind: 'line', title: { zh: '月末未处理预警趋势', en: 'Open at month end' }, cube: warningStatusCube, by: d.month, metrics: [warningCount], series: d.status, layout: { x: 0, y: 7, w: 12, h: 5 } }),
    panel({ id: 'handling_by_org', kind: 'bar', title: { zh: '分地区处理率', en: 'Handling rate by region' }, cube: warningsCube, by: 'children', metrics: [handlingRate, warningCount], sort: 'value_asc', layout: { x: 12, y: 7, w: 12, h: 5 } }),
  ],
});
