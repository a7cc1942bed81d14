import { useMemo } from 'react';
import type { Panel } from '../../../../dashboards/define.ts';
import { lagColor } from '../../charts/theme.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql } from '../../data/slice.ts';
import { withData } from '../../data/use-query.ts';
import { useI18n } from '../../i18n/context.tsx';
import { categoryOf, type Category } from '../categories.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { detailsTarget } from '../interactions.ts';
import { isHighlighted } from '../kpi-model.ts';
import { formatMetric, metricUnit, readMetric } from '../metric-value.ts';
import { PanelToolbar, Subtitle, useCategoryActions, useFigure } from '../PanelParts.tsx';
import { tableSlice } from '../slices.ts';
import { whole } from './BarPanel.tsx';

type TableDecl = Extract<Panel, { kind: 'table' }>;

/**
 * A ranked table (e.g. the units lagging most behind 序时进度): one row per category of its groupings, its metrics,
 * the declared condition and limit; rows past the highlight value are marked, and a row drills through.
 */
export function TablePanel({ panel, style }: { panel: TableDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view } = env;
  const { t, label, lang } = useI18n();
  const figure = useFigure();
  const slice = useMemo(() => tableSlice(panel, scope), [panel, scope]);
  const q = usePanelQuery(panel, () => [sliceSql(panel.cube, slice.request, data.ctx, slice.names)], async ([sql]) => ({ slice, rows: await runSql(sql) }), [slice, data.ctx]);
  const rows = useMemo(() => {
    if (!q.data) return undefined;
    const { slice: s, rows: list } = q.data;
    const year = Number(s.request.asOf.slice(0, 4));
    return list.map((r) => {
      const parts = s.groupings.map((g) => categoryOf(r, g, { regions: data.regions, codes: data.codes, lang, year }));
      const values = Object.fromEntries(s.metrics.map((m) => [m.id, readMetric(r, m.id, m.format)]));
      return { cat: { ...parts[0], label: parts.map((p) => p.label).join(' · '), values } as Category, parts };
    });
  }, [q.data, data, lang]);
  const m = (id: string) => slice.metrics.find((x) => x.id === id);
  const actions = useCategoryActions(panel, { figureOf: (c) => ({ payments: m('paid') ? figure(c.values.paid, m('paid')!) : undefined, indicators: m('budget') ? figure(c.values.budget, m('budget')!) : undefined }) });
  const units = slice.groupings.some((g) => g.kind === 'units');
  const note = panel.limit ? t('panel.showing', { n: panel.limit }) : undefined;
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle note={note} metrics={panel.metrics} />}
      actions={<PanelToolbar panel={panel} details={detailsTarget(panel, scope, []).ok ? () => whole(panel, env, label(panel.title)) : undefined} />}
      query={withData(q, rows)}
      isEmpty={(r) => r.length === 0}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(list) => (
        <div className="table-scroll">
          <table className="data-table" data-testid={`table-${panel.id}`}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('panel.rank')}
                </th>
                <th scope="col">{units ? t('panel.unit') : t('panel.name')}</th>
                {units ? <th scope="col">{t('panel.region')}</th> : null}
                {panel.metrics.map((x) => {
                  const u = metricUnit(x.format, view.unit, lang);
                  return (
                    <th key={x.id} scope="col" className="num">
                      {label(x.label)}
                      {u ? (
                        <>
                          <br />
                          <span className="th-unit">（{u}）</span>
                        </>
                      ) : null}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {list.map(({ cat }, i) => {
                const hot = panel.highlight ? isHighlighted(cat.values[panel.highlight.metric.id], panel.highlight) : false;
                const clickable = panel.onClick === 'drill_through' || actions.clickable(cat);
                return (
                  <tr
                    key={cat.key}
                    className={`${hot ? 'row-alert' : ''} ${clickable ? 'row-click' : ''}`}
                    data-testid={`row-${panel.id}`}
                    data-key={cat.key}
                    data-highlight={hot ? 'true' : undefined}
                    onClick={clickable ? () => actions.click(cat) : undefined}
                  >
                    <td className="num muted">{i + 1}</td>
                    <td title={cat.key}>
                      {clickable ? (
                        <button type="button" className="link-button unit-name" onClick={(e) => {
                            e.stopPropagation();
                            actions.click(cat);
                          }}>
                          {cat.label}
                        </button>
                      ) : (
                        <span className="unit-name">{cat.label}</span>
                      )}
                    </td>
                    {units ? <td>{cat.regionName ?? ''}</td> : null}
                    {panel.metrics.map((x) => (
                      <td key={x.id} className={`num ${x.format === 'pp1' ? 'gap' : ''}`} data-metric={x.id} style={x.format === 'pp1' ? { color: lagColor(cat.values[x.id] as number | null, 'inherit') } : undefined}>
                        {formatMetric(cat.values[x.id], x.format, view.unit)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Frame>
  );
}
