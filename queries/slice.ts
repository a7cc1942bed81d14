import type { IsoDate } from './time.ts';

export type FilterValue = string | number;

/** A filter on one dimension of a cube, or on the org tree (`org`: the subtree of a region). */
export type SliceFilter<D extends string = string> =
  | { dimension: D; op: 'eq' | 'ne'; value: FilterValue }
  | { dimension: D; op: 'in' | 'not_in'; values: FilterValue[] }
  | { dimension: D; op: 'prefix'; value: string }
  | { dimension: D; op: 'between'; from: number; to: number }
  | { dimension: D; op: 'is_null' | 'not_null' }
  | { dimension: 'org'; op: 'subtree'; value: string; level?: number };

/** A condition on a computed metric, e.g. progress_gap < −15. */
export interface MetricCondition<M extends string = string> {
  metric: M;
  op: '<' | '<=' | '>' | '>=' | '=' | '<>';
  value: number;
}

/** A question asked of a cube: group by `dimensions`, compute `metrics`, as of a date. */
export interface SliceRequest<D extends string = string, M extends string = string> {
  dimensions: D[];
  metrics: M[];
  filters?: SliceFilter<D>[];
  /** Figures as of this date: its fiscal year, months up to its month. */
  asOf: IsoDate;
  /** Running totals along `month` (requires `month` among the dimensions). */
  cumulative?: boolean;
  where?: MetricCondition<M>[];
  orderBy?: Array<{ key: D | M; desc?: boolean }>;
  limit?: number;
}

/** Settings a slice's figures depend on besides the request. */
export interface SliceContext {
  /** The data's as-of date; figures never claim a later date. */
  dataAsOf: IsoDate;
  timeProgressBasis: 'day' | 'month';
}
