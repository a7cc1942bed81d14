import { createRoute, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { currentPath, DataGate } from '../components/DataGate.tsx';
import { useDataState } from '../data/data-context.tsx';
import { validateWorkbenchSearch } from '../workbench/url.ts';
import { WorkbenchPage, type WorkbenchPageSearch } from '../workbench/WorkbenchPage.tsx';
import { rootRoute } from './root.tsx';

/** `/workbench` (workbench.use): ad-hoc pivots, charts and SQL over the cubes in the browser; `?view=ID` opens a saved view. */
export const workbenchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workbench',
  validateSearch: (raw: Record<string, unknown>): WorkbenchPageSearch => ({
    ...validateWorkbenchSearch(raw),
    ...(raw.lang === 'en' ? { lang: 'en' as const } : {}),
    ...(raw.unit === 'yuan' || raw.unit === 'yi' ? { unit: raw.unit } : {}),
  }),
  component: WorkbenchRouteView,
});

function WorkbenchRouteView() {
  const search = workbenchRoute.useSearch();
  const state = useDataState();
  const navigate = useNavigate();
  useEffect(() => {
    if (state.phase === 'unauthorized') void navigate({ to: '/login', search: { redirect: currentPath() }, replace: true });
  }, [state.phase, navigate]);
  if (state.phase !== 'ready') {
    return (
      <main className="page">
        <header className="page-head">
          <div className="title-block">
            <h1>分析工作台</h1>
          </div>
        </header>
        <DataGate state={state} />
      </main>
    );
  }
  return <WorkbenchPage data={state.data} search={search} />;
}
