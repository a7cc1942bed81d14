import { formatMoney, formatPercent, moneyUnits, type MoneyUnit } from '../../../queries/format.ts';
import type { KpiRow } from '../data/execution-rows.ts';
import type { ExecutionMetric } from '../data/execution-slices.ts';
import type { QueryState } from '../data/use-query.ts';
import { lagBands } from '../charts/theme.ts';
import { CaliberTip } from './CaliberTip.tsx';
import { formatPointsValue } from './points.ts';

interface Card {
  metric: ExecutionMetric;
  label: string;
  value: (k: KpiRow) => string;
  unit: string;
  tone?: (k: KpiRow) => 'warn' | 'alert' | undefined;
}

/** The headline figures of the selected org's 汇总: 预算数, 支出数, 执行率, 序时进度, 进度偏差. */
export function KpiCards({ query, unit }: { query: QueryState<KpiRow | null>; unit: MoneyUnit }) {
  const unitZh = moneyUnits[unit].zh;
  const cards: Card[] = [
    { metric: 'budget', label: '预算数', value: (k) => formatMoney(k.budgetFen, unit), unit: unitZh },
    { metric: 'paid', label: '支出数', value: (k) => formatMoney(k.paidFen, unit), unit: unitZh },
    { metric: 'execution_rate', label: '预算执行率', value: (k) => formatPercent(k.executionRate), unit: '' },
    { metric: 'time_progress', label: '序时进度', value: (k) => formatPercent(k.timeProgress), unit: '' },
    {
      metric: 'progress_gap',
      label: '进度偏差',
      value: (k) => formatPointsValue(k.progressGap),
      unit: '个百分点',
      tone: (k) => (k.progressGap === null ? undefined : k.progressGap <= lagBands.alert ? 'alert' : k.progressGap <= lagBands.warn ? 'warn' : undefined),
    },
  ];
  const k = query.data ?? null;
  const status = query.status === 'error' ? 'error' : k ? 'ready' : query.status === 'ok' ? 'empty' : 'loading';
  return (
    <section className="kpis" aria-label="核心指标" data-testid="kpis" data-state={status}>
      {cards.map((c) => (
        <div key={c.metric} className={`kpi ${k && c.tone?.(k) ? `kpi-${c.tone(k)}` : ''}`} data-testid={`kpi-${c.metric}`}>
          <div className="kpi-label">
            {c.label}
            <CaliberTip metric={c.metric} />
          </div>
          <div className="kpi-figure">
            {query.status === 'error' ? (
              <span className="kpi-error" role="alert" title={query.error}>
                查询失败
              </span>
            ) : (
              <>
                <span className="kpi-value" data-testid={`kpi-${c.metric}-value`}>
                  {k ? c.value(k) : '—'}
                </span>
                {c.unit ? <span className="kpi-unit">{c.unit}</span> : null}
              </>
            )}
          </div>
        </div>
      ))}
    </section>
  );
}
