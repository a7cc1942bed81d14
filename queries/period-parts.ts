import type { Cube } from './cubes/define.ts';
import { filterExpr } from './compile.ts';
import { and, caseWhen, cast, coalesce, col, eq, fn, isIn, le, lit, param, select, sum, table, type Expr } from './sql/ast.ts';
import { render, type Dialect, type Rendered } from './sql/render.ts';
import type { SliceFilter } from './slice.ts';

/** A period of a cube's flows: a fiscal year up to a month (`through`, as of that month's end) or one month alone. */
export type Period = { year: number; through: number } | { year: number; month: number };

/**
 * The cube's additive parts summed for several periods in one scan, over several groupings at once (GROUPING SETS):
 * the figures a report compares (this month's end, last month's end, the month itself, a year earlier) by region, fund
 * type and classification. Columns: `grouping_set` (the index into `sets` a row belongs to), every dimension named in
 * the sets, and `<period>_<part>` for each period and part (0 where nothing was issued or paid). "As of month M" is
 * month ≤ M of the fiscal year, as in compileSlice; metrics are applied to the sums afterwards (metricValue).
 */
export function compilePeriodParts(
  cube: Cube,
  o: { sets: ReadonlyArray<readonly string[]>; periods: Record<string, Period>; filters?: SliceFilter[] },
  dialect: Dialect,
): Rendered {
  const dimIds = new Set(cube.dimensions.map((d) => d.id));
  const dims = [...new Set(o.sets.flat())];
  for (const d of dims) if (!dimIds.has(d)) throw new Error(`cube ${cube.id} has no dimension ${d}`);
  const within = (p: Period): Expr =>
    and(eq(col('fiscal_year'), param(p.year)), 'through' in p ? le(col('month'), param(p.year * 100 + p.through)) : eq(col('month'), param(p.year * 100 + p.month)));
  // GROUPING(d1, …, dn) has bit n−1−i set when dimension i is aggregated away: each set's value names the set.
  const bits = (set: readonly string[]) => dims.reduce((v, d, i) => (set.includes(d) ? v : v | (1 << (dims.length - 1 - i))), 0);
  const groupingId = caseWhen(o.sets.map((set, i) => [eq(fn('grouping', ...dims.map((d) => col(d))), lit(bits(set))), lit(i)] as [Expr, Expr]));
  const years = [...new Set(Object.values(o.periods).map((p) => p.year))];
  return render(
    select({
      select: [
        ['grouping_set', groupingId],
        ...dims.map((d) => [d, col(d)] as [string, Expr]),
        ...Object.entries(o.periods).flatMap(([name, p]) =>
          cube.parts.map((part) => [`${name}_${part.id}`, cast(coalesce(sum(caseWhen([[within(p), col(part.id)]])), lit(0)), part.kind === 'sum' ? 'double' : 'bigint')] as [string, Expr]),
        ),
      ],
      from: table(cube.table),
      where: [isIn(col('fiscal_year'), years.map((y) => param(y))), ...(o.filters ?? []).map((f, i) => filterExpr(f, dimIds, `filters[${i}]`))],
      groupingSets: o.sets.map((set) => set.map((d) => col(d))),
    }),
    dialect,
  );
}
