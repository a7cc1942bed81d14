import { defaultView, parseView, ViewError, type ViewDefinition } from '../../../queries/views.ts';

/** The workbench's URL search: a saved view's id, the view itself (compact JSON), and the tab shown. */
export interface WorkbenchSearch {
  view?: string;
  v?: string;
  tab?: 'pivot' | 'chart' | 'sql';
}

export function validateWorkbenchSearch(raw: Record<string, unknown>): WorkbenchSearch {
  const out: WorkbenchSearch = {};
  if (typeof raw.view === 'string' && /^\d{1,18}$/.test(raw.view)) out.view = raw.view;
  if (typeof raw.v === 'string' && raw.v.length <= 8000) out.v = raw.v;
  if (raw.tab === 'pivot' || raw.tab === 'chart' || raw.tab === 'sql') out.tab = raw.tab;
  return out;
}

/** The view as URL text: only what differs from the schema's defaults, so links stay short. */
export function encodeView(v: ViewDefinition): string {
  const o: Record<string, unknown> = { cube: v.cube, rows: v.rows, columns: v.columns, metrics: v.metrics };
  if (v.filters.length) o.filters = v.filters;
  if (v.conditions.length) o.conditions = v.conditions;
  if (v.sort) o.sort = v.sort;
  if (v.topN !== undefined) o.topN = v.topN;
  if (!v.totals) o.totals = false;
  if (v.asOf) o.asOf = v.asOf;
  if (v.chart !== 'table') o.chart = v.chart;
  return JSON.stringify(o);
}

/** The view of a URL: parsed and validated; a broken link falls back to the default view with the reason. */
export function decodeView(text: string | undefined): { view: ViewDefinition; error?: string } {
  if (!text) return { view: defaultView };
  try {
    return { view: parseView(JSON.parse(text)) };
  } catch (e) {
    return { view: defaultView, error: e instanceof ViewError ? `${e.field}: ${e.message}` : '链接中的视图无法解析' };
  }
}
