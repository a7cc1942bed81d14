import { useMemo, useRef, useState } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../../dashboards/define.ts';
import { EChart } from '../../charts/EChart.tsx';
import { pieOption } from '../../charts/pie-option.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql } from '../../data/slice.ts';
import { withData } from '../../data/use-query.ts';
import { useI18n } from '../../i18n/context.tsx';
import { toCategories } from '../categories.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { detailsTarget, isSelected, warningsTarget } from '../interactions.ts';
import { CategoryTable, PanelToolbar, Subtitle, useCategoryActions, useFigure, useSpec } from '../PanelParts.tsx';
import { pieSlice } from '../slices.ts';
import { whole } from './BarPanel.tsx';

type PieDecl = Extract<Panel, { kind: 'pie' }>;

/** Shares of one additive metric by a dimension (资金性质 a digit deeper than the chosen prefix); a click filters. */
export function PiePanel({ panel, style }: { panel: PieDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view, fontSize } = env;
  const { label, lang } = useI18n();
  const spec = useSpec();
  const figure = useFigure();
  const slice = useMemo(() => pieSlice(panel, scope), [panel, scope]);
  const q = usePanelQuery(panel, () => [sliceSql(panel.cube, slice.request, data.ctx, slice.names)], async ([sql]) => ({ slice, rows: await runSql(sql) }), [slice, data.ctx]);
  const cats = useMemo(() => {
    if (!q.data) return undefined;
    const { slice: s, rows } = q.data;
    return toCategories(rows, s.grouping!, s.metrics, { regions: data.regions, codes: data.codes, lang, year: Number(s.request.asOf.slice(0, 4)) });
  }, [q.data, data, lang]);
  const actions = useCategoryActions(panel, { figureOf: (c) => (panel.metric.id === 'paid' ? { payments: figure(c.values.paid, panel.metric) } : {}) });
  const [table, setTable] = useState(false);
  const chart = useRef<ECharts | null>(null);
  const selected = cats?.find((c) => isSelected(panel, c.pick, scope) || (c.pick.kind === 'value' && c.pick.dimension === 'fund_type_code' && c.pick.value === scope.fund))?.key;
  const option = useMemo(
    () => (cats ? pieOption(cats, { metric: spec(panel.metric), unit: view.unit, lang, fontSize, selectedKey: selected, hint: actions.hint }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cats, view.unit, lang, fontSize, selected, panel],
  );
  const hasDetails = detailsTarget(panel, scope, []).ok || warningsTarget(panel, scope, []).ok;
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle metrics={[panel.metric]} />}
      actions={<PanelToolbar panel={panel} chart={chart} table={table} onToggleTable={() => setTable((v) => !v)} details={hasDetails ? () => whole(panel, env, label(panel.title)) : undefined} />}
      query={withData(q, cats)}
      isEmpty={(c) => c.length === 0}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(c) =>
        table ? (
          <CategoryTable panel={panel} cats={c} metrics={[panel.metric]} visible onClick={panel.onClick ? actions.click : undefined} onDetails={hasDetails ? actions.drillThrough : undefined} />
        ) : (
          <>
            <EChart
              option={option!}
              ariaLabel={label(panel.title)}
              testId={`chart-${panel.id}`}
              instanceRef={chart}
              onItemClick={({ dataIndex }) => {
                const cat = c[dataIndex];
                if (cat && actions.clickable(cat)) actions.click(cat);
              }}
              onContext={({ index }) => {
                const cat = c[index];
                if (cat && actions.canDetails(cat)) actions.drillThrough(cat);
              }}
            />
            <CategoryTable panel={panel} cats={c} metrics={[panel.metric]} />
          </>
        )
      }
    </Frame>
  );
}
