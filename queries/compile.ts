import type { Cube, Part } from './cubes/define.ts';
import { regionLevelColumn, regionLevels } from './dimensions.ts';
import type { Metric, MetricContext } from './metrics/define.ts';
import {
  caseWhen, cast, coalesce, col, eq, ge, gt, ident, isIn, isNull, le, lit, lt, ne, not, notNull, or, param, select, startsWith, subquery, sum,
  table, window, type Expr, type OrderItem, type Select,
} from './sql/ast.ts';
import { postgres } from './sql/dialects/postgres.ts';
import { render, type Dialect, type Rendered } from './sql/render.ts';
import type { MetricCondition, SliceContext, SliceFilter, SliceRequest } from './slice.ts';
import { effectiveAsOf, monthEnd, monthKey, timeProgress, yearOf } from './time.ts';

/** A slice request's problem, naming the offending field. */
export class SliceError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'SliceError';
  }
}

/** PostgreSQL DDL of a cube table named `name`. */
export function cubeTableDdl(cube: Cube, name: string): string {
  const cols = cube.dimensions.map((d) => `${d.id} ${d.storage === 'code' ? 'text' : 'integer'}`);
  for (const p of cube.parts) cols.push(`${p.id} ${p.kind === 'sum' ? 'double precision' : 'bigint'} NOT NULL`);
  return `CREATE TABLE ${ident(name)} (\n  ${cols.join(',\n  ')}\n)`;
}

/** The column names of a cube table, dimensions first. */
export function cubeColumns(cube: Cube): string[] {
  return [...cube.dimensions.map((d) => d.id), ...cube.parts.map((p) => p.id)];
}

/** One partition of a cube build: values of the cube's `partitionBy` dimensions (null = the top level's own units). */
export type Partition = Record<string, string | number | null>;

/** Lists the partitions present in the raw facts (PostgreSQL). */
export function compilePartitionList(cube: Cube): Rendered {
  if (cube.partitionBy.length === 0) return { sql: 'SELECT 1 AS whole', params: [] };
  const keys = cube.partitionBy.map((k) => col(k));
  return render(select({ select: cube.partitionBy.map((k) => [k, col(k)]), from: subquery(cube.source, 's'), groupBy: keys, orderBy: keys.map((expr) => ({ expr, nulls: 'first' as const })) }), postgres);
}

/** The fiscal years present in a cube's raw tables (PostgreSQL), when the cube names them. */
export function compileYearList(cube: Cube): Rendered | null {
  if (!cube.yearTables?.length) return null;
  const sql = cube.yearTables.map((t) => `SELECT fiscal_year FROM ${ident(t)} GROUP BY fiscal_year`).join(' UNION ') + ' ORDER BY 1';
  return { sql, params: [] };
}

/**
 * `INSERT INTO target …` that aggregates one partition of the raw facts into the cube's grain (PostgreSQL). `regions`
 * (the partition's mof_div_codes) lets the scan use the (fiscal_year, mof_div_code) indexes.
 */
export function compileCubeBuild(cube: Cube, target: string, partition: Partition, regions?: readonly string[]): Rendered {
  const where = cube.partitionBy.map((k) => {
    const v = partition[k];
    return v === null || v === undefined ? isNull(col(k)) : eq(col(k), param(v));
  });
  if (regions) where.push({ k: 'any', arg: col('mof_div_code'), array: cast(param(`{${regions.join(',')}}`), 'text_array') });
  if (where.length === 0) where.push(lit(true));
  const q = select({
    select: [...cube.dimensions.map((d) => [d.id, col(d.id)] as [string, Expr]), ...cube.parts.map((p) => [p.id, cast(sum(col(p.id)), p.kind === 'sum' ? 'double' : 'bigint')] as [string, Expr])],
    from: subquery(cube.source, 's'),
    where,
    groupBy: cube.dimensions.map((d) => col(d.id)),
  });
  const r = render(q, postgres);
  return { sql: `INSERT INTO ${ident(target)} (${cubeColumns(cube).join(', ')})\n${r.sql}`, params: r.params };
}

/**
 * Compiles a slice to SQL in `dialect`: over the built cube table (`source: 'cube'`, DuckDB in the browser) or over the
 * raw facts (`'raw'`, PostgreSQL — the reference the cube must agree with). Parts are summed first and metric
 * formulas applied after, so every roll-up is exact. `opts.table` reads one of the cube's rollups instead (see
 * `pickTable`), which gives the same figures from fewer rows.
 */
