import type { Dimension } from '../dimensions.ts';
import type { Label } from '../labels.ts';
import type { Metric } from '../metrics/define.ts';
import type { Query } from '../sql/ast.ts';
import { checkRollups, type Rollup } from './rollups.ts';

export interface Part<Id extends string = string> {
  readonly id: Id;
  readonly label: Label;
  /** `fen` parts are Int64 sums of money in integer fen; `count` parts are Int64 counts. */
  readonly kind: 'fen' | 'count' | 'sum';
}

export interface Cube<Id extends string = string, D extends Dimension = Dimension, M extends Metric = Metric> {
  readonly id: Id;
  readonly label: Label;
  /** Table name of the built cube, the same in PostgreSQL and in DuckDB. */
  readonly table: string;
  readonly dimensions: readonly D[];
  readonly parts: readonly Part[];
  readonly metrics: readonly M[];
  /** The raw facts at fact grain, with one column per dimension and part (PostgreSQL only). */
  readonly source: Query;
  /** The build runs partition by partition over these dimension values (none: one partition). */
  readonly partitionBy: readonly D['id'][];
  /**
   * Raw tables whose `fiscal_year` values list the partitions' years cheaply (instead of grouping the whole source);
   * with `lvl2_code` among the partition keys, each partition also names its regions so the scan can use the
   * (fiscal_year, mof_div_code) indexes.
   */
  readonly yearTables?: readonly string[];
  /** How the as-of date limits slices: the fiscal year and months up to it (default), the fiscal year only, or not at all. */
  readonly asOfFilter?: boolean | 'year';
  /** Coarser pre-aggregates of the same parts, smallest first; a slice reads the first that keeps its columns. */
  readonly rollups?: readonly Rollup[];
}

export function defineCube<Id extends string, D extends Dimension, M extends Metric>(c: Cube<Id, D, M>): Cube<Id, D, M> {
  for (const m of c.metrics) {
    for (const p of m.parts) {
      if (!c.parts.some((x) => x.id === p)) throw new Error(`cube ${c.id}: metric ${m.id} needs part ${p}, which the cube lacks`);
    }
  }
  checkRollups(c);
  return c;
}

export type DimensionIdOf<C> = C extends Cube<string, infer D, Metric> ? D['id'] : never;
export type MetricIdOf<C> = C extends Cube<string, Dimension, infer M> ? M['id'] : never;
