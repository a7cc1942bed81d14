import { fetchMe } from './me.ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SliceContext } from '../../../queries/index.ts';
import { whenAnswersAsked } from './answers.ts';
import { ApiError, type Catalog, type Health } from './api.ts';
import { CodeNames } from './codes.ts';
import { preloadCharts } from '../charts/EChart.tsx';
import { engineStarted, startEngineUnlessKept, startEngineWhenIdle, whenEngineStarts } from './engine.ts';
import { clearLazyTables, registerLazyTable } from './lazy-tables.ts';
import { keptResultsHint, pruneResults } from './result-cache.ts';
import { cubeOf, fetchCatalog, loadTables, publishRollups, waitUntilReady, type LoadedTables } from './load-cube.ts';
import { RegionTree } from './regions.ts';
import { runSql, warmEngine } from './slice.ts';

/**
 * A cube for the page's queries: loading, ready (its version increases whenever a table of it is reloaded), or failed.
 * Ready means its tables can be read: each loads into DuckDB on first use (see `lazy-tables.ts`).
 */
export type CubeLoad = { status: 'loading' } | { status: 'ready'; version: number } | { status: 'error'; message: string };

/** Everything the dashboards need once the names are in DuckDB; cubes load on demand, each on its own. */
export interface LoadedData {
  ctx: SliceContext;
  /** Increases whenever the name tables (regions, units, code lists) are reloaded. */
  version: number;
  regions: RegionTree;
  codes: CodeNames;
  /** Fiscal years the data covers, ascending. */
  fiscalYears: number[];
  /** Cubes asked for with {@link useEnsureCubes}, by catalog id. */
  cubes: Record<string, CubeLoad>;
}

export type DataState =
  | { phase: 'connecting' }
  | { phase: 'preparing'; health: Health | null; unreachable: boolean }
  /** The names are being read (from the name tables, or the result cache). */
  | { phase: 'loading' }
  | { phase: 'ready'; data: LoadedData }
  /** The server is ready but holds no data yet (no dataAsOf): nothing was seeded or imported. */
  | { phase: 'empty' }
  /** No session (or it expired): the page sends the user to /login. */
  | { phase: 'unauthorized' }
  | { phase: 'error'; message: string; retry: () => void };

export interface DataApi {
  state: DataState;
  reload: () => void;
  ensure: (ids: readonly string[]) => void;
  /** Checks the catalog now and reloads changed tables; resolves with the ids that changed. */
  refresh: () => Promise<string[]>;
}

export const DataContext = createContext<DataApi>({ state: { phase: 'connecting' }, reload: () => undefined, ensure: () => undefined, refresh: async () => [] });

export const useDataState = () => useContext(DataContext).state;
/** Starts loading again from scratch, e.g. after signing in. */
export const useDataReload = () => useContext(DataContext).reload;
/** Checks for newer tables now (e.g. after a warning's status changed, which rebuilds the warnings cubes). */
export const useDataRefresh = () => useContext(DataContext).refresh;

/** Loads the cubes a page reads (once each; a cube that fails fails alone). */
export function useEnsureCubes(ids: readonly string[]) {
  const { ensure, state } = useContext(DataContext);
  const key = ids.join(',');
  const ready = state.phase === 'ready';
  useEffect(() => {
    if (ready) ensure(key.split(',').filter(Boolean));
  }, [ensure, key, ready]);
}

/**
 * Says early (while the page still waits for the names) which cubes a dashboard reads: their rollups are fetched as
 * soon as the catalog is known, beside DuckDB-WASM's start, instead of when the first panel asks.
 */
export function usePrefetchCubes(ids: readonly string[]) {
  const { ensure } = useContext(DataContext);
  const key = ids.join(',');
  useEffect(() => {
    ensure(key.split(',').filter(Boolean));
  }, [ensure, key]);
}

/** The name tables every page needs before anything is drawn. */
export const BASE = ['regions', 'agencies', 'codes'] as const;
/** How often the catalog is checked for newer cube versions (the large screen runs unattended). */
const REFRESH_MS = 5 * 60_000;

