import type { SliceContext } from '../../../queries/index.ts';
import { formatMoney, formatPercent, moneyUnits, type MoneyUnit } from '../../../queries/format.ts';
import { lagColor } from '../charts/theme.ts';
import { toUnit } from '../data/execution-rows.ts';
import { laggingUnitsRequest, type ExecutionScope } from '../data/execution-slices.ts';
import { compileExecutionSlice, runSql, withNames } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { CaliberTip } from './CaliberTip.tsx';
import { formatPointsValue } from './points.ts';
import { Panel } from './Panel.tsx';

interface Props {
  scope: ExecutionScope;
  ctx: SliceContext;
  version: number;
  unit: MoneyUnit;
  limit?: number;
}

/** The units lagging most behind 序时进度 (a unit is the pair mof_div_code + agency_code), with their names. */
export function LaggingUnitsPanel({ scope, ctx, version, unit, limit = 20 }: Props) {
  const key = JSON.stringify({ scope, ctx, version, limit });
  const query = useQuery(key, async () => {
    const req = laggingUnitsRequest(scope, limit);
    const sql = withNames(compileExecutionSlice(req, ctx), req, [
      { kind: 'agency', as: 'agency_name' },
      { kind: 'region', on: 'mof_div_code', as: 'region_name' },
    ]);
    return (await runSql(sql)).map(toUnit);
  });
  const u = moneyUnits[unit].zh;

  return (
    <Panel
      title={`执行进度滞后单位 前${limit}名`}
      subtitle={
        <>
          按进度偏差升序，仅含有预算的单位
          <CaliberTip metric="progress_gap" />
        </>
      }
      query={query}
      isEmpty={(rows) => rows.length === 0}
      emptyText="所选范围内没有有预算的单位"
      className="panel-lagging"
      testId="panel-lagging"
    >
      {(rows) => (
        <div className="table-scroll">
          <table className="data-table" data-testid="lagging-table">
            <thead>
              <tr>
                <th scope="col" className="num">序号</th>
                <th scope="col">预算单位</th>
                <th scope="col">财政区划</th>
                <th scope="col" className="num">
                  预算数
                  <br />
                  <span className="th-unit">（{u}）</span>
                </th>
                <th scope="col" className="num">
                  支出数
                  <br />
                  <span className="th-unit">（{u}）</span>
                </th>
                <th scope="col" className="num">执行率</th>
                <th scope="col" className="num">
                  进度偏差
                  <br />
                  <span className="th-unit">（个百分点）</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.mofDivCode}:${r.agencyCode}`} data-testid="lagging-row">
                  <td className="num muted">{i + 1}</td>
                  <td title={`${r.agencyName ?? ''} 单位代码 ${r.agencyCode}`}>
                    <span className="unit-name">{r.agencyName ?? `（未登记单位 ${r.agencyCode}）`}</span>
                  </td>
                  <td>{r.regionName ?? r.mofDivCode}</td>
                  <td className="num">{formatMoney(r.budgetFen, unit)}</td>
                  <td className="num">{formatMoney(r.paidFen, unit)}</td>
                  <td className="num">{formatPercent(r.executionRate)}</td>
                  <td className="num gap" style={{ color: lagColor(r.progressGap, 'inherit') }}>
                    {formatPointsValue(r.progressGap)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
