import { regionLevelColumn, type SliceFilter, type SliceRequest } from '../../../queries/index.ts';
import type { DimensionIdOf, MetricIdOf } from '../../../queries/cubes/define.ts';
import type { executionCube } from '../../../queries/index.ts';
import type { IsoDate } from '../../../queries/time.ts';

export type ExecutionDimension = DimensionIdOf<typeof executionCube>;
export type ExecutionMetric = MetricIdOf<typeof executionCube>;
export type ExecutionRequest = SliceRequest<ExecutionDimension, ExecutionMetric>;

/** What every panel of the execution dashboard is scoped by. */
export interface ExecutionScope {
  /** The selected region and its level (the subtree filter uses the level's path column). */
  org: { code: string; level: number };
  /** Fund type prefix (资金性质), or undefined for all fund types. */
  fund?: string;
  asOf: IsoDate;
}

export function scopeFilters(scope: ExecutionScope): SliceFilter<ExecutionDimension>[] {
  const filters: SliceFilter<ExecutionDimension>[] = [{ dimension: 'org', op: 'subtree', value: scope.org.code, level: scope.org.level }];
  if (scope.fund) filters.push({ dimension: 'fund_type_code', op: 'prefix', value: scope.fund });
  return filters;
}

/** KPI cards: the 汇总 of the selected org. */
export function kpiRequest(scope: ExecutionScope): ExecutionRequest {
  return {
    dimensions: [],
    metrics: ['budget', 'paid', 'execution_rate', 'time_progress', 'progress_gap'],
    filters: scopeFilters(scope),
    asOf: scope.asOf,
  };
}

/**
 * One row per child region of the org, grouped on the next level's path column. Facts of the org's own units have
 * that column null: they come back as one row with a null key, the 本级 row, so the rows add up to the 汇总.
 */
export function childRegionsRequest(scope: ExecutionScope): ExecutionRequest {
  return {
    dimensions: [regionLevelColumn(scope.org.level + 1)],
    metrics: ['budget', 'paid', 'execution_rate', 'progress_gap', 'time_progress'],
    filters: scopeFilters(scope),
    asOf: scope.asOf,
    orderBy: [{ key: 'execution_rate', desc: true }],
  };
}

/** The org's units (for a region without children). A unit is the pair (mof_div_code, agency_code). */
export function unitsRequest(scope: ExecutionScope): ExecutionRequest {
  return {
    dimensions: ['mof_div_code', 'agency_code'],
    metrics: ['budget', 'paid', 'execution_rate', 'progress_gap', 'time_progress'],
    filters: scopeFilters(scope),
    asOf: scope.asOf,
    orderBy: [{ key: 'execution_rate', desc: true }],
  };
}

/** Cumulative execution rate and 序时进度 per month of the as-of date's fiscal year. */
export function monthlyRequest(scope: ExecutionScope): ExecutionRequest {
  return {
    dimensions: ['month'],
    metrics: ['budget', 'paid', 'execution_rate', 'time_progress'],
    filters: scopeFilters(scope),
    asOf: scope.asOf,
    cumulative: true,
    orderBy: [{ key: 'month' }],
  };
}

/** The `limit` units lagging most behind 序时进度 (units with a budget only). */
export function laggingUnitsRequest(scope: ExecutionScope, limit = 20): ExecutionRequest {
  return {
    dimensions: ['mof_div_code', 'agency_code'],
    metrics: ['budget', 'paid', 'execution_rate', 'progress_gap'],
    filters: scopeFilters(scope),
    asOf: scope.asOf,
    where: [{ metric: 'budget', op: '>', value: 0 }],
    orderBy: [{ key: 'progress_gap' }],
    limit,
  };
}
