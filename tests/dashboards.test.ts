import { describe, expect, it } from 'vitest';
import { dashboards, panel, validateDashboard, type Dashboard } from '../dashboards/index.ts';
import { executionCube } from '../queries/cubes/execution.ts';
import { warningsCube } from '../queries/cubes/warnings.ts';
import { dimensions as d } from '../queries/dimensions.ts';
import { budget, paid } from '../queries/metrics/execution.ts';
import { warningCount } from '../queries/metrics/warnings.ts';

describe('dashboard declarations', () => {
  it('the three dashboards are valid and reference only their cubes’ metrics', () => {
    expect(Object.keys(dashboards)).toEqual(['execution', 'performance', 'risk']);
    for (const dash of Object.values(dashboards)) expect(validateDashboard(dash)).toEqual([]);
    expect(dashboards.execution.panels.map((p) => p.id)).toEqual(['kpis', 'by_org', 'monthly', 'by_func', 'by_eco', 'by_fund', 'lagging', 'sangong', 'approval']);
  });

  it('a typo or another cube’s metric fails to compile (tsc), and the schema catches it again at load', () => {
    const wrong = [
      // @ts-expect-error — warning_count is not a metric of the execution cube
      panel({ id: 'x', kind: 'bar', title: { zh: 'x', en: 'x' }, cube: executionCube, by: d.month, metrics: [warningCount], layout: { x: 0, y: 0, w: 1, h: 1 } }),
      // @ts-expect-error — rule_id is not a dimension of the execution cube
      panel({ id: 'y', kind: 'pie', title: { zh: 'y', en: 'y' }, cube: executionCube, by: d.rule_id, metric: paid, layout: { x: 1, y: 0, w: 1, h: 1 } }),
    ];
    const dash: Dashboard = { id: 'wrong', title: { zh: '错', en: 'Wrong' }, filters: [], cubes: [executionCube], panels: wrong };
    expect(validateDashboard(dash).map((e) => e.message)).toEqual(['metric warning_count is not in cube execution', 'dimension rule_id is not in cube execution']);
  });

  it('a broken declaration gets all its errors listed at once', () => {
    const broken = {
      id: 'Broken Id',
      title: { zh: '坏', en: '' },
      filters: ['org'],
      cubes: [executionCube],
      panels: [
        { id: 'a', kind: 'bar', title: { zh: 'A', en: 'A' }, cube: executionCube, by: d.rule_id, metrics: [warningCount], layout: { x: 20, y: 0, w: 6, h: 2 } },
        { id: 'a', kind: 'kpi', title: { zh: 'B', en: 'B' }, cube: warningsCube, metrics: [warningCount], layout: { x: 0, y: 0, w: 4, h: 2 } },
        { id: 'c', kind: 'table', title: { zh: 'C', en: 'C' }, cube: executionCube, by: ['units'], metrics: [budget], orderBy: { metric: warningCount }, layout: { x: 2, y: 1, w: 4, h: 2 } },
        { id: 'd', kind: 'sparkline', title: { zh: 'D', en: 'D' }, cube: executionCube, layout: { x: 10, y: 10, w: 0, h: 1 } },
      ],
    } as unknown as Dashboard;
    expect(validateDashboard(broken)).toEqual([
      { path: 'id', message: 'invalid dashboard id "Broken Id"' },
      { path: 'title', message: 'a title needs zh and en' },
      { path: 'panels[0](a).metrics[0]', message: 'metric warning_count is not in cube execution' },
      { path: 'panels[0](a).by', message: 'dimension rule_id is not in cube execution' },
      { path: 'panels[0](a).layout', message: 'extends past the 24-column grid (x 20 + w 6)' },
      { path: 'panels[1](a).id', message: 'duplicate panel id a' },
      { path: 'panels[1](a).cube', message: "cube warnings is not among the dashboard's cubes" },
      { path: 'panels[2](c).orderBy.metric', message: 'metric warning_count is not in cube execution' },
      { path: 'panels[2](c).layout', message: 'overlaps panel a' },
      { path: 'panels[3](d).kind', message: 'unknown panel kind sparkline' },
      { path: 'panels[3](d).layout', message: 'layout needs whole x, y ≥ 0 and w, h ≥ 1' },
    ]);
  });
});
