import { useMemo, useRef, useState } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../../dashboards/define.ts';
import { barOption } from '../../charts/bar-option.ts';
import { EChart } from '../../charts/EChart.tsx';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql } from '../../data/slice.ts';
import { withData } from '../../data/use-query.ts';
import { useI18n } from '../../i18n/context.tsx';
import { toCategories, type Category } from '../categories.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { detailsTarget, isSelected, warningsTarget } from '../interactions.ts';
import { CategoryTable, PanelToolbar, Subtitle, useCategoryActions, useFigure, useSpec } from '../PanelParts.tsx';
import { barSlice, type Grouping } from '../slices.ts';

type BarDecl = Extract<Panel, { kind: 'bar' }>;

/** The drill state a grouping shows under the title: 各下级区划（含本级）, 各单位, or the 类 whose 款 are shown. */
export function useGroupingNote(g: Grouping | undefined) {
  const { t } = useI18n();
  const { data, view } = useDashboard();
  if (!g) return undefined;
  if (g.kind === 'children') return t('panel.children');
  if (g.kind === 'units') return t('panel.units');
  if (g.kind === 'dim' && g.within) {
    const list = g.within.dimension === 'exp_func_class' ? 'exp_func' : 'dep_bgt_eco';
    return t('panel.byItem', { class: data.codes.label(list, g.within.value, Number(view.asOf.slice(0, 4))) });
  }
  return undefined;
}

/**
 * Bars of the panel's metrics by its grouping, in the slice's order, with a reference line (序时进度) and lag colours
 * for 执行率. A click drills (org), filters (类 / 款, fund), or drills through; a right click drills through.
 */
export function BarPanel({ panel, style }: { panel: BarDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view, fontSize } = env;
  const { label, lang } = useI18n();
  const spec = useSpec();
  const figure = useFigure();
  const slice = useMemo(() => barSlice(panel, scope), [panel, scope]);
  // The rows keep the slice they answer: while a new slice loads, the previous rows are still named by their own grouping.
  const q = usePanelQuery(panel, () => [sliceSql(panel.cube, slice.request, data.ctx, slice.names)], async ([sql]) => ({ slice, rows: await runSql(sql) }), [slice, data.ctx]);
  const cats = useMemo(() => {
    if (!q.data) return undefined;
    const { slice: s, rows } = q.data;
    return toCategories(rows, s.grouping!, s.metrics, { regions: data.regions, codes: data.codes, lang, year: Number(s.request.asOf.slice(0, 4)) });
  }, [q.data, data.regions, data.codes, lang]);
  const figureOf = (c: Category) => {
    const m = (id: string) => slice.metrics.find((x) => x.id === id);
    const paid = m('paid');
    const budget = m('budget');
    return { payments: paid ? figure(c.values.paid, paid) : undefined, indicators: budget ? figure(c.values.budget, budget) : undefined };
  };
  const actions = useCategoryActions(panel, { figureOf });
  const [table, setTable] = useState(false);
  const chart = useRef<ECharts | null>(null);
  const [height, setHeight] = useState<number | undefined>(undefined);
  const note = useGroupingNote(slice.grouping);
  const shown = panel.metrics;
  const tipMetrics = slice.metrics;
  const selected = cats?.find((c) => isSelected(panel, c.pick, scope))?.key;
  const option = useMemo(
    () =>
      cats
        ? barOption(cats, {
            series: shown.map(spec),
            reference: panel.referenceLine ? spec(panel.referenceLine) : undefined,
            tooltip: tipMetrics.map(spec),
            lagMetric: shown[0].id === 'execution_rate' && tipMetrics.some((m) => m.id === 'progress_gap') ? 'progress_gap' : undefined,
            unit: view.unit,
            lang,
            fontSize,
            hint: actions.hint,
            selectedKey: selected,
            stacked: panel.stacked,
            height,
          })
        : null,
    // `actions` and `spec` follow from the scope and language already in the deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cats, view.unit, lang, fontSize, selected, panel, height],
  );
  const hasDetails = detailsTarget(panel, scope, []).ok || warningsTarget(panel, scope, []).ok;
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle note={note} metrics={panel.referenceLine ? [...shown, panel.referenceLine] : shown} />}
      actions={<PanelToolbar panel={panel} chart={chart} table={table} onToggleTable={() => setTable((v) => !v)} details={hasDetails ? () => whole(panel, env, label(panel.title)) : undefined} />}
      query={withData(q, cats)}
      isEmpty={(c) => c.length === 0}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(c) =>
        table ? (
          <CategoryTable panel={panel} cats={c} metrics={tipMetrics} visible onClick={panel.onClick ? actions.click : undefined} onDetails={hasDetails ? actions.drillThrough : undefined} />
        ) : (
          <>
            <EChart
              option={option!}
              ariaLabel={label(panel.title)}
              testId={`chart-${panel.id}`}
              instanceRef={chart}
              onSize={(s) => setHeight(s.height)}
              onCategoryClick={({ index }) => {
                const cat = c[index];
                if (cat && actions.clickable(cat)) actions.click(cat);
              }}
              isCategoryClickable={(i) => actions.clickable(c[i])}
              onContext={({ index }) => {
                const cat = c[index];
                if (cat && actions.canDetails(cat)) actions.drillThrough(cat);
              }}
            />
            <CategoryTable panel={panel} cats={c} metrics={tipMetrics} />
          </>
        )
      }
    </Frame>
  );
}

/** Drill-through of a whole panel (its slice without a category). */
export function whole(panel: Panel, env: ReturnType<typeof useDashboard>, title: string) {
  if (panel.cube.id === 'execution') {
    const t = detailsTarget(panel, env.scope, []);
    env.openDetails({ panel, picks: [], title, kind: t.ok ? t.kind : undefined });
    return;
  }
  const w = warningsTarget(panel, env.scope, []);
  if (w.ok) env.openWarnings(w.params, title);
}
