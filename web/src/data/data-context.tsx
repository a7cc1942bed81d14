import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SliceContext } from '../../../queries/index.ts';
import { ApiError, type Health } from './api.ts';
import { getDatabase } from './duckdb.ts';
import { fetchCatalog, loadTables, waitUntilReady, type LoadedTables } from './load-cube.ts';
import { RegionTree } from './regions.ts';
import { runSql } from './slice.ts';

/** Everything the dashboards need once the data is in DuckDB. */
export interface LoadedData {
  ctx: SliceContext;
  /** Increases whenever a table is reloaded, so panels re-run their slices. */
  version: number;
  regions: RegionTree;
  /** Fiscal years present in the execution cube, ascending. */
  fiscalYears: number[];
}

export type DataState =
  | { phase: 'connecting' }
  | { phase: 'preparing'; health: Health | null; unreachable: boolean }
  | { phase: 'loading'; loaded: number; total: number }
  | { phase: 'ready'; data: LoadedData }
  /** The server is ready but holds no data yet (no dataAsOf): nothing was seeded or imported. */
  | { phase: 'empty' }
  /** No session (or it expired): the page sends the user to /login. */
  | { phase: 'unauthorized' }
  | { phase: 'error'; message: string; retry: () => void };

const DataContext = createContext<{ state: DataState; reload: () => void }>({ state: { phase: 'connecting' }, reload: () => undefined });

export const useDataState = () => useContext(DataContext).state;
/** Starts loading again from scratch, e.g. after signing in. */
export const useDataReload = () => useContext(DataContext).reload;

/** The catalog ids the execution dashboard reads. */
const TABLES = ['execution', 'regions', 'agencies', 'codes'] as const;
/** How often the catalog is checked for newer cube versions (the large screen runs unattended). */
const REFRESH_MS = 5 * 60_000;

/**
 * Waits for the API to be ready (数据准备中…), loads the catalog's cubes into DuckDB-WASM, then keeps them current:
 * a changed etag reloads that table and bumps `version`.
 */
export function DataProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<DataState>({ phase: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  // Reset at once, in the same render as the bump: a page rendered right after (e.g. the dashboard after signing in)
  // must not see the previous attempt's state, such as 'unauthorized', and act on it.
  const retry = useCallback(() => {
    setState({ phase: 'connecting' });
    setAttempt((n) => n + 1);
  }, []);
  const loadedRef = useRef<LoadedTables>(new Map());
  // Monotonic across attempts too, so a panel never takes reloaded tables for the ones it already queried.
  const versionRef = useRef(0);

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const describe = async (): Promise<Omit<LoadedData, 'ctx' | 'version'>> => {
      const [regionRows, years] = await Promise.all([
        runSql({ sql: 'SELECT mof_div_code, mof_div_name, parent_code, level FROM dim_region ORDER BY level, mof_div_code', params: [] }),
        runSql({ sql: 'SELECT DISTINCT fiscal_year FROM cube_execution ORDER BY fiscal_year', params: [] }),
      ]);
      const regions = new RegionTree(
        regionRows.map((r) => ({ code: String(r.mof_div_code), name: String(r.mof_div_name), parentCode: r.parent_code == null ? null : String(r.parent_code), level: Number(r.level) })),
      );
      return { regions, fiscalYears: years.map((r) => Number(r.fiscal_year)) };
    };

    const refresh = async () => {
      try {
        const catalog = await fetchCatalog(signal);
        const { loaded, changed } = await loadTables(catalog, TABLES, loadedRef.current, { signal });
        loadedRef.current = loaded;
        if (changed > 0) {
          const described = await describe();
          const version = ++versionRef.current;
          if (catalog.dataAsOf) {
            setState({ phase: 'ready', data: { ctx: { dataAsOf: catalog.dataAsOf, timeProgressBasis: catalog.timeProgressBasis ?? 'day' }, version, ...described } });
          }
        }
      } catch (e) {
        // Keep showing the data we have and try again at the next tick — unless the session has ended.
        if (e instanceof ApiError && e.status === 401) {
          setState({ phase: 'unauthorized' });
          return;
        }
      }
      if (!signal.aborted) timer = setTimeout(refresh, REFRESH_MS);
    };

    (async () => {
      try {
        void getDatabase().catch(() => undefined); // start the wasm download while the server may still be preparing
        const health = await waitUntilReady({ signal, onWaiting: (h, e) => setState({ phase: 'preparing', health: h, unreachable: e !== undefined }) });
        if (!health.dataAsOf) {
          setState({ phase: 'empty' });
          timer = setTimeout(retry, REFRESH_MS);
          return;
        }
        performance.mark('fc:health-ready');
        const catalog = await fetchCatalog(signal);
        performance.mark('fc:catalog');
        let done = 0;
        setState({ phase: 'loading', loaded: 0, total: TABLES.length });
        const { loaded } = await loadTables(catalog, TABLES, loadedRef.current, {
          signal,
          onTable: () => setState({ phase: 'loading', loaded: ++done, total: TABLES.length }),
        });
        loadedRef.current = loaded;
        const described = await describe();
        const version = ++versionRef.current;
        const ctx = { dataAsOf: catalog.dataAsOf ?? health.dataAsOf, timeProgressBasis: catalog.timeProgressBasis ?? 'day' };
        performance.mark('fc:data-ready');
        setState({ phase: 'ready', data: { ctx, version, ...described } });
        timer = setTimeout(refresh, REFRESH_MS);
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) setState({ phase: 'unauthorized' });
        else setState({ phase: 'error', message: e instanceof Error ? e.message : String(e), retry });
      }
    })();

    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [attempt, retry]);

  const value = useMemo(() => ({ state, reload: retry }), [state, retry]);
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}
