import { useMemo } from 'react';
import type { Panel } from '../../../../dashboards/define.ts';
import { AnimatedFigure } from '../../components/AnimatedFigure.tsx';
import { CaliberTip } from '../../components/CaliberTip.tsx';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql, splitParts, unionParts } from '../../data/slice.ts';
import { useI18n } from '../../i18n/context.tsx';
import { direction, formatChange, type Change } from '../compare.ts';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { detailsTarget } from '../interactions.ts';
import { kpiCards, type KpiCard } from '../kpi-model.ts';
import { formatMetric, metricUnit } from '../metric-value.ts';
import { kpiSlices } from '../slices.ts';
import { PanelToolbar } from '../PanelParts.tsx';

type KpiDecl = Extract<Panel, { kind: 'kpi' }>;

/**
 * KPI cards: each metric of the panel for the scope's 汇总, with 同比 (the same slice a year earlier) and 环比 (at the
 * previous month end) when declared, and its 口径. A money or count figure opens its drill-through.
 */
export function KpiPanel({ panel, style }: { panel: KpiDecl; style: React.CSSProperties }) {
  const env = useDashboard();
  const { data, scope, view } = env;
  const { t, label, lang } = useI18n();
  const slices = useMemo(() => kpiSlices(panel, scope), [panel, scope]);
  // The figures, their 同比 and their 环比 in one statement: one round trip to DuckDB's worker instead of three.
  const q = usePanelQuery(
    panel,
    () => [unionParts([slices.main.request, ...(slices.yoy ? [slices.yoy] : []), ...(slices.mom ? [slices.mom] : [])].map((r) => sliceSql(panel.cube, r, data.ctx)))],
    async ([sql]) => {
      const [main, ...rest] = splitParts(await runSql(sql), 1 + Number(!!slices.yoy) + Number(!!slices.mom));
      return kpiCards(panel.metrics, main, { yoy: slices.yoy ? rest.shift() : undefined, mom: slices.mom ? rest.shift() : undefined }) ?? [];
    },
    [slices, data.ctx],
  );
  const drill = (c: KpiCard) => {
    const kind = c.metric.id === 'budget' ? 'indicators' : 'payments';
    const target = detailsTarget(panel, scope, []);
    if (!target.ok) return;
    const u = metricUnit(c.metric.format, view.unit, lang);
    env.openDetails({ panel, picks: [], title: `${label(panel.title)} · ${label(c.metric.label)}`, kind, figures: { [kind]: `${formatMetric(c.value, c.metric.format, view.unit)}${u}` } });
  };
  const drillable = (c: KpiCard) => panel.cube.id === 'execution' && (c.metric.id === 'budget' || c.metric.id === 'paid') && detailsTarget(panel, scope, []).ok;
  const wide = panel.layout.w >= 16;
  return (
    <Frame
      title={label(panel.title)}
      actions={<PanelToolbar panel={panel} />}
      query={q}
      isEmpty={(cards) => cards.length === 0}
      className={`panel-kpi ${wide ? '' : 'panel-kpi-narrow'}`}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {(cards) => (
        <div className="kpis" data-testid={`kpis-${panel.id}`}>
          {cards.map((c) => {
            const u = metricUnit(c.metric.format, view.unit, lang);
            const value = formatMetric(c.value, c.metric.format, view.unit);
            return (
              <div key={c.metric.id} className={`kpi ${c.tone ? `kpi-${c.tone}` : ''}`} data-testid={`kpi-${c.metric.id}`}>
                <div className="kpi-top">
                  <span className="kpi-label">
                    {label(c.metric.label)}
                    <CaliberTip metric={c.metric} />
                  </span>
                  {c.yoy || c.mom ? (
                    <span className="kpi-compare">
                      {c.yoy ? <Delta name={t('kpi.yoy')} change={c.yoy} testId={`kpi-${c.metric.id}-yoy`} /> : null}
                      {c.mom ? <Delta name={t('kpi.mom')} change={c.mom} testId={`kpi-${c.metric.id}-mom`} /> : null}
                    </span>
                  ) : null}
                </div>
                <div className="kpi-figure">
                  {drillable(c) ? (
                    <button type="button" className="kpi-value kpi-link" onClick={() => drill(c)} title={t('panel.clickDetails')} data-testid={`kpi-${c.metric.id}-value`}>
                      {value}
                    </button>
                  ) : (
                    <span className="kpi-value" data-testid={`kpi-${c.metric.id}-value`} data-value={value}>
                      <AnimatedFigure text={value} />
                    </span>
                  )}
                  {u ? <span className="kpi-unit">{u}</span> : null}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </Frame>
  );
}

function Delta({ name, change, testId }: { name: string; change: Change; testId: string }) {
  const { lang } = useI18n();
  const dir = direction(change);
  return (
    <span className={`delta delta-${dir}`}>
      {name}
      <span className="delta-value" data-testid={testId}>
        {dir === 'up' ? '▲' : dir === 'down' ? '▼' : ''}
        {formatChange(change, lang)}
      </span>
    </span>
  );
}
