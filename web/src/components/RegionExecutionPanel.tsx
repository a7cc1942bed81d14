import { useMemo } from 'react';
import { formatMoney, formatPercent, formatPoints, moneyUnits, type MoneyUnit } from '../../../queries/format.ts';
import { regionLevelColumn, type SliceContext } from '../../../queries/index.ts';
import { EChart } from '../charts/EChart.tsx';
import { regionExecutionOption, sortRegionBars } from '../charts/region-execution-option.ts';
import { useRootFontSize } from '../charts/use-font-size.ts';
import { ratioOf, toChildBars, toUnitBars, type RegionBar } from '../data/execution-rows.ts';
import { childRegionsRequest, unitsRequest, type ExecutionScope } from '../data/execution-slices.ts';
import type { RegionTree } from '../data/regions.ts';
import { compileExecutionSlice, runSql, withNames } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { CaliberTip } from './CaliberTip.tsx';
import { Panel } from './Panel.tsx';

interface Props {
  scope: ExecutionScope;
  ctx: SliceContext;
  version: number;
  regions: RegionTree;
  unit: MoneyUnit;
  onDrill: (code: string) => void;
}

/**
 * 执行率 by child region, plus the org's 本级 row so the bars add up to the 汇总; a region without children shows its
 * units instead. Clicking a region's bar drills into it.
 */
export function RegionExecutionPanel({ scope, ctx, version, regions, unit, onDrill }: Props) {
  const byUnit = regions.children(scope.org.code).length === 0 || scope.org.level >= 4;
  const key = JSON.stringify({ scope, ctx, version, byUnit });
  const query = useQuery(key, async () => {
    if (byUnit) {
      const req = unitsRequest(scope);
      const rows = await runSql(withNames(compileExecutionSlice(req, ctx), req, [{ kind: 'agency', as: 'agency_name' }]));
      return { bars: toUnitBars(rows), timeProgress: rows.length ? ratioOf(rows[0], 'time_progress') : null };
    }
    const req = childRegionsRequest(scope);
    const rows = await runSql(compileExecutionSlice(req, ctx));
    return {
      bars: toChildBars(rows, regionLevelColumn(scope.org.level + 1), scope.org.code, regions),
      timeProgress: rows.length ? ratioOf(rows[0], 'time_progress') : null,
    };
  });
  const fontSize = useRootFontSize();
  const data = query.data;
  const sorted = useMemo(() => (data ? sortRegionBars(data.bars) : []), [data]);
  const option = useMemo(
    () => (data ? regionExecutionOption(data.bars, { timeProgress: data.timeProgress, unit, fontSize }) : null),
    [data, unit, fontSize],
  );
  const title = byUnit ? '各单位预算执行率' : '各下级区划预算执行率';

  return (
    <Panel
      title={title}
      subtitle={
        <>
          按执行率排序{byUnit ? '' : '，含本级；点击区划查看下级'}
          <CaliberTip metric="execution_rate" />
        </>
      }
      query={query}
      isEmpty={(d) => d.bars.length === 0}
      className="panel-region"
      testId="panel-region"
    >
      {() => (
        <>
          <EChart
            option={option!}
            ariaLabel={`${title}柱状图`}
            testId="chart-region"
            onCategoryClick={({ index }) => {
              const target = sorted[index]?.drillTo;
              if (target) onDrill(target);
            }}
            isCategoryClickable={(i) => Boolean(sorted[i]?.drillTo)}
          />
          <BarTable bars={sorted} unit={unit} />
        </>
      )}
    </Panel>
  );
}

/**
 * The bars as a table for screen readers; visually hidden, so it holds no focusable control (keyboard users drill
 * with the 财政区划 picker).
 */
function BarTable({ bars, unit }: { bars: RegionBar[]; unit: MoneyUnit }) {
  const u = moneyUnits[unit].zh;
  return (
    <table className="sr-only" data-testid="region-rows">
      <thead>
        <tr>
          <th>名称</th>
          <th>预算执行率</th>
          <th>进度偏差</th>
          <th>预算数（{u}）</th>
          <th>支出数（{u}）</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((b) => (
          <tr key={b.key} data-kind={b.kind} data-testid="region-row">
            <th scope="row">{b.label}</th>
            <td>{formatPercent(b.executionRate)}</td>
            <td>{formatPoints(b.progressGap)}</td>
            <td>{formatMoney(b.budgetFen, unit)}</td>
            <td>{formatMoney(b.paidFen, unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