/** Reads the name tables (regions, code lists) from DuckDB into the page's lookups. */
export async function describeNames(dataAsOf: string): Promise<Pick<LoadedData, 'regions' | 'codes' | 'fiscalYears'>> {
  const [regionRows, codeRows] = await Promise.all([
    runSql({
      sql: 'SELECT mof_div_code, mof_div_name, parent_code, level FROM dim_region ORDER BY level, mof_div_code',
      params: [],
      origin: { kind: 'table', id: 'regions', columns: ['mof_div_code', 'mof_div_name', 'parent_code', 'level'], orderBy: ['level', 'mof_div_code'] },
    }),
    runSql({ sql: 'SELECT list, fiscal_year, code, name FROM dim_code', params: [], origin: { kind: 'table', id: 'codes', columns: ['list', 'fiscal_year', 'code', 'name'], orderBy: [] } }),
  ]);
  const regions = new RegionTree(
    regionRows.map((r) => ({ code: String(r.mof_div_code), name: String(r.mof_div_name), parentCode: r.parent_code == null ? null : String(r.parent_code), level: Number(r.level) })),
  );
  const codes = new CodeNames(codeRows.map((r) => ({ list: String(r.list), fiscalYear: Number(r.fiscal_year), code: String(r.code), name: String(r.name) })));
  // Code lists ship for every fiscal year the data covers (the previous one and the current one).
  const year = Number(dataAsOf.slice(0, 4));
  const fiscalYears = [...new Set([...codes.years.filter((y) => y <= year), year])].sort((a, b) => a - b);
  return { regions, codes, fiscalYears };
}

/**
 * Waits for the API to be ready (数据准备中…), loads the name tables into DuckDB-WASM, then the cubes pages ask for,
 * and keeps them current: a changed etag reloads that table and bumps its version.
 */
