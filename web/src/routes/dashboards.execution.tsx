import { createRoute, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import type { MoneyUnit } from '../../../queries/format.ts';
import { AsOfSelect, FundSelect, fundLabel, OrgPicker, UnitSwitch } from '../components/Controls.tsx';
import { currentPath, DataGate } from '../components/DataGate.tsx';
import { KpiCards } from '../components/KpiCards.tsx';
import { LaggingUnitsPanel } from '../components/LaggingUnitsPanel.tsx';
import { MonthlyProgressPanel } from '../components/MonthlyProgressPanel.tsx';
import { RegionExecutionPanel } from '../components/RegionExecutionPanel.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { useDataState, type LoadedData } from '../data/data-context.tsx';
import { toKpi } from '../data/execution-rows.ts';
import { kpiRequest, type ExecutionScope } from '../data/execution-slices.ts';
import { compileExecutionSlice, runSql } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { asOfOptions, resolveView, validateExecutionSearch, type ExecutionSearch, type ResolvedView } from './execution-search.ts';
import { rootRoute } from './root.tsx';

/** 预算执行分析: `/dashboards/execution?org=&fund=&asOf=&unit=` — every filter lives in the URL. */
export const executionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboards/execution',
  validateSearch: validateExecutionSearch,
  component: ExecutionPage,
});

function ExecutionPage() {
  const state = useDataState();
  const search = executionRoute.useSearch();
  const navigate = useNavigate();
  useEffect(() => {
    if (state.phase === 'unauthorized') void navigate({ to: '/login', search: { redirect: currentPath() }, replace: true });
  }, [state.phase, navigate]);
  if (state.phase !== 'ready') {
    return (
      <main className="page">
        <header className="page-head">
          <div className="title-block">
            <h1>预算执行分析</h1>
          </div>
        </header>
        <DataGate state={state} />
      </main>
    );
  }
  return <ExecutionDashboard data={state.data} search={search} />;
}

function ExecutionDashboard({ data, search }: { data: LoadedData; search: ExecutionSearch }) {
  const navigate = useNavigate({ from: executionRoute.fullPath });
  const view = resolveView(search, { regions: data.regions, dataAsOf: data.ctx.dataAsOf });
  const options = useMemo(() => asOfOptions(data.ctx.dataAsOf, data.fiscalYears), [data.ctx.dataAsOf, data.fiscalYears]);
  const set = (patch: Partial<ExecutionSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }) });

  if (!view) {
    return (
      <main className="page">
        <div className="gate" role="status" data-testid="data-empty">
          尚无财政区划数据，请先导入区划与单位。
        </div>
      </main>
    );
  }
  const scope: ExecutionScope = { org: { code: view.org.code, level: view.org.level }, fund: view.fund, asOf: view.asOf };
  const path = data.regions.path(view.org.code);

  return (
    <main className="page">
      <header className="page-head">
        <div className="title-block">
          <h1>
            预算执行分析
            <span className="org-name" data-testid="org-name">
              {data.regions.consolidatedLabel(view.org.code)}
            </span>
          </h1>
          <nav className="crumbs" aria-label="区划层级">
            {path.map((r, i) => (
              <span key={r.code}>
                {i > 0 ? <span className="crumb-sep">›</span> : null}
                {i < path.length - 1 ? (
                  <button type="button" className="link-button" onClick={() => set({ org: r.code })}>
                    {data.regions.consolidatedLabel(r.code)}
                  </button>
                ) : (
                  <span aria-current="page">{data.regions.consolidatedLabel(r.code)}</span>
                )}
              </span>
            ))}
            <span className="meta">
              {fundLabel(view.fund)} · 数据截至 <time data-testid="data-as-of">{data.ctx.dataAsOf}</time>
              {view.asOf !== data.ctx.dataAsOf ? (
                <>
                  {' '}
                  · 统计截至 <time data-testid="view-as-of">{view.asOf}</time>
                </>
              ) : null}
            </span>
          </nav>
        </div>
        <div className="controls">
          <OrgPicker regions={data.regions} value={view.org.code} onChange={(org) => set({ org })} />
          <FundSelect value={view.fund} onChange={(fund) => set({ fund })} />
          {/* The latest date leaves the URL without asOf, so the view follows the data as it advances. */}
          <AsOfSelect options={options} value={view.asOf} onChange={(asOf) => set({ asOf: asOf === data.ctx.dataAsOf ? undefined : asOf })} />
          <UnitSwitch value={view.unit} onChange={(unit: MoneyUnit) => set({ unit })} />
          <UserMenu />
        </div>
      </header>
      {view.notices.map((n) => (
        <p key={n} className="notice" role="status">
          {n}
        </p>
      ))}
      <Kpis scope={scope} data={data} view={view} />
      <div className="grid">
        <RegionExecutionPanel scope={scope} ctx={data.ctx} version={data.version} regions={data.regions} unit={view.unit} onDrill={(org) => set({ org })} />
        <MonthlyProgressPanel scope={scope} ctx={data.ctx} version={data.version} fiscalYears={data.fiscalYears} />
        <LaggingUnitsPanel scope={scope} ctx={data.ctx} version={data.version} unit={view.unit} />
      </div>
    </main>
  );
}

function Kpis({ scope, data, view }: { scope: ExecutionScope; data: LoadedData; view: ResolvedView }) {
  const key = JSON.stringify({ scope, ctx: data.ctx, version: data.version });
  const query = useQuery(key, async () => toKpi(await runSql(compileExecutionSlice(kpiRequest(scope), data.ctx))));
  return <KpiCards query={query} unit={view.unit} />;
}
