import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard } from '../../../dashboards/define.ts';
import { ruleById, ruleIds, severities, severityLabels } from '../../../queries/rules/index.ts';
import { useRootFontSize } from '../charts/use-font-size.ts';
import { ReportMenu } from '../components/ReportMenu.tsx';
import { AsOfSelect, CodeSelect, FundSelect, LangSwitch, OrgPicker, UnitSwitch } from '../components/Controls.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { Watermark } from '../components/Watermark.tsx';
import { useDataRefresh, useEnsureCubes, type LoadedData } from '../data/data-context.tsx';
import { useMe } from '../data/me.ts';
import { runSql } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { I18nProvider, useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Drawer } from '../components/Drawer.tsx';
import { DetailsDrawer } from './DetailsDrawer.tsx';
import { DashboardContext, type DashboardEnv, type DetailsRequest } from './env.tsx';
import { monthLabel, statusLabels, warningStatuses } from './labels.ts';
import { PanelView } from './PanelView.tsx';
import { scopeOf } from './scope.ts';
import { asOfOptions, dashboardFilters, rejectedFor, resolveDashboardView, type DashboardSearch, type ResolvedView } from './search.ts';
import { WarningDrawer } from './WarningDrawer.tsx';
import { WarningsTable } from './WarningsTable.tsx';
import './dashboard.css';

type Patch = Partial<Record<keyof DashboardSearch, string | undefined>>;

/** Sets URL params (undefined removes one); the state of the page is the URL, so back and forward just work. */
function useSetSearch() {
  const navigate = useNavigate();
  return useCallback(
    (patch: Patch) =>
      void navigate({
        to: '.',
        search: ((prev: DashboardSearch) => ({ ...prev, ...patch })) as never,
      } as never),
    [navigate],
  );
}

/** Renders any dashboard declaration: header, controls, the 24-column grid of panels, drawers and the watermark. */
export function DashboardPage({ dash, data, search }: { dash: Dashboard; data: LoadedData; search: DashboardSearch }) {
  useEnsureCubes(dash.cubes.map((c) => c.id));
  const rejected = useMemo(() => rejectedFor(search), [search]);
  const view = useMemo(
    () => resolveDashboardView(dash, search, { regions: data.regions, dataAsOf: data.ctx.dataAsOf, codes: data.codes, rejected }),
    [dash, search, data.regions, data.ctx.dataAsOf, data.codes, rejected],
  );
  const lang = view?.lang ?? search.lang ?? 'zh';
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);
  return (
    <I18nProvider lang={lang}>
      {view ? (
        <Page dash={dash} data={data} view={view} />
      ) : (
        <main className="page">
          <NoRegions />
        </main>
      )}
      <Watermark />
    </I18nProvider>
  );
}

function NoRegions() {
  const { t } = useI18n();
  return (
    <div className="gate" role="status" data-testid="data-empty">
      {t('page.noRegions')}
    </div>
  );
}

