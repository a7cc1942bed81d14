/** The semantic layer: dimensions, metrics and cubes defined once; no I/O. */
export * from './dimensions.ts';
export * from './labels.ts';
export * from './slice.ts';
export * from './compile.ts';
export * from './time.ts';
export * from './format.ts';
export { executionCube } from './cubes/execution.ts';
export * as metrics from './metrics/execution.ts';
export * as warningMetrics from './metrics/warnings.ts';
export { warningsCube, warningStatusCube } from './cubes/warnings.ts';
export { performanceCube, gradeLabels } from './cubes/performance.ts';
export { approvalCube } from './cubes/approval.ts';
export * as performanceMetrics from './metrics/performance.ts';
export * as approvalMetrics from './metrics/approval.ts';
export { postgres } from './sql/dialects/postgres.ts';
export { duckdb } from './sql/dialects/duckdb.ts';
export { render, type Dialect, type Rendered } from './sql/render.ts';
export type { Cube, Part } from './cubes/define.ts';
export type { Metric, MetricFormat } from './metrics/define.ts';

import { executionCube } from './cubes/execution.ts';
import { warningsCube, warningStatusCube } from './cubes/warnings.ts';
import { performanceCube } from './cubes/performance.ts';
import { approvalCube } from './cubes/approval.ts';
/** Every cube, by id. */
export const cubes = {
  execution: executionCube,
  performance: performanceCube,
  approval: approvalCube,
  warnings: warningsCube,
  warning_status: warningStatusCube,
} as const;
export type CubeId = keyof typeof cubes;
export { dimensionTables, type DimensionTable } from './cubes/dimension-tables.ts';
export * from './details.ts';
export * from './views.ts';
export * from './pivot.ts';
