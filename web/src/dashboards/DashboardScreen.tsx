import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { dashboards } from '../../../dashboards/index.ts';
import { currentPath, DataGate } from '../components/DataGate.tsx';
import { useDataState, usePrefetchCubes } from '../data/data-context.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import type { DashboardSearch } from './search.ts';

/**
 * A dashboard route's page: the declaration by id, 数据准备中… until the names are in the browser, sign-in when the
 * session is gone, then the renderer.
 */
export function DashboardScreen({ id, search }: { id: string; search: DashboardSearch }) {
  const state = useDataState();
  const navigate = useNavigate();
  const dash = dashboards[id];
  usePrefetchCubes(dash ? dash.cubes.map((c) => c.id) : []);
  useEffect(() => {
    if (state.phase === 'unauthorized') void navigate({ to: '/login', search: { redirect: currentPath() }, replace: true });
  }, [state.phase, navigate]);
  if (!dash) {
    return (
      <main className="page not-found" data-testid="unknown-dashboard">
        <h1>没有看板 {id}</h1>
        <p>
          {Object.values(dashboards).map((d) => (
            <Link key={d.id} to="/dashboards/$id" params={{ id: d.id }} className="dash-link">
              {d.title.zh}
            </Link>
          ))}
        </p>
      </main>
    );
  }
  if (state.phase !== 'ready') {
    return (
      <main className="page">
        <header className="page-head">
          <div className="title-block">
            <h1>{dash.title.zh}</h1>
          </div>
        </header>
        <DataGate state={state} />
      </main>
    );
  }
  return <DashboardPage dash={dash} data={state.data} search={search} />;
}