function Page({ dash, data, view }: { dash: Dashboard; data: LoadedData; view: ResolvedView }) {
  const { t, label, lang } = useI18n();
  const set = useSetSearch();
  const me = useMe();
  const refresh = useDataRefresh();
  const fontSize = useRootFontSize();
  const filters = dashboardFilters(dash);
  const scope = useMemo(() => scopeOf(view, data.regions, filters.has('asOf')), [view, data.regions, filters]);
  const [details, setDetails] = useState<DetailsRequest | null>(null);
  const [warningsList, setWarningsList] = useState<{ params: Record<string, string>; title: string } | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  useEffect(() => {
    document.title = `${label(dash.title)} · ${t('app.title')}`;
  }, [dash, label, t]);

  const warningsChanged = useCallback(() => {
    setReloadKey((n) => n + 1);
    // The server rebuilds the warnings cubes after a status change; look for the new version a few times.
    void (async () => {
      for (let i = 0; i < 8; i++) {
        await new Promise((r) => setTimeout(r, 1000 + i * 500));
        const changed = await refresh();
        if (changed.some((id) => id === 'warnings' || id === 'warning_status')) return;
      }
    })();
  }, [refresh]);

  const env: DashboardEnv = useMemo(
    () => ({
      dash,
      data,
      view,
      scope,
      fontSize,
      me,
      navigate: set,
      openDetails: setDetails,
      openWarnings: (params, title) => setWarningsList({ params, title }),
      openWarning: setWarning,
    }),
    [dash, data, view, scope, fontSize, me, set],
  );
  const options = useMemo(() => asOfOptions(data.ctx.dataAsOf, data.fiscalYears, lang), [data.ctx.dataAsOf, data.fiscalYears, lang]);
  const rows = Math.max(...dash.panels.map((p) => p.layout.y + p.layout.h));
  // The URL this render shows (tests wait for it to match the address bar before reading figures).
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  const orgName = useOrgName(data, view);

  return (
    <DashboardContext.Provider value={env}>
      <main className="page dashboard-page" data-dashboard={dash.id} data-search={searchStr}>
        <header className="page-head">
          <div className="title-block">
            <nav className="dash-tabs" aria-label={t('nav.dashboards')}>
              {['execution', 'performance', 'risk'].map((id) => (
                <Link
                  key={id}
                  to="/dashboards/$id"
                  params={{ id }}
                  search={{ org: view.org.code === data.regions.top()?.code ? undefined : view.org.code, unit: view.unit === 'wan' ? undefined : view.unit, lang: view.lang === 'zh' ? undefined : view.lang } as never}
                  className={id === dash.id ? 'on' : ''}
                  aria-current={id === dash.id ? 'page' : undefined}
                  data-testid={`tab-${id}`}
                >
                  {id === dash.id ? label(dash.title) : tabTitle(id, lang)}
                </Link>
              ))}
              {me?.actions.includes('workbench.use') ? (
                <Link to="/workbench" data-testid="tab-workbench">
                  {lang === 'en' ? 'Workbench' : '自助分析'}
                </Link>
              ) : null}
            </nav>
            <h1>
              {label(dash.title)}
              <span className="org-name" data-testid="org-name">
                {orgName}
              </span>
            </h1>
            <div className="crumbs-row">
              <nav className="crumbs" aria-label={t('page.orgTrail')} data-testid="crumbs">
                {data.regions.path(view.org.code).map((r, i, path) => {
                  const last = i === path.length - 1 && !view.own && !view.agency;
                  const name = data.regions.consolidatedLabel(r.code);
                  return (
                    <span key={r.code}>
                      {i > 0 ? <span className="crumb-sep">›</span> : null}
                      {last ? (
                        <span aria-current="page">{name}</span>
                      ) : (
                        <button type="button" className="link-button" onClick={() => set({ org: r.code, own: undefined, agency: undefined })} data-testid="crumb">
                          {name}
                        </button>
                      )}
                    </span>
                  );
                })}
                {view.own || view.agency ? (
                  <span>
                    <span className="crumb-sep">›</span>
                    <span aria-current="page">{orgName}</span>
                  </span>
                ) : null}
                <span className="meta">
                  {t('page.dataAsOf')} <time data-testid="data-as-of">{data.ctx.dataAsOf}</time>
                  {filters.has('asOf') && view.asOf !== data.ctx.dataAsOf ? (
                    <>
                      {' '}
                      · {t('page.viewAsOf')} <time data-testid="view-as-of">{view.asOf}</time>
                    </>
                  ) : null}
                  {dash.cubes.some((c) => c.id === 'execution') ? (
                    <>
                      {' '}
                      · <span data-testid="basis">{t(data.ctx.timeProgressBasis === 'month' ? 'page.basis.month' : 'page.basis.day')}</span>
                    </>
                  ) : null}
                </span>
              </nav>
              <FilterChips view={view} data={data} onClear={set} />
            </div>
          </div>
          <div className="controls">
            <OrgPicker regions={data.regions} value={view.org.code} onChange={(org) => set({ org, own: undefined, agency: undefined })} />
            {filters.has('fund') && dash.filters.includes('fund') ? <FundSelect value={view.fund} onChange={(fund) => set({ fund })} /> : null}
            {filters.has('asOf') ? <AsOfSelect options={options} value={view.asOf} onChange={(asOf) => set({ asOf: asOf === data.ctx.dataAsOf ? undefined : asOf, month: undefined })} /> : null}
            {dash.filters.includes('rule') ? (
              <CodeSelect label={t('control.rule')} value={view.rule} options={ruleIds.map((r) => ({ value: r, label: `${r} ${label(ruleById(r)?.name)}` }))} onChange={(rule) => set({ rule })} testId="rule-select" />
            ) : null}
            {dash.filters.includes('severity') ? (
              <CodeSelect label={t('control.severity')} value={view.severity} options={severities.map((s) => ({ value: s, label: label(severityLabels[s]) }))} onChange={(severity) => set({ severity })} testId="severity-select" />
            ) : null}
            {dash.filters.includes('status') ? (
              <CodeSelect label={t('control.status')} value={view.status} options={warningStatuses.map((s) => ({ value: s, label: label(statusLabels[s]) }))} onChange={(status) => set({ status })} testId="status-select" />
            ) : null}
            {dash.id === 'execution' ? <ReportMenu org={view.org.code} asOf={view.asOf} /> : null}
            <UnitSwitch value={view.unit} onChange={(unit) => set({ unit: unit === 'wan' ? undefined : unit })} />
            <LangSwitch value={view.lang} onChange={(l) => set({ lang: l === 'zh' ? undefined : l })} />
            <UserMenu />
          </div>
        </header>
        {view.notices.map((n, i) => (
          <p key={`${n.key}-${i}`} className="notice" role="status">
            {t(n.key, Object.fromEntries(Object.entries(n.vars).map(([k, v]) => [k, k === 'name' ? t(v as MessageKey) : v])))}
          </p>
        ))}
        <div className="dash-grid" style={{ gridTemplateRows: `repeat(${rows}, minmax(2.2rem, 1fr))` }}>
          {dash.panels.map((p) => (
            <PanelView key={p.id} panel={p} reloadKey={reloadKey} />
          ))}
        </div>
      </main>
      {details ? <DetailsDrawer request={details} scope={scope} unit={view.unit} onClose={() => setDetails(null)} /> : null}
      {warningsList ? (
        <WarningsListDrawer title={warningsList.title} params={warningsList.params} reloadKey={reloadKey} onOpen={setWarning} onClose={() => setWarningsList(null)} />
      ) : null}
      {warning ? <WarningDrawer id={warning} me={me} onClose={() => setWarning(null)} onChanged={warningsChanged} /> : null}
    </DashboardContext.Provider>
  );
}

