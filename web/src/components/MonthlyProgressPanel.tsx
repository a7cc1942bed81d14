import { useMemo } from 'react';
import type { SliceContext } from '../../../queries/index.ts';
import { formatPercent } from '../../../queries/format.ts';
import { yearOf } from '../../../queries/time.ts';
import { EChart } from '../charts/EChart.tsx';
import { monthlyProgressOption } from '../charts/monthly-progress-option.ts';
import { useRootFontSize } from '../charts/use-font-size.ts';
import { toMonthPoints, type MonthPoint } from '../data/execution-rows.ts';
import { monthlyRequest, type ExecutionScope } from '../data/execution-slices.ts';
import { compileExecutionSlice, runSql } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { CaliberTip } from './CaliberTip.tsx';
import { Panel } from './Panel.tsx';

interface Props {
  scope: ExecutionScope;
  ctx: SliceContext;
  version: number;
  fiscalYears: readonly number[];
}

/** Cumulative execution rate per month against 序时进度, with the previous fiscal year for comparison. */
export function MonthlyProgressPanel({ scope, ctx, version, fiscalYears }: Props) {
  const year = yearOf(scope.asOf);
  const withPrevious = fiscalYears.includes(year - 1);
  const key = JSON.stringify({ scope, ctx, version, withPrevious });
  const query = useQuery(key, async () => {
    const run = async (s: ExecutionScope) => toMonthPoints(await runSql(compileExecutionSlice(monthlyRequest(s), ctx)));
    const [current, previous] = await Promise.all([run(scope), withPrevious ? run({ ...scope, asOf: `${year - 1}-12-31` }) : Promise.resolve<MonthPoint[]>([])]);
    return { current, previous };
  });
  const fontSize = useRootFontSize();
  const data = query.data;
  const option = useMemo(() => (data ? monthlyProgressOption(data.current, { year, previous: data.previous, fontSize }) : null), [data, year, fontSize]);

  return (
    <Panel
      title="累计执行进度"
      subtitle={
        <>
          {year}年各月累计预算执行率与序时进度
          <CaliberTip metric="time_progress" />
        </>
      }
      query={query}
      isEmpty={(d) => d.current.length === 0}
      className="panel-monthly"
      testId="panel-monthly"
    >
      {(d) => (
        <>
          <EChart option={option!} ariaLabel="各月累计执行率折线图" testId="chart-monthly" />
          <table className="sr-only" data-testid="monthly-rows">
            <thead>
              <tr>
                <th>月份</th>
                <th>累计执行率</th>
                <th>序时进度</th>
              </tr>
            </thead>
            <tbody>
              {d.current.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{p.month % 100}月</th>
                  <td>{formatPercent(p.executionRate)}</td>
                  <td>{formatPercent(p.timeProgress)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
