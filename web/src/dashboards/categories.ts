import type { Metric } from '../../../queries/metrics/define.ts';
import type { CodeNames } from '../data/codes.ts';
import type { RegionTree } from '../data/regions.ts';
import { translate } from '../i18n/messages.ts';
import type { Lang } from '../i18n/lang.ts';
import { valueLabel } from './labels.ts';
import { readMetric, readText, type MetricValue, type Row } from './metric-value.ts';
import type { Grouping } from './slices.ts';

/** What a category stands for, so a click can drill, filter or drill through on exactly it. */
export type Pick =
  | { kind: 'child'; code: string }
  | { kind: 'own'; org: string }
  | { kind: 'unit'; mofDivCode: string; agencyCode: string }
  | { kind: 'value'; dimension: string; value: string };

/** One bar, slice, cell row or table row: its identity, display name and figures. */
export interface Category {
  /** Stable key: the region code, `own:<org>`, `<mof_div_code>:<agency_code>`, or the dimension value. */
  key: string;
  label: string;
  pick: Pick;
  values: Record<string, MetricValue>;
  /** Names joined for units: the unit's region. */
  regionName?: string | null;
}

export interface NameContext {
  regions: RegionTree;
  codes?: CodeNames;
  lang: Lang;
  /** The fiscal year whose code list names codes. */
  year?: number;
}

function values(row: Row, metrics: readonly Metric[]): Record<string, MetricValue> {
  return Object.fromEntries(metrics.map((m) => [m.id, readMetric(row, m.id, m.format)]));
}

/** The category a row of a grouping stands for. */
export function categoryOf(row: Row, g: Grouping, ctx: NameContext): Omit<Category, 'values'> {
  switch (g.kind) {
    case 'children': {
      const code = readText(row, g.column);
      if (code === null) {
        const label = ctx.lang === 'en' ? translate('en', 'page.own', { name: ctx.regions.get(g.parent)?.name ?? g.parent }) : ctx.regions.ownLabel(g.parent);
        return { key: `own:${g.parent}`, label, pick: { kind: 'own', org: g.parent } };
      }
      return { key: code, label: ctx.regions.get(code)?.name ?? code, pick: { kind: 'child', code } };
    }
    case 'units': {
      const mofDivCode = readText(row, 'mof_div_code') ?? '';
      const agencyCode = readText(row, 'agency_code') ?? '';
      const name = readText(row, 'agency_name');
      return {
        key: `${mofDivCode}:${agencyCode}`,
        label: name ?? translate(ctx.lang, 'panel.unregistered', { code: agencyCode }),
        pick: { kind: 'unit', mofDivCode, agencyCode },
        regionName: readText(row, 'region_name') ?? ctx.regions.get(mofDivCode)?.name ?? null,
      };
    }
    case 'dim': {
      const v = readText(row, g.dimension);
      return { key: v ?? '', label: valueLabel(g.dimension, v, ctx), pick: { kind: 'value', dimension: g.dimension, value: v ?? '' } };
    }
    case 'fund': {
      const v = (readText(row, 'fund_type_code') ?? '').slice(0, g.depth);
      return { key: v, label: valueLabel('fund_type_code', v, ctx), pick: { kind: 'value', dimension: 'fund_type_code', value: v } };
    }
  }
}

/**
 * A slice's rows as categories, in the slice's order. For a fund roll-up, rows of the same prefix are summed — only
 * additive metrics (money, counts) can be, so a ratio metric there is an error, not an average.
 */
export function toCategories(rows: readonly Row[], g: Grouping, metrics: readonly Metric[], ctx: NameContext): Category[] {
  const cats = rows.map((r) => ({ ...categoryOf(r, g, ctx), values: values(r, metrics) }));
  if (g.kind !== 'fund') return cats;
  return rollUp(cats, metrics);
}

/** Sums categories with the same key (additive metrics only), keeping the first one's place; sorted by the first metric, largest first. */
export function rollUp(cats: readonly Category[], metrics: readonly Metric[]): Category[] {
  for (const m of metrics) if (m.format !== 'fen' && m.format !== 'count') throw new Error(`指标 ${m.id} 不可按代码前缀汇总`);
  const byKey = new Map<string, Category>();
  for (const c of cats) {
    const prev = byKey.get(c.key);
    if (!prev) byKey.set(c.key, { ...c, values: { ...c.values } });
    else for (const m of metrics) prev.values[m.id] = ((prev.values[m.id] as bigint) ?? 0n) + ((c.values[m.id] as bigint) ?? 0n);
  }
  const first = metrics[0]?.id;
  return [...byKey.values()].sort((a, b) => {
    const x = (a.values[first] as bigint) ?? 0n;
    const y = (b.values[first] as bigint) ?? 0n;
    return x === y ? a.key.localeCompare(b.key) : x > y ? -1 : 1;
  });
}

/** Heat map cells: x categories (in first-seen order), y values (sorted), and the value of each (x, y). */
export function toMatrix(rows: readonly Row[], g: Grouping, y: string, metric: Metric, ctx: NameContext) {
  const xs = new Map<string, Omit<Category, 'values'>>();
  const ys = new Map<string, string>();
  const cells: Array<{ x: string; y: string; value: MetricValue }> = [];
  for (const r of rows) {
    const c = categoryOf(r, g, ctx);
    if (!xs.has(c.key)) xs.set(c.key, c);
    const yv = readText(r, y) ?? '';
    if (!ys.has(yv)) ys.set(yv, valueLabel(y, yv, ctx));
    cells.push({ x: c.key, y: yv, value: readMetric(r, metric.id, metric.format) });
  }
  const xList = [...xs.values()];
  const yList = [...ys.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, label]) => ({ key, label }));
  return { x: xList, y: yList, cells };
}