const tabTitles: Record<string, { zh: string; en: string }> = {
  execution: { zh: '预算执行分析', en: 'Budget execution' },
  performance: { zh: '预算绩效管理', en: 'Budget performance' },
  risk: { zh: '风险预警监控', en: 'Risk warnings' },
};
const tabTitle = (id: string, lang: 'zh' | 'en') => tabTitles[id]?.[lang] ?? id;

/** The header's name of what the page shows: 全兵团 / 第一师 (汇总), 第一师本级, or a unit's name. */
function useOrgName(data: LoadedData, view: ResolvedView): string {
  const { lang, t } = useI18n();
  const agency = view.agency;
  const key = agency ? `${agency.mofDivCode}:${agency.agencyCode}:${data.version}` : null;
  const q = useQuery(key, async () => {
    const where = { mof_div_code: agency!.mofDivCode, agency_code: agency!.agencyCode };
    const rows = await runSql({
      sql: 'SELECT agency_name FROM dim_agency WHERE mof_div_code = ? AND agency_code = ?',
      params: [where.mof_div_code, where.agency_code],
      origin: { kind: 'table', id: 'agencies', columns: ['agency_name'], orderBy: [], where },
    });
    return rows[0] ? String(rows[0].agency_name) : null;
  });
  // While the name loads, the unit's code (not 未登记单位, which only a missing name means).
  if (agency) return q.status === 'loading' && q.data === undefined ? agency.agencyCode : q.data ?? t('panel.unregistered', { code: agency.agencyCode });
  if (view.own) return lang === 'en' ? t('page.own', { name: view.org.name }) : data.regions.ownLabel(view.org.code);
  return data.regions.consolidatedLabel(view.org.code);
}

/** The filters set by clicking (类 / 款, month) as chips with a clear button. */
function FilterChips({ view, data, onClear }: { view: ResolvedView; data: LoadedData; onClear: (p: Patch) => void }) {
  const { t, lang } = useI18n();
  const year = Number(view.asOf.slice(0, 4));
  const chips: Array<{ key: string; text: string; clear: Patch }> = [];
  if (view.func) chips.push({ key: 'func', text: `${t('filter.func')}：${data.codes.label('exp_func', view.func, year)}`, clear: { func: undefined, funcItem: undefined } });
  if (view.funcItem) chips.push({ key: 'funcItem', text: `${t('filter.funcItem')}：${data.codes.label('exp_func', view.funcItem, year)}`, clear: { funcItem: undefined } });
  if (view.eco) chips.push({ key: 'eco', text: `${t('filter.eco')}：${data.codes.label('dep_bgt_eco', view.eco, year)}`, clear: { eco: undefined, ecoItem: undefined } });
  if (view.ecoItem) chips.push({ key: 'ecoItem', text: `${t('filter.ecoItem')}：${data.codes.label('dep_bgt_eco', view.ecoItem, year)}`, clear: { ecoItem: undefined } });
  if (view.month) chips.push({ key: 'month', text: `${t('filter.month')}：${monthLabel(view.month, lang, true)}`, clear: { month: undefined } });
  // Chips sit on the breadcrumb's line, which is always as tall as a chip: one appearing must not move the grid below
  // (every chart would be resized and redrawn twice on a cross-filter click).
  if (!chips.length) return null;
  return (
    <div className="chips" aria-label={t('page.filters')} data-testid="filter-chips">
      <span className="muted">{t('page.filters')}：</span>
      {chips.map((c) => (
        <span key={c.key} className="chip" data-testid={`chip-${c.key}`}>
          {c.text}
          <button type="button" aria-label={`${t('page.clear')} ${c.text}`} onClick={() => onClear(c.clear)}>
            ×
          </button>
        </span>
      ))}
      {chips.length > 1 ? (
        <button type="button" className="link-button" onClick={() => onClear(Object.assign({}, ...chips.map((c) => c.clear)))}>
          {t('page.clearAll')}
        </button>
      ) : null}
    </div>
  );
}

function WarningsListDrawer({ title, params, reloadKey, onOpen, onClose }: { title: string; params: Record<string, string>; reloadKey: number; onOpen: (id: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer title={title} onClose={onClose} closeLabel={t('details.close')} testId="warnings-drawer" wide>
      <WarningsTable filters={params} limit={50} onOpen={onOpen} reloadKey={reloadKey} testId="warnings-drawer-list" />
    </Drawer>
  );
}
