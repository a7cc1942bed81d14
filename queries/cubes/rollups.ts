import { regionLevelColumn, regionLevels } from '../dimensions.ts';
import { cast, col, sum, table, select, type Expr } from '../sql/ast.ts';
import { render, type Dialect, type Rendered } from '../sql/render.ts';
import type { SliceRequest } from '../slice.ts';
import type { Cube } from './define.ts';

/**
 * A coarser pre-aggregate of a cube: the same additive parts summed over fewer dimensions (Mosaic's per-view
 * pre-aggregation). Because parts are sums, any slice whose columns the rollup keeps gets exactly the cube's figures
 * from far fewer rows.
 */
export interface Rollup {
  /** Suffix of the table name: `<cube.table>__<id>`. */
  readonly id: string;
  /** The cube's dimensions the rollup keeps (the as-of columns `fiscal_year` and `month` always among them). */
  readonly dimensions: readonly string[];
}

/** The table a rollup is stored in (DuckDB in the browser). */
export function rollupTable(cube: Cube, r: Rollup): string {
  return `${cube.table}__${r.id}`;
}

/** The id the API serves a rollup under (`GET /api/cubes/<cube.id>__<id>`), beside its cube. */
export function rollupId(cube: Cube, r: Rollup): string {
  return `${cube.id}__${r.id}`;
}

/**
 * Whether a user's scope can be applied to a rollup's rows: a region scope needs the region path (every rollup keeps
 * it); a unit's scope needs the unit's columns, a department's the department's. A rollup that lacks them is not served
 * to that scope (its rows could mix the unit's figures with others').
 */
export function rollupServes(r: Rollup, scopeKind: 'region' | 'agency' | 'dept'): boolean {
  if (scopeKind === 'agency') return r.dimensions.includes('mof_div_code') && r.dimensions.includes('agency_code');
  if (scopeKind === 'dept') return r.dimensions.includes('mof_div_code') && r.dimensions.includes('dept_code');
  return true;
}

/** Checks a cube's rollups against its dimensions. */
export function checkRollups(cube: Cube): void {
  const dims = new Set(cube.dimensions.map((d) => d.id));
  for (const r of cube.rollups ?? []) {
    for (const d of r.dimensions) if (!dims.has(d)) throw new Error(`cube ${cube.id}: rollup ${r.id} keeps ${d}, which the cube lacks`);
    for (const d of ['lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code']) {
      if (dims.has(d) && !r.dimensions.includes(d)) throw new Error(`cube ${cube.id}: rollup ${r.id} must keep ${d} (scopes filter on the region path)`);
    }
    if (cube.asOfFilter !== false && !r.dimensions.includes('fiscal_year')) throw new Error(`cube ${cube.id}: rollup ${r.id} must keep fiscal_year`);
    if ((cube.asOfFilter ?? true) === true && !r.dimensions.includes('month')) throw new Error(`cube ${cube.id}: rollup ${r.id} must keep month`);
  }
}

/** Every cube column a slice reads: its dimensions, the columns its filters test, and the as-of columns. */
export function sliceColumns(cube: Cube, req: Pick<SliceRequest, 'dimensions' | 'filters'>): Set<string> {
  const cols = new Set<string>(req.dimensions);
  if (cube.asOfFilter !== false) cols.add('fiscal_year');
  if ((cube.asOfFilter ?? true) === true) cols.add('month');
  for (const f of req.filters ?? []) {
    if (f.dimension === 'org') {
      if (f.op === 'subtree' && f.level !== undefined) cols.add(regionLevelColumn(f.level));
      else regionLevels.forEach((c) => cols.add(c));
    } else cols.add(f.dimension);
  }
  return cols;
}

/**
 * The table to answer a slice from: of the cube's rollups in `available` (table name → row count) that keep every
 * column the slice reads, the one with the fewest rows; else the cube's own table.
 */
export function pickTable(cube: Cube, req: Pick<SliceRequest, 'dimensions' | 'filters'>, available: ReadonlyMap<string, number>): string {
  const needed = [...sliceColumns(cube, req)];
  let best: { table: string; rows: number } | null = null;
  for (const r of cube.rollups ?? []) {
    const t = rollupTable(cube, r);
    const rows = available.get(t);
    if (rows === undefined || !needed.every((c) => r.dimensions.includes(c))) continue;
    if (!best || rows < best.rows) best = { table: t, rows };
  }
  return best?.table ?? cube.table;
}

/**
 * `SELECT <kept dimensions>, sum(<part>) … FROM <from> GROUP BY <kept dimensions>`: a rollup from the cube's table
 * (`ordered`: rows in the order of the kept dimensions, as the API writes them).
 */
export function compileRollup(cube: Cube, r: Rollup, dialect: Dialect, from = cube.table, ordered = false): Rendered {
  const keep = r.dimensions.map((d) => col(d));
  return render(
    select({
      select: [
        ...r.dimensions.map((d) => [d, col(d)] as [string, Expr]),
        ...cube.parts.map((p) => [p.id, cast(sum(col(p.id)), p.kind === 'sum' ? 'double' : 'bigint')] as [string, Expr]),
      ],
      from: table(from),
      groupBy: keep,
      orderBy: ordered ? keep.map((e) => ({ expr: e })) : undefined,
    }),
    dialect,
  );
}
