import type { Cube } from '../queries/cubes/define.ts';
import type { Dimension } from '../queries/dimensions.ts';
import type { Label } from '../queries/labels.ts';
import type { Metric } from '../queries/metrics/define.ts';
import type { SliceFilter } from '../queries/slice.ts';

/**
 * Dashboards are data: a declaration lists panels with the cube, metrics and dimensions each uses — as the objects of
 * `queries/`, so a typo fails to compile — and a grid layout. One renderer in web/ draws any declaration;
 * {@link validateDashboard} checks a declaration again at load and reports every error at once.
 */

type MetricOf<C> = C extends Cube<string, Dimension, infer M> ? M : never;
type DimensionOf<C> = C extends Cube<string, infer D, Metric> ? D : never;

/** Where a panel sits on a 24-column grid (rows of fixed height). */
export interface Layout {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The page filters a panel follows (each lives in the URL). */
export type PageFilter = 'org' | 'fund' | 'asOf' | 'func' | 'eco' | 'month' | 'rule' | 'severity' | 'status';

/** Which org level a panel groups by: the children of the page's org (with its 本级 row), or its units. */
export type OrgGrouping = 'children' | 'units';

interface PanelCommon<C extends Cube> {
  id: string;
  title: Label;
  layout: Layout;
  cube: C;
  /** Fixed filters of the panel on top of the page's. */
  filters?: SliceFilter[];
  /** Page filters the panel ignores. */
  ignore?: PageFilter[];
  /** Clicking a mark sets this page filter (cross-filter) or drills (org). */
  onClick?: 'drill_org' | 'filter_func' | 'filter_eco' | 'filter_fund' | 'filter_month' | 'filter_rule' | 'filter_severity' | 'drill_through';
  /** The as-of date the panel uses: the page's, or the same date a year earlier, or the end of the previous year. */
  period?: 'asOf' | 'previous_year_end';
}

export type Panel<C extends Cube = Cube> =
  | (PanelCommon<C> & { kind: 'kpi'; metrics: MetricOf<C>[]; compare?: Array<'yoy' | 'mom'> })
  | (PanelCommon<C> & { kind: 'bar'; by: OrgGrouping | DimensionOf<C>; metrics: MetricOf<C>[]; sort?: 'value_desc' | 'value_asc' | 'key'; referenceLine?: MetricOf<C>; stacked?: boolean; limit?: number })
  | (PanelCommon<C> & { kind: 'line'; by: DimensionOf<C>; metrics: MetricOf<C>[]; cumulative?: boolean; compareLastYear?: boolean; series?: DimensionOf<C> })
  | (PanelCommon<C> & { kind: 'pie'; by: DimensionOf<C>; metric: MetricOf<C> })
  | (PanelCommon<C> & { kind: 'heatmap'; x: OrgGrouping | DimensionOf<C>; y: DimensionOf<C>; metric: MetricOf<C> })
  | (PanelCommon<C> & { kind: 'gauge'; metric: MetricOf<C>; target?: MetricOf<C> })
  | (PanelCommon<C> & {
      kind: 'table';
      by: Array<OrgGrouping | DimensionOf<C>>;
      metrics: MetricOf<C>[];
      orderBy?: { metric: MetricOf<C>; desc?: boolean };
      where?: Array<{ metric: MetricOf<C>; op: '<' | '<=' | '>' | '>=' | '=' | '<>'; value: number }>;
      limit?: number;
      /** Highlight rows where the metric crosses the value (e.g. lagging units). */
      highlight?: { metric: MetricOf<C>; below: number };
    })
  | (PanelCommon<C> & { kind: 'warnings_list'; limit: number });

export interface Dashboard {
  id: string;
  title: Label;
  description?: Label;
  /** Page filters shown as controls, in order. */
  filters: PageFilter[];
  /** The cubes the page loads. */
  cubes: Cube[];
  panels: Panel[];
  /** Large screens: the canvas the layout was designed on. */
  canvas?: { width: number; height: number };
}

/** Keeps the declaration's types while checking each panel against its own cube. */
export function panel<C extends Cube>(p: Panel<C>): Panel {
  return p as unknown as Panel;
}

export function defineDashboard(d: Dashboard): Dashboard {
  return d;
}

export interface DeclarationError {
  path: string;
  message: string;
}

const GRID_COLUMNS = 24;

/** Checks a declaration: every error at once (ids, cubes, metrics and dimensions of each panel's cube, the grid). */
export function validateDashboard(d: Dashboard): DeclarationError[] {
  const errors: DeclarationError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!/^[a-z][a-z0-9_-]*$/.test(d.id ?? '')) err('id', `invalid dashboard id ${JSON.stringify(d.id)}`);
  if (!d.title?.zh || !d.title?.en) err('title', 'a title needs zh and en');
  if (!Array.isArray(d.panels) || d.panels.length === 0) err('panels', 'a dashboard needs at least one panel');
  const loaded = new Set((d.cubes ?? []).map((c) => c.id));
  const seen = new Set<string>();
  const cells = new Map<string, string>();
  (d.panels ?? []).forEach((p, i) => {
    const at = `panels[${i}]${p?.id ? `(${p.id})` : ''}`;
    if (!p || typeof p !== 'object') return err(at, 'not a panel');
    if (!/^[a-z][a-z0-9_-]*$/.test(p.id ?? '')) err(`${at}.id`, 'invalid panel id');
    else if (seen.has(p.id)) err(`${at}.id`, `duplicate panel id ${p.id}`);
    seen.add(p.id);
    if (!p.title?.zh) err(`${at}.title`, 'a panel needs a Chinese title');
    if (!p.cube) err(`${at}.cube`, 'missing cube');
    else if (!loaded.has(p.cube.id)) err(`${at}.cube`, `cube ${p.cube.id} is not among the dashboard's cubes`);
    const metricIds = new Set(p.cube?.metrics.map((m) => m.id) ?? []);
    const dimIds = new Set(p.cube?.dimensions.map((x) => x.id as string) ?? []);
    const checkMetric = (m: Metric | undefined, path: string) => {
      if (!m) err(`${at}.${path}`, 'missing metric');
      else if (!metricIds.has(m.id)) err(`${at}.${path}`, `metric ${m.id} is not in cube ${p.cube?.id}`);
    };
    const checkDim = (x: unknown, path: string) => {
      if (x === 'children' || x === 'units') return;
      const id = (x as Dimension | undefined)?.id;
      if (!id || !dimIds.has(id)) err(`${at}.${path}`, `dimension ${id ?? String(x)} is not in cube ${p.cube?.id}`);
    };
    switch (p.kind) {
      case 'kpi':
      case 'bar':
      case 'line':
      case 'table':
        if (!p.metrics?.length) err(`${at}.metrics`, 'at least one metric');
        p.metrics?.forEach((m, j) => checkMetric(m, `metrics[${j}]`));
        break;
      case 'pie':
      case 'heatmap':
      case 'gauge':
        checkMetric(p.metric, 'metric');
        break;
      case 'warnings_list':
        if (!(p.limit > 0 && p.limit <= 500)) err(`${at}.limit`, 'limit must be 1–500');
        break;
      default:
        err(`${at}.kind`, `unknown panel kind ${(p as { kind?: string }).kind}`);
    }
    if (p.kind === 'bar' || p.kind === 'line' || p.kind === 'pie') checkDim(p.by, 'by');
    if (p.kind === 'bar' && p.referenceLine) checkMetric(p.referenceLine, 'referenceLine');
    if (p.kind === 'heatmap') {
      checkDim(p.x, 'x');
      checkDim(p.y, 'y');
    }
    if (p.kind === 'table') {
      p.by?.forEach((x, j) => checkDim(x, `by[${j}]`));
      if (p.orderBy) checkMetric(p.orderBy.metric, 'orderBy.metric');
      p.where?.forEach((w, j) => checkMetric(w.metric, `where[${j}].metric`));
    }
    if (p.kind === 'line' && p.series) checkDim(p.series, 'series');
    const l = p.layout;
    if (!l || ![l.x, l.y, l.w, l.h].every((v) => Number.isInteger(v) && v >= 0) || l.w < 1 || l.h < 1) err(`${at}.layout`, 'layout needs whole x, y ≥ 0 and w, h ≥ 1');
    else if (l.x + l.w > GRID_COLUMNS) err(`${at}.layout`, `extends past the ${GRID_COLUMNS}-column grid (x ${l.x} + w ${l.w})`);
    else {
      for (let x = l.x; x < l.x + l.w; x++) {
        for (let y = l.y; y < l.y + l.h; y++) {
          const other = cells.get(`${x},${y}`);
          if (other && other !== p.id) {
            err(`${at}.layout`, `overlaps panel ${other}`);
            x = l.x + l.w;
            break;
          }
          cells.set(`${x},${y}`, p.id);
        }
      }
    }
  });
  return errors;
}

/** Throws with every error listed when a declaration is invalid. */
export function assertDashboard(d: Dashboard): Dashboard {
  const errors = validateDashboard(d);
  if (errors.length) throw new Error(`dashboard ${d.id}: ${errors.length} error(s)\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  return d;
}