export function compileSlice(cube: Cube, req: SliceRequest, dialect: Dialect, ctx: SliceContext, source: 'cube' | 'raw' = 'cube', opts: { table?: string } = {}): Rendered {
  const dimIds = new Set(cube.dimensions.map((d) => d.id));
  const metricById = new Map(cube.metrics.map((m) => [m.id, m]));
  req.dimensions.forEach((d, i) => {
    if (!dimIds.has(d)) throw new SliceError(`unknown dimension "${d}" for cube ${cube.id}`, `dimensions[${i}]`);
  });
  if (new Set(req.dimensions).size !== req.dimensions.length) throw new SliceError('a dimension is listed twice', 'dimensions');
  if (req.metrics.length === 0) throw new SliceError('at least one metric is required', 'metrics');
  const metrics = req.metrics.map((m, i) => {
    const def = metricById.get(m);
    if (!def) throw new SliceError(`unknown metric "${m}" for cube ${cube.id}`, `metrics[${i}]`);
    return def;
  });
  if (req.cumulative && !req.dimensions.includes('month')) throw new SliceError('cumulative needs the month dimension', 'cumulative');
  if (req.limit !== undefined && (!Number.isInteger(req.limit) || req.limit < 1 || req.limit > 100_000)) throw new SliceError('limit must be 1–100000', 'limit');

  const asOf = effectiveAsOf(req.asOf, ctx.dataAsOf);
  const where = asOfWhere(cube, asOf);
  (req.filters ?? []).forEach((f, i) => where.push(filterExpr(f, dimIds, `filters[${i}]`)));

  const dims = req.dimensions.map((d) => col(d));
  const grouped = select({
    select: [...req.dimensions.map((d) => [d, col(d)] as [string, Expr]), ...cube.parts.map((p) => [p.id, partSum(p)] as [string, Expr])],
    from: source === 'cube' ? table(opts.table ?? cube.table) : subquery(cube.source, 's'),
    where: where.length ? where : undefined,
    groupBy: dims.length ? dims : undefined,
  });

  let partsQuery: Select = grouped;
  if (req.cumulative) {
    const others = req.dimensions.filter((d) => d !== 'month').map((d) => col(d));
    partsQuery = select({
      select: [...req.dimensions.map((d) => [d, col(d)] as [string, Expr]), ...cube.parts.map((p) => [p.id, cast(window(sum(col(p.id)), others, [col('month')]), p.kind === 'sum' ? 'double' : 'bigint')] as [string, Expr])],
      from: subquery(grouped, 'g0'),
    });
  }

  const withMetrics = select({
    select: [...req.dimensions.map((d) => [d, col(d)] as [string, Expr]), ...metricColumns(cube, metrics, req.dimensions, asOf, ctx)],
    from: subquery(partsQuery, 'g'),
  });

  const keys = new Set<string>([...req.dimensions, ...req.metrics]);
  const conditions = (req.where ?? []).map((c, i) => conditionExpr(c, new Set(req.metrics), `where[${i}]`));
  const orderBy = (req.orderBy ?? []).map((o, i) => {
    if (!keys.has(o.key)) throw new SliceError(`cannot order by "${o.key}": not among the slice's dimensions and metrics`, `orderBy[${i}].key`);
    return { expr: col(o.key), desc: o.desc, nulls: 'last' as const };
  });
  return render(
    select({ select: [...keys].map((k) => [k, col(k)] as [string, Expr]), from: subquery(withMetrics, 'm'), where: conditions.length ? conditions : undefined, orderBy: stableOrder(orderBy, req.dimensions), limit: req.limit }),
    dialect,
  );
}

/** The conditions that keep a cube's rows up to `asOf`, per the cube's `asOfFilter` (its fiscal year, to the month). */
export function asOfWhere(cube: Cube, asOf: string): Expr[] {
  if (cube.asOfFilter === false) return [];
  const year = eq(col('fiscal_year'), param(yearOf(asOf)));
  return cube.asOfFilter === 'year' ? [year] : [year, le(col('month'), param(monthKey(asOf)))];
}

