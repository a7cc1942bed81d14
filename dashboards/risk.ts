import { warningsCube, warningStatusCube } from '../queries/cubes/warnings.ts';
import { dimensions as d } from '../queries/dimensions.ts';
import { handledCount, handlingRate, warningAmount, warningCount } from '../queries/metrics/warnings.ts';
import { defineDashboard, panel } from './define.ts';

const current = [{ dimension: 'resolved' as const, op: 'eq' as const, value: 0 }];

/** 风险预警: warnings by severity and rule, trend, org × rule, handling rate, and the list with its workflow. */
export const riskDashboard = defineDashboard({
  id: 'risk',
  title: { zh: '风险预警监控', en: 'Risk warnings' },
  description: { zh: '动态监控预警规则命中情况与核实整改进度', en: 'Rule hits and their handling' },
  filters: ['org', 'rule', 'severity', 'status'],
  cubes: [warningsCube, warningStatusCube],
  panels: [
    panel({ id: 'kpis', kind: 'kpi', title: { zh: '预警概况', en: 'Overview' }, cube: warningsCube, metrics: [warningCount, handledCount, handlingRate, warningAmount], filters: current, layout: { x: 0, y: 0, w: 24, h: 2 } }),
    panel({ id: 'by_severity', kind: 'pie', title: { zh: '按预警等级', en: 'By severity' }, cube: warningsCube, by: d.severity, metric: warningCount, filters: current, onClick: 'filter_severity', layout: { x: 0, y: 2, w: 8, h: 5 } }),
    panel({ id: 'by_rule', kind: 'bar', title: { zh: '按预警规则', en: 'By rule' }, cube: warningsCube, by: d.rule_id, metrics: [warningCount], filters: current, sort: 'key', onClick: 'filter_rule', layout: { x: 8, y: 2, w: 16, h: 5 } }),
    panel({ id: 'trend', kind: 'line', title: { zh: '月末未处理预警趋势', en: 'Open at month end' }, cube: warningStatusCube, by: d.month, metrics: [warningCount], series: d.status, layout: { x: 0, y: 7, w: 12, h: 5 } }),
    panel({ id: 'org_rule', kind: 'heatmap', title: { zh: '地区 × 规则', en: 'Region × rule' }, cube: warningsCube, x: 'children', y: d.rule_id, metric: warningCount, filters: current, onClick: 'drill_org', layout: { x: 12, y: 7, w: 12, h: 5 } }),
    panel({ id: 'handling_by_org', kind: 'bar', title: { zh: '分地区处理率', en: 'Handling rate by region' }, cube: warningsCube, by: 'children', metrics: [handlingRate, warningCount], sort: 'value_asc', onClick: 'drill_org', layout: { x: 0, y: 12, w: 8, h: 6 } }),
    panel({ id: 'list', kind: 'warnings_list', title: { zh: '预警清单', en: 'Warnings' }, cube: warningsCube, limit: 50, layout: { x: 8, y: 12, w: 16, h: 6 } }),
  ],
});
