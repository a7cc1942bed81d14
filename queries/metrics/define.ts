import type { Expr } from '../sql/ast.ts';
import type { Label } from '../labels.ts';

export type MetricFormat = 'fen' | 'percent1' | 'pp1' | 'count' | 'hours1';

/** What a metric's value may depend on besides its parts. */
export interface MetricContext {
  /** 序时进度 for each output row (a constant, or a CASE over months). */
  timeProgress: Expr;
}

/** 口径: what a figure means, shown in every tooltip. */
export interface MetricDefinitionText {
  definition: Label;
  fundTypes: Label;
  denominator?: Label;
}

export interface Metric<Id extends string = string, Part extends string = string> {
  readonly id: Id;
  readonly label: Label;
  readonly format: MetricFormat;
  readonly caliber: MetricDefinitionText;
  /** Additive parts (cube columns) the metric needs. */
  readonly parts: readonly Part[];
  /** The value as an expression over the aggregated parts (column refs named like the parts). */
  value(parts: Record<Part, Expr>, ctx: MetricContext): Expr;
}

/** Defines a metric over additive parts; the value formula runs after parts are summed, so roll-ups are exact. */
export function defineMetric<Id extends string, Part extends string>(m: Metric<Id, Part>): Metric<Id, Part> {
  return m;
}
