import { useMemo, useRef, useState } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../../dashboards/define.ts';
import { EChart } from '../../charts/EChart.tsx';
import { lineOption } from '../../charts/line-option.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql, splitParts, unionParts } from '../../data/slice.ts';
import { withData } from '../../data/use-query.ts';
import { useI18n } from '../../i18n/context.tsx';
import type { Category } from '../categories.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { detailsTarget, isSelected, warningsTarget } from '../interactions.ts';
import { lineModel } from '../line-model.ts';
import { formatMetric } from '../metric-value.ts';
import { PanelToolbar, Subtitle, useCategoryActions, useFigure } from '../PanelParts.tsx';
import { lineSlices } from '../slices.ts';
import { whole } from './BarPanel.tsx';

type LineDecl = Extract<Panel, { kind: 'line' }>;

/**
 * Lines over the months: cumulative figures against 序时进度 with last year's curve, or one line per value of a series
 * dimension (e.g. warnings by status at each month end). A click on a month filters by it or drills through (up to
 * that month, for a cumulative figure).
 */
export function LinePanel({ panel, style }: { panel: LineDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view, fontSize } = env;
  const { t, label, lang } = useI18n();
  const figure = useFigure();
  const slices = useMemo(() => lineSlices(panel, scope), [panel, scope]);
  // This year's curve and last year's in one statement: one round trip to DuckDB's worker instead of two.
  const q = usePanelQuery(
    panel,
    () => [unionParts([slices.main.request, ...(slices.previous ? [slices.previous] : [])].map((r) => sliceSql(panel.cube, r, data.ctx)), slices.main.request.orderBy)],
    async ([sql]) => {
      const [main, previous] = splitParts(await runSql(sql), slices.previous ? 2 : 1);
      return { slices, rows: { main, previous } };
    },
    [slices, data.ctx],
  );
  const model = useMemo(
    () => (q.data ? lineModel(panel, q.data.slices, q.data.rows, { lang, codes: data.codes, t }) : undefined),
    // `t` follows `lang`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [q.data, panel, lang, data.codes],
  );
  const paid = slices.main.metrics.find((m) => m.id === 'paid');
  const actions = useCategoryActions(panel, { cumulative: panel.cumulative, figureOf: (c) => ({ payments: paid ? figure(c.values.paid, paid) : undefined }) });
  const [table, setTable] = useState(false);
  const chart = useRef<ECharts | null>(null);
  const selectedIndex = model?.cats.findIndex((c) => isSelected(panel, c.pick, scope));
  const option = useMemo(
    () => (model ? lineOption(model.x, model.series, { unit: view.unit, lang, fontSize, selectedIndex: selectedIndex === -1 ? undefined : selectedIndex, hint: model.cats[0] ? actions.hint(model.cats[0]) : null }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, view.unit, lang, fontSize, selectedIndex],
  );
  const hasDetails = detailsTarget(panel, scope, []).ok || warningsTarget(panel, scope, []).ok;
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle metrics={panel.metrics} />}
      actions={<PanelToolbar panel={panel} chart={chart} table={table} onToggleTable={() => setTable((v) => !v)} details={hasDetails ? () => whole(panel, env, label(panel.title)) : undefined} />}
      query={withData(q, model)}
      isEmpty={(m) => m.empty}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(m) => {
        const rows = (
          <table className={table ? 'data-table' : 'sr-only'} data-testid={`rows-${panel.id}`}>
            <thead>
              <tr>
                <th scope="col">{t('filter.month')}</th>
                {m.series.map((s) => (
                  <th key={s.name} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.x.map((x, i) => (
                <tr key={x} data-testid={`row-${panel.id}`} data-key={m.cats[i].key}>
                  <th scope="row">
                    {table && panel.onClick ? (
                      <button type="button" className="link-button" onClick={() => actions.click(m.cats[i])}>
                        {x}
                      </button>
                    ) : (
                      x
                    )}
                  </th>
                  {m.series.map((s) => (
                    <td key={s.name} className="num">
                      {formatMetric(s.values[i] ?? null, s.format, view.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
        if (table) return <div className="table-scroll">{rows}</div>;
        return (
          <>
            <EChart
              option={option!}
              ariaLabel={label(panel.title)}
              testId={`chart-${panel.id}`}
              instanceRef={chart}
              onCategoryClick={({ index }) => {
                const c: Category | undefined = m.cats[index];
                if (c && actions.clickable(c)) actions.click(c);
              }}
              isCategoryClickable={(i) => actions.clickable(m.cats[i])}
              onContext={({ index }) => {
                const c = m.cats[index];
                if (c && actions.canDetails(c)) actions.drillThrough(c);
              }}
            />
            {rows}
          </>
        );
      }}
    </Frame>
  );
}
