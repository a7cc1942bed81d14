import { createContext, useContext, useMemo, useRef } from 'react';
import type { Dashboard, Panel } from '../../../dashboards/define.ts';
import type { Rendered } from '../../../queries/index.ts';
import type { LoadedData } from '../data/data-context.tsx';
import type { Me } from '../data/me.ts';
import { useQuery, type QueryState } from '../data/use-query.ts';
import type { Pick } from './categories.ts';
import type { PageScope } from './scope.ts';
import type { DashboardSearch, ResolvedView } from './search.ts';

/** What a drill-through drawer shows: the API query behind a figure, and the figure itself for comparison. */
export interface DetailsRequest {
  panel: Panel;
  picks: Pick[];
  cumulative?: boolean;
  title: string;
  /** The figures drilled from, formatted with their unit (e.g. "1,234.56万元"), by the kind of rows that add up to them. */
  figures?: Partial<Record<'payments' | 'indicators', string>>;
  kind?: 'payments' | 'indicators';
}

/** Everything a panel of a dashboard page needs besides its declaration. */
export interface DashboardEnv {
  dash: Dashboard;
  data: LoadedData;
  view: ResolvedView;
  scope: PageScope;
  fontSize: number;
  me: Me | null;
  /** Changes the URL (drill, filter); `undefined` removes a param. */
  navigate: (patch: Partial<Record<keyof DashboardSearch, string | undefined>>) => void;
  openDetails: (r: DetailsRequest) => void;
  /** Opens the list of warnings behind a figure of the warnings cubes. */
  openWarnings: (params: Record<string, string>, title: string) => void;
  /** Opens one warning's detail and workflow. */
  openWarning: (id: string) => void;
}

export const DashboardContext = createContext<DashboardEnv | null>(null);

export function useDashboard(): DashboardEnv {
  const env = useContext(DashboardContext);
  if (!env) throw new Error('useDashboard outside a dashboard page');
  return env;
}

/**
 * A panel's query: waits for its cube to be in DuckDB (a cube that failed to load fails only its panels), and runs
 * again whenever the SQL it compiles to or the cube's version change — not on every change of the page's filters: a
 * panel that ignores a filter (e.g. 审批耗时 under a 功能分类 cross-filter) keeps its answer and is not redrawn.
 * `compile` renders the panel's statements, again only when `deps` change (the panel's slices and the page's data:
 * a panel renders several times a click, and compiling and keying its SQL each time cost a click ~10 ms); `run`
 * answers them.
 */
export function usePanelQuery<T>(panel: Panel, compile: () => readonly Rendered[], run: (sql: readonly Rendered[]) => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const { data } = useDashboard();
  const cube = data.cubes[panel.cube.id];
  const compiled = useMemo((): { sql: readonly Rendered[] | null; failure: string | null; text: string } => {
    try {
      const sql = compile();
      return { sql, failure: null, text: JSON.stringify(sql.map((q) => [q.sql, q.params])) };
    } catch (e) {
      const failure = e instanceof Error ? e.message : String(e);
      return { sql: null, failure, text: JSON.stringify(failure) };
    }
    // The caller names what `compile` reads; a new catalog (data or cube version) may offer other rollups to read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, data.version, cube?.status === 'ready' ? cube.version : null]);
  const key = cube?.status === 'ready' ? `${panel.id}|${cube.version}|${data.version}|${compiled.text}` : null;
  const runRef = useRef({ run, compiled });
  runRef.current = { run, compiled };
  const q = useQuery(key, async () => {
    const start = performance.now();
    try {
      const { run, compiled } = runRef.current;
      if (compiled.sql === null) throw new Error(compiled.failure ?? 'no query');
      return await run(compiled.sql);
    } finally {
      // Read by the interaction benchmark (bench/interactions.ts): each panel query's time, queueing included.
      performance.measure(`fc:query:${panel.id}`, { start, end: performance.now() });
    }
  });
  if (cube?.status === 'error') return { status: 'error', error: cube.message };
  return q;
}
