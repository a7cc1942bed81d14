import { COL_LEVEL, ROW_LEVEL, type ViewDefinition } from './views.ts';

/**
 * The pivot of a compiled view's long rows (see compileView): a row tree (subtotal rows above their children, the
 * grand total last), the columns in display order (each group followed by its subtotal, the grand total last) and the
 * header grid with spans for merged headers. Pure: used by the workbench table and by the xlsx export alike.
 */

export type DimValue = string | number | null;
export type Cell = Record<string, unknown>;

export interface PivotColumn {
  /** Stable key of the column path (subtotal columns have a shorter path). */
  key: string;
  path: DimValue[];
  /** How many column dimensions are fixed: `columns.length` for a leaf, less for a subtotal, 0 for the grand total. */
  level: number;
}

export interface PivotRow {
  key: string;
  path: DimValue[];
  /** How many row dimensions are fixed: `rows.length` for a leaf, less for a subtotal, 0 for the grand total. */
  level: number;
  parent: string | null;
  /** Number of children in the tree (0 for leaves). */
  children: number;
  /** Cells by column key: metric id → value as the engine returned it. */
  cells: Map<string, Cell>;
}

export interface Pivot {
  rows: PivotRow[];
  columns: PivotColumn[];
}

export const pathKey = (path: readonly DimValue[]) => JSON.stringify(path.map((v) => (typeof v === 'bigint' ? String(v) : v)));

function dimValue(v: unknown): DimValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

/** A number for ordering (bigint fen, numeric strings from pg, doubles); null stays null. */
function numeric(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function compareDim(a: DimValue, b: DimValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Builds the pivot of a view from its long rows. */
export function buildPivot(view: Pick<ViewDefinition, 'rows' | 'columns' | 'metrics' | 'sort'>, data: ReadonlyArray<Record<string, unknown>>): Pivot {
  const nR = view.rows.length;
  const nC = view.columns.length;
  const rowMap = new Map<string, PivotRow>();
  const colMap = new Map<string, PivotColumn>();
  // Paths hold no bigints (dimValue converts them), so JSON.stringify of a path is its pathKey.
  const emptyPath: DimValue[] = [];
  const emptyKey = pathKey(emptyPath);
  for (const r of data) {
    const rl = Number(r[ROW_LEVEL]);
    const cl = Number(r[COL_LEVEL]);
    const rpath: DimValue[] = new Array(rl);
    for (let i = 0; i < rl; i++) rpath[i] = dimValue(r[view.rows[i]]);
    const rk = JSON.stringify(rpath);
    let cpath = emptyPath;
    let ck = emptyKey;
    if (cl > 0) {
      cpath = new Array(cl);
      for (let i = 0; i < cl; i++) cpath[i] = dimValue(r[view.columns[i]]);
      ck = JSON.stringify(cpath);
    }
    let row = rowMap.get(rk);
    if (!row) {
      row = { key: rk, path: rpath, level: rl, parent: rl === 0 ? null : pathKey(rpath.slice(0, -1)), children: 0, cells: new Map() };
      rowMap.set(rk, row);
    }
    if (!colMap.has(ck)) colMap.set(ck, { key: ck, path: cpath, level: cl });
    const cell: Cell = {};
    for (const m of view.metrics) cell[m] = r[m];
    row.cells.set(ck, cell);
  }
  // Rows: depth-first, a subtotal row above its children, siblings by the sort metric's total or by value.
  const kids = new Map<string | null, PivotRow[]>();
  for (const row of rowMap.values()) {
    if (row.level === 0) continue;
    const p = row.level === 1 ? pathKey([]) : row.parent;
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p)!.push(row);
  }
  const totalKey = pathKey([]);
  const sortMetric = view.sort && view.metrics.includes(view.sort.key) ? view.sort.key : null;
  const desc = view.sort?.desc ?? false;
  const sortDimLevel = view.sort && view.rows.includes(view.sort.key) ? view.rows.indexOf(view.sort.key) + 1 : 0;
  // Each row's sort value read once, not at every comparison.
  const sortValue = new Map<PivotRow, number | null>();
  if (sortMetric) for (const row of rowMap.values()) sortValue.set(row, numeric(row.cells.get(totalKey)?.[sortMetric]));
  const compareRows = (a: PivotRow, b: PivotRow) => {
    if (sortMetric) {
      const x = sortValue.get(a)!;
      const y = sortValue.get(b)!;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return desc ? y - x : x - y;
      }
    }
    const c = compareDim(a.path[a.level - 1], b.path[b.level - 1]);
    return sortDimLevel === a.level && desc ? -c : c;
  };
  const ordered: PivotRow[] = [];
  const walk = (parent: string) => {
    const list = (kids.get(parent) ?? []).sort(compareRows);
    for (const row of list) {
      row.children = row.level < nR ? (kids.get(row.key)?.length ?? 0) : 0;
      ordered.push(row);
      if (row.level < nR) walk(row.key);
    }
  };
  walk(totalKey);
  const total = rowMap.get(totalKey);
  if (total) {
    total.children = kids.get(totalKey)?.length ?? 0;
    if (nR > 0) ordered.push(total);
    else ordered.unshift(total);
  }
  // Columns: leaves by value, each group's subtotal after it, the grand total last.
  const cols = [...colMap.values()].sort((a, b) => {
    for (let i = 0; i < nC; i++) {
      const av = i < a.level ? a.path[i] : undefined;
      const bv = i < b.level ? b.path[i] : undefined;
      if (av === undefined && bv === undefined) return 0;
      if (av === undefined) return 1; // a subtotal comes after the members of its group
      if (bv === undefined) return -1;
      const c = compareDim(av, bv);
      if (c !== 0) return c;
    }
    return 0;
  });
  return { rows: ordered, columns: cols };
}

