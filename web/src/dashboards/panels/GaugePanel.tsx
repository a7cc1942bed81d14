import { useMemo, useRef } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../../dashboards/define.ts';
import { EChart } from '../../charts/EChart.tsx';
import { gaugeOption } from '../../charts/gauge-option.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { runSql, sliceSql } from '../../data/slice.ts';
import { useI18n } from '../../i18n/context.tsx';
import { useDashboard, usePanelQuery } from '../env.tsx';
import { readMetric } from '../metric-value.ts';
import { PanelToolbar, Subtitle } from '../PanelParts.tsx';
import { gaugeSlice } from '../slices.ts';

type GaugeDecl = Extract<Panel, { kind: 'gauge' }>;

/** One ratio of the scope on a dial, its target (e.g. 序时进度) as a second pointer. */
export function GaugePanel({ panel, style }: { panel: GaugeDecl; style: React.CSSProperties }) {
  const { data, scope, fontSize } = useDashboard();
  const { label } = useI18n();
  const slice = useMemo(() => gaugeSlice(panel, scope), [panel, scope]);
  const q = usePanelQuery(panel, () => [sliceSql(panel.cube, slice.request, data.ctx)], ([sql]) => runSql(sql), [slice, data.ctx]);
  const chart = useRef<ECharts | null>(null);
  const row = q.data?.[0];
  const option = useMemo(() => {
    if (!row) return null;
    const v = readMetric(row, panel.metric.id, panel.metric.format);
    const target = panel.target ? readMetric(row, panel.target.id, panel.target.format) : null;
    return gaugeOption(v === null ? null : Number(v), { name: label(panel.metric.label), target: panel.target ? { name: label(panel.target.label), value: target === null ? null : Number(target) } : undefined, fontSize });
  }, [row, panel, label, fontSize]);
  return (
    <Frame
      title={label(panel.title)}
      subtitle={<Subtitle metrics={panel.target ? [panel.metric, panel.target] : [panel.metric]} />}
      actions={<PanelToolbar panel={panel} chart={chart} />}
      query={q}
      isEmpty={(rows) => rows.length === 0}
      style={style}
      testId={`panel-${panel.id}`}
    >
      {() => <EChart option={option!} ariaLabel={label(panel.title)} testId={`chart-${panel.id}`} instanceRef={chart} />}
    </Frame>
  );
}