export function DataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<DataState>({ phase: 'connecting' });
  const [cubes, setCubes] = useState<Record<string, CubeLoad>>({});
  const [attempt, setAttempt] = useState(0);
  // Reset at once, in the same render as the bump: a page rendered right after (e.g. the dashboard after signing in)
  // must not see the previous attempt's state, such as 'unauthorized', and act on it.
  const retry = useCallback(() => {
    setState({ phase: 'connecting' });
    setCubes({});
    setAttempt((n) => n + 1);
  }, []);
  const loadedRef = useRef<LoadedTables>(new Map());
  const catalogRef = useRef<Catalog | null>(null);
  const wantedRef = useRef(new Set<string>());
  const inflightRef = useRef(new Map<string, Promise<void>>());
  const readyRef = useRef(false);
  // Monotonic across attempts too, so a panel never takes reloaded tables for the ones it already queried.
  const versionRef = useRef(0);

  const unauthorized = useCallback((e: unknown) => {
    if (e instanceof ApiError && e.status === 401) {
      readyRef.current = false;
      setState({ phase: 'unauthorized' });
      return true;
    }
    return false;
  }, []);

  /**
   * Loads one catalog table into DuckDB unless it is there at the catalog's version (concurrent calls share one load).
   * A failure rejects the queries waiting for it; the next query tries again.
   */
  const loadTable = useCallback(
    (id: string, signal?: AbortSignal): Promise<void> => {
      const catalog = catalogRef.current;
      const item = catalog?.items.find((i) => i.id === id);
      if (!catalog || !item) return Promise.reject(new Error(`服务端目录中缺少数据集 ${id}`));
      if (loadedRef.current.get(id)?.etag === item.etag) return Promise.resolve();
      const running = inflightRef.current.get(id);
      if (running) return running;
      const p = (async () => {
        try {
          const { loaded } = await loadTables(catalog, [id], loadedRef.current, { signal });
          const entry = loaded.get(id);
          if (entry) loadedRef.current = new Map(loadedRef.current).set(id, entry);
        } catch (e) {
          unauthorized(e);
          throw e;
        } finally {
          inflightRef.current.delete(id);
        }
      })();
      inflightRef.current.set(id, p);
      return p;
    },
    [unauthorized],
  );

  /** Takes a (new) catalog: the rollups slices may read, and a loader for every table it offers. */
  const adoptCatalog = useCallback(
    (catalog: Catalog, signal: AbortSignal) => {
      catalogRef.current = catalog;
      publishRollups(catalog);
      for (const item of catalog.items) {
        registerLazyTable({
          table: item.table,
          etag: item.etag,
          kind: item.kind,
          rows: item.rowCount,
          load: () => loadTable(item.id, signal),
          loaded: () => loadedRef.current.get(item.id)?.etag === item.etag,
        });
      }
    },
    [loadTable],
  );

  /** Marks the cubes asked for ready (their tables load on first use), or failed if the server has not built them. */
  const markCubes = useCallback((ids: Iterable<string>) => {
    const catalog = catalogRef.current;
    if (!catalog) return;
    setCubes((c) => {
      let next = c;
      for (const id of ids) {
        if (next[id]?.status === 'ready') continue;
        const known = catalog.items.some((i) => i.id === id && i.kind === 'cube');
        next = { ...next, [id]: known ? { status: 'ready', version: ++versionRef.current } : { status: 'error', message: `服务端目录中缺少数据集 ${id}` } };
      }
      return next;
    });
  }, []);

  /**
   * Fetches and loads the rollups of `cubeIds`, and the name tables, once DuckDB-WASM has started (`engine.ts`), if
   * the catalog is known (`loadTable` skips what is loaded or loading); a failure is left to the queries. Marks
   * `fc:prefetched` when all have settled.
   */
  const prefetch = useCallback(
    (cubeIds: Iterable<string>) => {
      const catalog = catalogRef.current;
      if (!catalog) return;
      const wanted = new Set(cubeIds);
      // With the rollups, the name tables: panels join them (the lagging units' names), and they are small.
      const items = catalog.items.filter((i) => (i.rollupOf && wanted.has(i.rollupOf)) || (BASE as readonly string[]).includes(i.id));
      if (!items.some((i) => i.rollupOf)) return;
      whenEngineStarts(
        () =>
          void Promise.allSettled(items.map((i) => loadTable(i.id))).then(() => {
            performance.mark('fc:prefetched');
            // With the tables in, the queries the page answered without the engine warm it up.
            void warmEngine();
          }),
      );
    },
    [loadTable],
  );

  const ensure = useCallback(
    (ids: readonly string[]) => {
      for (const id of ids) wantedRef.current.add(id);
      prefetch(ids);
      if (readyRef.current) markCubes(ids);
    },
    [markCubes, prefetch],
  );

  const refreshRef = useRef<() => Promise<string[]>>(async () => []);

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    let timer: ReturnType<typeof setTimeout> | undefined;
    readyRef.current = false;

    const refresh = async (): Promise<string[]> => {
      try {
        const catalog = await fetchCatalog(signal);
        const previous = catalogRef.current;
        adoptCatalog(catalog, signal);
        const etagOf = (c: Catalog | null, id: string) => c?.items.find((i) => i.id === id)?.etag;
        // Tables not loaded yet load at the new version when first read; loaded ones are reloaded now if they changed.
        const ids = [...loadedRef.current.keys()].filter((id) => catalog.items.some((i) => i.id === id));
        const { loaded } = await loadTables(catalog, ids, loadedRef.current, { signal });
        loadedRef.current = loaded;
        // A table added, changed or dropped (a rollup gone from the catalog changes its cube too: panels memoize SQL that
        // may name it).
        const known = new Set([...(previous?.items ?? []), ...catalog.items].map((i) => i.id));
        const changed = [...known].filter((id) => etagOf(previous, id) !== etagOf(catalog, id));
        const listing = (id: string) => (previous && !catalog.items.some((i) => i.id === id) ? previous : catalog);
        const cubeChanges = [...new Set(changed.filter((id) => !(BASE as readonly string[]).includes(id)).map((id) => cubeOf(listing(id), id)))];
        if (cubeChanges.length) setCubes((c) => ({ ...c, ...Object.fromEntries(cubeChanges.map((id) => [id, { status: 'ready', version: ++versionRef.current } as CubeLoad])) }));
        if (changed.some((id) => (BASE as readonly string[]).includes(id)) && catalog.dataAsOf) {
          const described = await describeNames(catalog.dataAsOf);
          const version = ++versionRef.current;
          setState({ phase: 'ready', data: { ctx: { dataAsOf: catalog.dataAsOf, timeProgressBasis: catalog.timeProgressBasis ?? 'day' }, version, ...described, cubes: {} } });
        }
        return changed;
      } catch (e) {
        // Keep showing the data we have and try again at the next tick — unless the session has ended.
        unauthorized(e);
        return [];
      }
    };
    refreshRef.current = refresh;
    const tick = async () => {
      // Each query and chart update leaves a performance measure (read by the dashboards' benchmark); a page left open
      // all day would keep them all.
      performance.clearMeasures();
      await refresh();
      if (!signal.aborted) timer = setTimeout(tick, REFRESH_MS);
    };

    (async () => {
      try {
        startEngineUnlessKept(); // on a first visit, start the wasm download while the server may still be preparing
        const health = await waitUntilReady({ signal, onWaiting: (h, e) => setState({ phase: 'preparing', health: h, unreachable: e !== undefined }) });
        if (!health.dataAsOf) {
          setState({ phase: 'empty' });
          timer = setTimeout(retry, REFRESH_MS);
          return;
        }
        performance.mark('fc:health-ready');
        // Drawn without DuckDB-WASM, a first visit reads the name tables with Arrow's decoder: fetched now, after the
        // app's own script (not beside it, where compiling both delayed the first request).
        if (!engineStarted() && !keptResultsHint()) void import('apache-arrow').catch(() => undefined);
        // Administrators and auditors see no finance data: don't ask for it (each refusal would be an audited denial).
        const me = await fetchMe();
        if (me && !me.actions.includes('data.read')) {
          setState({ phase: 'error', message: '当前角色无权查看财政数据', retry });
          return;
        }
        const catalog = await fetchCatalog(signal);
        clearLazyTables();
        adoptCatalog(catalog, signal);
        performance.mark('fc:catalog');
        prefetch(wantedRef.current);
        setState({ phase: 'loading' });
        const dataAsOf = catalog.dataAsOf ?? health.dataAsOf;
        // The names come from the name tables — or, on a reload with nothing changed, from the result cache, without
        // waiting for DuckDB-WASM to start.
        const described = await describeNames(dataAsOf);
        const version = ++versionRef.current;
        const ctx = { dataAsOf, timeProgressBasis: catalog.timeProgressBasis ?? 'day' };
        performance.mark('fc:data-ready');
        // The charts library loads while the panels wait for their first answers — once they were asked for (compiling
        // it before would hold up the request), or now if the page draws from kept answers or DuckDB.
        if (!engineStarted() && !keptResultsHint()) whenAnswersAsked(preloadCharts);
        else preloadCharts();
        readyRef.current = true;
        setState({ phase: 'ready', data: { ctx, version, ...described, cubes: {} } });
        // Cubes asked for before (or during) sign-in; a table loaded under another session's scope reloads by etag.
        markCubes(wantedRef.current);
        // Drawn from kept answers, DuckDB-WASM has not started yet: start it (and the prefetch) once the page is idle.
        startEngineWhenIdle();
        timer = setTimeout(tick, REFRESH_MS);
        setTimeout(() => void pruneResults(), 10_000);
      } catch (e) {
        if (signal.aborted) return;
        if (!unauthorized(e)) setState({ phase: 'error', message: e instanceof Error ? e.message : String(e), retry });
      }
    })();

    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [attempt, retry, adoptCatalog, markCubes, prefetch, unauthorized]);

  const refresh = useCallback(() => refreshRef.current(), []);
  const value = useMemo<DataApi>(() => {
    const s: DataState = state.phase === 'ready' ? { phase: 'ready', data: { ...state.data, cubes } } : state;
    return { state: s, reload: retry, ensure, refresh };
  }, [state, cubes, retry, ensure, refresh]);
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}
