import { useId } from 'react';
import { executionCube } from '../../../queries/index.ts';
import type { ExecutionMetric } from '../data/execution-slices.ts';

/** 口径 of a metric, as a small ⓘ with a popover on hover or keyboard focus. */
export function CaliberTip({ metric }: { metric: ExecutionMetric }) {
  const id = useId();
  const m = executionCube.metrics.find((x) => x.id === metric);
  if (!m) return null;
  return (
    <span className="caliber" tabIndex={0} aria-describedby={id} aria-label={`${m.label.zh}口径`} data-testid={`caliber-${metric}`}>
      <span aria-hidden="true">ⓘ</span>
      <span role="tooltip" id={id} className="caliber-pop">
        <strong>{m.label.zh}</strong>
        <span>口径：{m.caliber.definition.zh}</span>
        <span>资金范围：{m.caliber.fundTypes.zh}</span>
        {m.caliber.denominator ? <span>分母：{m.caliber.denominator.zh}</span> : null}
      </span>
    </span>
  );
}
