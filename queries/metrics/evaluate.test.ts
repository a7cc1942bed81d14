import { describe, expect, it } from 'vitest';
import { approvalHoursP90 } from './approval.ts';
import { metricValue } from './evaluate.ts';
import { executionRate, paid, progressGap } from './execution.ts';
import { evalCoverage, goalCoverageAmount } from './performance.ts';

describe('metricValue: a metric from summed parts, with the formula SQL renders', () => {
  it('execution rate and progress gap, by hand', () => {
    // 56,445,703 fen paid of 190,000,000: 0.29708265…; at 83.3 % time progress the gap is −53.59… points.
    expect(metricValue(executionRate, { paid_fen: 56_445_703n, budget_fen: 190_000_000n })).toBeCloseTo(0.297082647, 9);
    expect(metricValue(progressGap, { paid_fen: 56_445_703n, budget_fen: 190_000_000n }, { timeProgress: 304 / 365 })).toBeCloseTo((56_445_703 / 190_000_000 - 304 / 365) * 100, 12);
    expect(metricValue(paid, { paid_fen: 7n })).toBe(7);
  });
  it('no budget (or no projects) gives null, never Infinity or 0', () => {
    expect(metricValue(executionRate, { paid_fen: 5n, budget_fen: 0n })).toBeNull();
    expect(metricValue(progressGap, { paid_fen: 5n, budget_fen: 0n }, { timeProgress: 0.5 })).toBeNull();
    expect(metricValue(evalCoverage, { k3_eval_count: 0n, k3_count: 0n })).toBeNull();
    expect(metricValue(goalCoverageAmount, { k3_goal_amount_fen: 3n, k3_amount_fen: 4n })).toBe(0.75);
  });
  it('a missing part or a formula it cannot evaluate is an error', () => {
    expect(() => metricValue(executionRate, { paid_fen: 5n })).toThrow(/budget_fen/);
    expect(() => metricValue(approvalHoursP90, Object.fromEntries(approvalHoursP90.parts.map((p) => [p, 1n])))).toThrow(/metricValue/);
  });
});