/** A part summed over a group, in its column type. A sum over no rows is 0 (a total over an empty slice is zero money, not unknown). */
export function partSum(p: Part): Expr {
  return cast(coalesce(sum(col(p.id)), lit(0)), p.kind === 'sum' ? 'double' : 'bigint');
}

/**
 * `[id, formula]` select items applying metrics to the part columns of a query grouped by `grouped`. Time progress is
 * per month when `month` is among them; `monthless` is what a row without a month (a subtotal) takes (default null).
 */
export function metricColumns(cube: Cube, metrics: readonly Metric[], grouped: readonly string[], asOf: string, ctx: SliceContext, monthless?: 'as_of'): Array<[string, Expr]> {
  const mctx: MetricContext = { timeProgress: timeProgressExpr(grouped.includes('month'), asOf, ctx, monthless) };
  const refs = Object.fromEntries(cube.parts.map((p) => [p.id, col(p.id)]));
  return metrics.map((m) => [m.id, m.value(refs, mctx)]);
}

/** `orderBy` followed by every dimension it does not already order by: a stable order for equal keys, so results (and their tests) are deterministic. */
export function stableOrder(orderBy: OrderItem[], dimensions: readonly string[]): OrderItem[] {
  const out = [...orderBy];
  for (const d of dimensions) if (!out.some((o) => o.expr.k === 'col' && o.expr.name === d)) out.push({ expr: col(d), desc: false, nulls: 'last' });
  return out;
}

function timeProgressExpr(byMonth: boolean, asOf: string, ctx: SliceContext, monthless?: 'as_of'): Expr {
  const whole = lit(timeProgress(asOf, ctx.timeProgressBasis));
  if (!byMonth) return whole;
  const year = yearOf(asOf);
  const whens: Array<[Expr, Expr]> = [];
  for (let m = 1; m <= 12; m++) {
    const key = year * 100 + m;
    const end = monthEnd(key);
    whens.push([eq(col('month'), lit(key)), lit(timeProgress(end < asOf ? end : asOf, ctx.timeProgressBasis))]);
  }
  return caseWhen(whens, monthless === 'as_of' ? whole : undefined);
}

/** One slice filter as a condition over the cube's (or the drill-through rows') dimension columns. */
export function filterExpr(f: SliceFilter, dimIds: Set<string>, field: string): Expr {
  if (f.dimension === 'org') {
    if (f.op !== 'subtree' || typeof f.value !== 'string' || !/^\d{9}$/.test(f.value)) throw new SliceError('org filter needs a 9-digit mof_div_code', `${field}.value`);
    if (f.level !== undefined) return eq(col(regionLevelColumn(f.level)), param(f.value));
    return or(...regionLevels.map((c) => eq(col(c), param(f.value))));
  }
  if (!dimIds.has(f.dimension)) throw new SliceError(`unknown dimension "${f.dimension}"`, `${field}.dimension`);
  const c = col(f.dimension);
  switch (f.op) {
    case 'eq':
      return eq(c, param(f.value));
    case 'ne':
      return or(ne(c, param(f.value)), isNull(c));
    case 'in':
      return isIn(c, f.values.map((v) => param(v)));
    case 'not_in':
      return or(not(isIn(c, f.values.map((v) => param(v)))), isNull(c));
    case 'prefix':
      return startsWith(c, param(f.value));
    case 'between':
      return { k: 'logic', op: 'and', args: [ge(c, param(f.from)), le(c, param(f.to))] };
    case 'is_null':
      return isNull(c);
    case 'not_null':
      return notNull(c);
    default:
      throw new SliceError(`unknown filter op`, `${field}.op`);
  }
}

/** A metric condition (`where`) over a query's metric columns; `metrics` are those it computes. */
export function conditionExpr(c: MetricCondition, metrics: ReadonlySet<string>, field: string): Expr {
  if (!metrics.has(c.metric)) throw new SliceError(`condition on "${c.metric}", which the slice does not compute`, `${field}.metric`);
  if (typeof c.value !== 'number' || !Number.isFinite(c.value)) throw new SliceError('condition value must be a number', `${field}.value`);
  const ops = { '<': lt, '<=': le, '>': gt, '>=': ge, '=': eq, '<>': ne } as const;
  const op = ops[c.op];
  if (!op) throw new SliceError(`unknown comparison "${c.op}"`, `${field}.op`);
  return op(col(c.metric), param(c.value));
}
