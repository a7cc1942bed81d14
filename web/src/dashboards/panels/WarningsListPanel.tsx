import type { Panel } from '../../../../dashboards/define.ts';
import { Panel as Frame } from '../../components/Panel.tsx';
import { useI18n } from '../../i18n/context.tsx';
import { useDashboard } from '../env.tsx';
import { warningsTarget } from '../interactions.ts';
import { PanelToolbar } from '../PanelParts.tsx';
import { WarningsTable } from '../WarningsTable.tsx';

type ListDecl = Extract<Panel, { kind: 'warnings_list' }>;

/** The warnings behind the page's filters (and the panel's own, e.g. R09 only), paged and sorted by the API. */
export function WarningsListPanel({ panel, style, reloadKey }: { panel: ListDecl; style: React.CSSProperties; reloadKey: number }) {
  const env = useDashboard();
  const { label, t } = useI18n();
  const target = warningsTarget(panel, env.scope, []);
  const query = target.ok ? ({ status: 'ok', data: target.params } as const) : ({ status: 'error', error: t('details.unsupported', { reason: t(target.reason, target.vars) }) } as const);
  return (
    <Frame title={label(panel.title)} actions={<PanelToolbar panel={panel} />} query={query} isEmpty={() => false} className="panel-warnings" style={style} testId={`panel-${panel.id}`}>
      {(filters) => <WarningsTable filters={filters} limit={Math.min(panel.limit, 50)} onOpen={env.openWarning} reloadKey={reloadKey} testId={`list-${panel.id}`} />}
    </Frame>
  );
}
