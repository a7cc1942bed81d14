import { assertDashboard, type Dashboard } from './define.ts';
import { executionDashboard } from './execution.ts';
import { performanceDashboard } from './performance.ts';
import { riskDashboard } from './risk.ts';

/** Every dashboard, validated when loaded (a broken declaration fails with all its errors listed). */
export const dashboards: Record<string, Dashboard> = Object.fromEntries(
  [executionDashboard, performanceDashboard, riskDashboard].map((d) => [d.id, assertDashboard(d)]),
);

export * from './define.ts';
