import type { Panel } from '../../../dashboards/define.ts';
import { PanelBoundary } from '../components/PanelBoundary.tsx';
import { BarPanel } from './panels/BarPanel.tsx';
import { GaugePanel } from './panels/GaugePanel.tsx';
import { HeatmapPanel } from './panels/HeatmapPanel.tsx';
import { KpiPanel } from './panels/KpiPanel.tsx';
import { LinePanel } from './panels/LinePanel.tsx';
import { PiePanel } from './panels/PiePanel.tsx';
import { TablePanel } from './panels/TablePanel.tsx';
import { WarningsListPanel } from './panels/WarningsListPanel.tsx';

/** Where a panel sits on the page's 24-column grid. */
export function gridStyle(p: Panel): React.CSSProperties {
  const l = p.layout;
  return { gridColumn: `${l.x + 1} / span ${l.w}`, gridRow: `${l.y + 1} / span ${l.h}` };
}

/** One panel of any kind, drawn from its declaration; a panel that fails to render fails alone. */
export function PanelView({ panel, reloadKey }: { panel: Panel; reloadKey: number }) {
  const style = gridStyle(panel);
  const body = (() => {
    switch (panel.kind) {
      case 'kpi':
        return <KpiPanel panel={panel} style={style} />;
      case 'bar':
        return <BarPanel panel={panel} style={style} />;
      case 'line':
        return <LinePanel panel={panel} style={style} />;
      case 'pie':
        return <PiePanel panel={panel} style={style} />;
      case 'heatmap':
        return <HeatmapPanel panel={panel} style={style} />;
      case 'gauge':
        return <GaugePanel panel={panel} style={style} />;
      case 'table':
        return <TablePanel panel={panel} style={style} />;
      case 'warnings_list':
        return <WarningsListPanel panel={panel} style={style} reloadKey={reloadKey} />;
    }
  })();
  return (
    <PanelBoundary key={panel.id} style={style}>
      {body}
    </PanelBoundary>
  );
}