/** The rows shown when the rows whose keys are in `collapsed` hide their descendants. */
export function visibleRows(pivot: Pivot, collapsed: ReadonlySet<string>): PivotRow[] {
  if (collapsed.size === 0) return pivot.rows;
  const out: PivotRow[] = [];
  let hideBelow: { level: number } | null = null;
  for (const row of pivot.rows) {
    if (hideBelow && row.level > hideBelow.level) continue;
    hideBelow = null;
    out.push(row);
    if (row.level > 0 && collapsed.has(row.key)) hideBelow = { level: row.level };
  }
  return out;
}

/** One cell of the header grid: text spanning `span` leaf columns. */
export interface HeaderCell {
  text: string;
  span: number;
  /** First leaf column index (0-based, within the value columns). */
  start: number;
}

/**
 * The header grid over the value columns (pivot column × metric): one row per column dimension, plus a metric row
 * when there are several metrics or no column dimensions. Adjacent leaves with the same path prefix share one
 * merged cell; a subtotal column is labelled once, at its level, with `totalLabel`.
 */
export function headerGrid(pivot: Pivot, nColumns: number, metrics: ReadonlyArray<{ id: string; label: string }>, label: (level: number, v: DimValue) => string, totalLabel: (level: number) => string): HeaderCell[][] {
  const leaves = pivot.columns.flatMap((c) => metrics.map((m) => ({ c, m })));
  const rows: HeaderCell[][] = [];
  for (let i = 0; i < nColumns; i++) {
    const row: HeaderCell[] = [];
    leaves.forEach(({ c }, j) => {
      const text = i < c.level ? label(i, c.path[i]) : i === c.level ? totalLabel(c.level) : '';
      const groupKey = i < c.level ? pathKey(c.path.slice(0, i + 1)) : `${c.key}#${i}`;
      const prev = row[row.length - 1] as (HeaderCell & { g?: string }) | undefined;
      if (prev && prev.g === groupKey) prev.span++;
      else row.push(Object.assign({ text, span: 1, start: j }, { g: groupKey }));
    });
    rows.push(row.map(({ text, span, start }) => ({ text, span, start })));
  }
  rows.push(leaves.map(({ m }, j) => ({ text: m.label, span: 1, start: j })));
  return rows;
}
