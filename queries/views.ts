import { pickTable } from './cubes/rollups.ts';
import { z } from 'zod';
import type { Cube } from './cubes/define.ts';
import { add, coalesce, col, eq, fn, join, lit, select, str, sub, subquery, table, type Expr, type OrderItem, type Select } from './sql/ast.ts';
import type { Dialect, Rendered } from './sql/render.ts';
import { render } from './sql/render.ts';
import { asOfWhere, conditionExpr, filterExpr, metricColumns, partSum, SliceError, stableOrder } from './compile.ts';
import type { SliceContext, SliceFilter } from './slice.ts';
import { effectiveAsOf, isIsoDate } from './time.ts';
import { executionCube } from './cubes/execution.ts';
import { performanceCube } from './cubes/performance.ts';
import { approvalCube } from './cubes/approval.ts';
import { warningsCube, warningStatusCube } from './cubes/warnings.ts';

/**
 * A workbench view: an ad-hoc pivot of one cube (row and column dimensions, metrics, filters, metric conditions, sort
 * and top-N), saved as JSON, shared as a link, exported. Validated against the cube's own dimensions and metrics, and
 * compiled through the same SQL AST as every other figure, so DuckDB in the browser and PostgreSQL agree.
 */

/** The cubes a view may pivot. */
export const viewCubes: Record<string, Cube> = {
  execution: executionCube,
  performance: performanceCube,
  approval: approvalCube,
  warnings: warningsCube,
  warning_status: warningStatusCube,
};

export const chartKinds = ['table', 'bar', 'stacked_bar', 'line', 'pie', 'heatmap', 'treemap'] as const;
export type ChartKind = (typeof chartKinds)[number];

const ident = z.string().regex(/^[a-z_][a-z0-9_]{0,40}$/, '无效的字段名');
const value = z.union([z.string().max(40), z.number().finite()]);
const filterSchema = z.union([
  z.object({ dimension: ident, op: z.enum(['in', 'not_in']), values: z.array(value).min(1).max(500) }).strict(),
  z.object({ dimension: ident, op: z.enum(['eq', 'ne']), value }).strict(),
  z.object({ dimension: ident, op: z.literal('prefix'), value: z.string().regex(/^[0-9A-Za-z]{1,20}$/) }).strict(),
  z.object({ dimension: ident, op: z.literal('between'), from: z.number().int(), to: z.number().int() }).strict(),
  z.object({ dimension: ident, op: z.enum(['is_null', 'not_null']) }).strict(),
  z.object({ dimension: z.literal('org'), op: z.literal('subtree'), value: z.string().regex(/^\d{9}$/), level: z.number().int().min(1).max(4).optional() }).strict(),
]);
const conditionSchema = z.object({ metric: ident, op: z.enum(['<', '<=', '>', '>=', '=', '<>']), value: z.number().finite() }).strict();

/** The JSON form of a view (the shape is checked here; the cube-specific checks in {@link parseView}). */
export const viewSchema = z
  .object({
    cube: z.enum(Object.keys(viewCubes) as [string, ...string[]]),
    rows: z.array(ident).max(4).default([]),
    columns: z.array(ident).max(3).default([]),
    metrics: z.array(ident).min(1, '至少选择一个指标').max(12),
    filters: z.array(filterSchema).max(40).default([]),
    conditions: z.array(conditionSchema).max(10).default([]),
    sort: z.object({ key: ident, desc: z.boolean().default(false) }).strict().optional(),
    topN: z.number().int().min(1).max(100_000).optional(),
    /** Subtotals and grand totals (default on). */
    totals: z.boolean().default(true),
    asOf: z.string().refine(isIsoDate, '日期格式 yyyy-mm-dd').optional(),
    chart: z.enum(chartKinds).default('table'),
  })
  .strict();

export type ViewDefinition = z.infer<typeof viewSchema>;
export type ViewFilter = z.infer<typeof filterSchema>;

/** A view's problem, naming the offending field (e.g. `rows[1]`): a slice's error, as a view compiles through the same filters. */
export { SliceError as ViewError };

/** Validates raw JSON as a view of its cube; throws {@link SliceError} naming the first bad field. */
export function parseView(raw: unknown): ViewDefinition {
  const r = viewSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SliceError(issue.message, issue.path.length ? issue.path.join('.') : 'view');
  }
  checkAgainstCube(r.data);
  return r.data;
}

