import { useMemo, useRef, useState } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../../dashboards/define.ts';
import { EChart } from '../../charts/EChart.tsx';
import { heatmapOption } from '../../charts/heatmap-option.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql } from '../../data/slice.ts';
import { withData } from '../../data/use-query.ts';
import { useI18n } from '../../i18n/context.tsx';
import { toMatrix, type Category } from '../categories.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { clickPatch, detailsTarget, warningsTarget } from '../interactions.ts';
import { formatMetric } from '../metric-value.ts';
import { PanelToolbar, Subtitle, useCategoryActions, useSpec } from '../PanelParts.tsx';
import { heatmapSlice } from '../slices.ts';
import { whole } from './BarPanel.tsx';

type HeatmapDecl = Extract<Panel, { kind: 'heatmap' }>;

/** A matrix of org × dimension (e.g. region × rule); a click on a cell drills into its org, a right click lists its rows. */
export function HeatmapPanel({ panel, style }: { panel: HeatmapDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view, fontSize } = env;
  const { t, label, lang } = useI18n();
  const spec = useSpec();
  const slice = useMemo(() => heatmapSlice(panel, scope), [panel, scope]);
  const q = usePanelQuery(panel, () => [sliceSql(panel.cube, slice.request, data.ctx, slice.names)], async ([sql]) => ({ slice, rows: await runSql(sql) }), [slice, data.ctx]);
  const matrix = useMemo(() => (q.data ? toMatrix(q.data.rows, q.data.slice.grouping!, q.data.slice.y, panel.metric, { regions: data.regions, codes: data.codes, lang }) : undefined), [q.data, panel.metric, data, lang]);
  const actions = useCategoryActions(panel);
  const chart = useRef<ECharts | null>(null);
  const [height, setHeight] = useState<number | undefined>(undefined);
  const option = useMemo(
    () => (matrix ? heatmapOption(matrix, { metric: spec(panel.metric), unit: view.unit, lang, fontSize, hint: panel.onClick === 'drill_org' ? t('panel.clickDrill') : null, height }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [matrix, view.unit, lang, fontSize, height],
  );
  const cellAt = (i: number) => {
    if (!matrix) return null;
    const cell = matrix.cells.filter((c) => matrix.x.some((x) => x.key === c.x))[i];
    const x = matrix.x.find((c) => c.key === cell?.x);
    return cell && x ? { x: { ...x, values: {} } as Category, y: cell.y } : null;
  };
  const hasDetails = detailsTarget(panel, scope, []).ok || warningsTarget(panel, scope, []).ok;
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle metrics={[panel.metric]} />}
      actions={<PanelToolbar panel={panel} chart={chart} details={hasDetails ? () => whole(panel, env, label(panel.title)) : undefined} />}
      query={withData(q, matrix)}
      isEmpty={(m) => m.cells.length === 0}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(m) => (
        <>
          <EChart
            option={option!}
            ariaLabel={label(panel.title)}
            testId={`chart-${panel.id}`}
            instanceRef={chart}
            onSize={(s) => setHeight(s.height)}
            onItemClick={({ dataIndex }) => {
              const hit = cellAt(dataIndex);
              if (!hit) return;
              const patch = clickPatch(panel, hit.x.pick, scope);
              if (patch) env.navigate(patch);
            }}
            onContext={({ index }) => {
              const hit = cellAt(index);
              if (hit) actions.drillThrough(hit.x, [{ kind: 'value', dimension: slice.y, value: hit.y }]);
            }}
          />
          <table className="sr-only" data-testid={`rows-${panel.id}`}>
            <thead>
              <tr>
                <th scope="col" />
                {m.y.map((y) => (
                  <th key={y.key} scope="col">
                    {y.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.x.map((x) => (
                <tr key={x.key} data-testid={`row-${panel.id}`} data-key={x.key}>
                  <th scope="row">{x.label}</th>
                  {m.y.map((y) => (
                    <td key={y.key} data-y={y.key}>
                      {formatMetric(m.cells.find((c) => c.x === x.key && c.y === y.key)?.value ?? null, panel.metric.format, view.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Frame>
  );
}