function checkAgainstCube(v: ViewDefinition) {
  const cube = viewCubes[v.cube];
  const dims = new Set(cube.dimensions.map((d) => d.id));
  const metrics = new Set(cube.metrics.map((m) => m.id));
  const seen = new Set<string>();
  for (const [list, name] of [[v.rows, 'rows'], [v.columns, 'columns']] as const) {
    list.forEach((d, i) => {
      if (!dims.has(d)) throw new SliceError(`cube ${cube.id} has no dimension "${d}"`, `${name}[${i}]`);
      if (seen.has(d)) throw new SliceError(`dimension "${d}" is used twice`, `${name}[${i}]`);
      seen.add(d);
    });
  }
  v.metrics.forEach((m, i) => {
    if (!metrics.has(m)) throw new SliceError(`cube ${cube.id} has no metric "${m}"`, `metrics[${i}]`);
  });
  if (new Set(v.metrics).size !== v.metrics.length) throw new SliceError('a metric is listed twice', 'metrics');
  v.filters.forEach((f, i) => {
    if (f.dimension !== 'org' && !dims.has(f.dimension)) throw new SliceError(`cube ${cube.id} has no dimension "${f.dimension}"`, `filters[${i}].dimension`);
    if (f.dimension === 'org' && !cube.dimensions.some((d) => d.id === 'lvl1_code')) throw new SliceError(`cube ${cube.id} has no org tree`, `filters[${i}].dimension`);
    if (f.op === 'between' && f.from > f.to) throw new SliceError('range start is after its end', `filters[${i}].from`);
  });
  v.conditions.forEach((c, i) => {
    if (!metrics.has(c.metric)) throw new SliceError(`cube ${cube.id} has no metric "${c.metric}"`, `conditions[${i}].metric`);
  });
  if (v.conditions.length && v.rows.length === 0) throw new SliceError('metric conditions apply to rows: choose a row dimension', 'conditions');
  if (v.topN !== undefined && v.rows.length === 0) throw new SliceError('top-N ranks rows: choose a row dimension', 'topN');
  if (v.sort && !v.rows.includes(v.sort.key) && !metrics.has(v.sort.key)) throw new SliceError(`cannot sort by "${v.sort.key}"`, 'sort.key');
  if (v.topN !== undefined && (!v.sort || !metrics.has(v.sort.key))) throw new SliceError('top-N needs a sort by a metric', 'sort');
}

/** The default view the workbench opens on: execution by level-2 region × month, as a table. */
export const defaultView: ViewDefinition = {
  cube: 'execution',
  rows: ['lvl2_code'],
  columns: ['month'],
  metrics: ['budget', 'paid', 'execution_rate'],
  filters: [],
  conditions: [],
  totals: true,
  chart: 'table',
};

/** Output columns of a compiled view besides its dimensions and metrics. */
export const ROW_LEVEL = 'row_level';
export const COL_LEVEL = 'col_level';

export interface CompileViewOptions {
  /** Over the built cube table (DuckDB, PostgreSQL) or over the raw facts (PostgreSQL; the parity reference). */
  source?: 'cube' | 'raw';
  /** Filters added by the server (the caller's scope), never part of the saved view. */
  scope?: SliceFilter[];
  /** Rollup tables loaded beside the cube (name → rows): the view reads the smallest that keeps its columns. */
  rollups?: ReadonlyMap<string, number>;
}

/**
 * Compiles a view to one query whose rows are the pivot's cells in long form: the row and column dimensions, then
 * `row_level` (how many row dimensions are grouped: 0 = the grand total row) and `col_level` (the same for columns),
 * then the metrics. Parts are summed over GROUPING SETS (every prefix of the rows × every prefix of the columns), and
 * metric formulas applied after, so a subtotal's rate is its own paid ÷ budget, never an average of rates. Metric
 * conditions and top-N select row members first (on their totals over all columns); subtotals cover those members.
 */
export function compileView(v: ViewDefinition, dialect: Dialect, ctx: SliceContext, opts: CompileViewOptions = {}): Rendered {
  checkAgainstCube(v);
  const cube = viewCubes[v.cube];
  const dimIds = new Set(cube.dimensions.map((d) => d.id));
  const metricById = new Map(cube.metrics.map((m) => [m.id, m]));
  const asOf = effectiveAsOf(v.asOf, ctx.dataAsOf);
  const where = asOfWhere(cube, asOf);
  (opts.scope ?? []).forEach((f, i) => where.push(filterExpr(f, dimIds, `scope[${i}]`)));
  v.filters.forEach((f, i) => where.push(filterExpr(f as SliceFilter, dimIds, `filters[${i}]`)));

  const dims = [...v.rows, ...v.columns];
  const partIds = cube.parts.map((p) => p.id);
  const base = select({
    select: [...dims.map((d) => [d, col(d)] as [string, Expr]), ...partIds.map((p) => [p, col(p)] as [string, Expr])],
    from:
      opts.source === 'raw'
        ? subquery(cube.source, 's')
        : table(opts.rollups ? pickTable(cube, { dimensions: dims, filters: [...(opts.scope ?? []), ...(v.filters as SliceFilter[])] }, opts.rollups) : cube.table),
    where: where.length ? where : undefined,
  });
  const withs: Array<[string, Select]> = [['vb', base]];
  const sums = cube.parts.map((p) => [p.id, partSum(p)] as [string, Expr]);
  // Months grouped away (a row or column total) take the as-of date's time progress.
  const metricExprs = (ids: readonly string[], grouped: readonly string[]) => metricColumns(cube, ids.map((m) => metricById.get(m)!), grouped, asOf, ctx, 'as_of');

  // One pass over the cube to the view's finest grain first; ranking, the members' join and the grouping sets then run
  // over that small result (parts are sums, so summing them again at a coarser grain is exact).
  let from = 'vb';
  if (dims.length) {
    withs.push(['va', select({ select: [...dims.map((d) => [d, col(d)] as [string, Expr]), ...sums], from: table('vb'), groupBy: dims.map((d) => col(d)) })]);
    from = 'va';
  }
  if (v.conditions.length || v.topN !== undefined) {
    // The row members that qualify, ranked on their totals over every column (a sort alone orders them in the pivot).
    const needed = [...new Set([...v.conditions.map((c) => c.metric), ...(v.sort && metricById.has(v.sort.key) ? [v.sort.key] : [])])];
    // Without column dimensions the finest grain is the row members themselves: no regrouping, and they carry their parts.
    const flat = v.columns.length === 0;
    const g = flat ? table('va') : subquery(select({ select: [...v.rows.map((d) => [d, col(d)] as [string, Expr]), ...sums], from: table('va'), groupBy: v.rows.map((d) => col(d)) }), 'g');
    const m = select({ select: [...v.rows.map((d) => [d, col(d)] as [string, Expr]), ...(flat ? partIds.map((p) => [p, col(p)] as [string, Expr]) : []), ...metricExprs(needed, v.rows)], from: g });
    const order: OrderItem[] = v.sort && metricById.has(v.sort.key) ? [{ expr: col(v.sort.key), desc: v.sort.desc, nulls: 'last' }] : [];
    withs.push([
      'vk',
      select({
        select: [...v.rows.map((d) => [d, col(d)] as [string, Expr]), ...(flat ? partIds.map((p) => [p, col(p)] as [string, Expr]) : [])],
        from: subquery(m, 'm'),
        where: v.conditions.length ? v.conditions.map((c, i) => conditionExpr(c, new Set(needed), `conditions[${i}]`)) : undefined,
        orderBy: stableOrder(order, v.rows),
        limit: v.topN,
      }),
    ]);
    from = 'vk';
    if (!flat) {
      const nullSafe = (d: string, t: string) => coalesce(col(d, t), cube.dimensions.find((x) => x.id === d)!.storage === 'code' ? str('-') : lit(-1));
      const on = v.rows.map((d) => eq(nullSafe(d, 'b'), nullSafe(d, 'k')));
      withs.push([
        'vf',
        select({
          select: [...dims.map((d) => [d, col(d, 'b')] as [string, Expr]), ...partIds.map((p) => [p, col(p, 'b')] as [string, Expr])],
          from: join(table('va', 'b'), table('vk', 'k'), on.length === 1 ? on[0] : { k: 'logic', op: 'and', args: on }),
        }),
      ]);
      from = 'vf';
    }
  }

  const rowSets = v.totals ? v.rows.map((_, i) => v.rows.slice(0, v.rows.length - i)).concat([[]]) : [v.rows];
  const colSets = v.totals ? v.columns.map((_, i) => v.columns.slice(0, v.columns.length - i)).concat([[]]) : [v.columns];
  const sets = rowSets.flatMap((r) => colSets.map((c) => [...r, ...c].map((d) => col(d))));
  const level = (list: readonly string[]) =>
    list.length === 0 ? lit(0) : sub(lit(list.length), list.map((d) => fn('grouping', col(d))).reduce((a, b) => add(a, b)));
  const grouped = select({
    select: [...dims.map((d) => [d, col(d)] as [string, Expr]), [ROW_LEVEL, level(v.rows)], [COL_LEVEL, level(v.columns)], ...sums],
    from: table(from),
    groupingSets: sets,
  });
  const outer = select({
    with: withs,
    select: [...dims.map((d) => [d, col(d)] as [string, Expr]), [ROW_LEVEL, col(ROW_LEVEL)], [COL_LEVEL, col(COL_LEVEL)], ...metricExprs(v.metrics, dims)],
    from: subquery(grouped, 'g'),
    orderBy: [...stableOrder([], dims), { expr: col(ROW_LEVEL), desc: true }, { expr: col(COL_LEVEL), desc: true }],
  });
  return render(outer, dialect);
}
