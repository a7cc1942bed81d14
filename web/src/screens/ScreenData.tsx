import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { screenList } from '../../../dashboards/screens/index.ts';
import { ApiError, sendJson } from '../data/api.ts';
import { BASE, DataContext, describeNames, type CubeLoad, type DataApi, type DataState, type LoadedData } from '../data/data-context.tsx';
import { replaceDatabase, wasmMemoryBytes, withConnection } from '../data/duckdb.ts';
import { cubeOf, cubeTables, fetchCatalog, insertOn, insertTable, loadTables, publishRollups, type LoadedTables } from '../data/load-cube.ts';
import { clearLazyTables } from '../data/lazy-tables.ts';
import { rollupRows } from '../data/rollup-rows.ts';
import { clearCache, loadCache, ownerKey, saveMeta, saveTable } from './cache.ts';
import { observe, RENEWAL_KEY, renewalPolicy, type EngineWatch } from './engine-renewal.ts';
import { backoffMs } from './search.ts';
import { dropScreenShell, keepScreenShell } from './shell-cache.ts';

/** How the wall screen's data stands, for the status badges. */
export interface ScreenStatus {
  /** Since when the API has been unreachable or failing (null: the last check succeeded). */
  outageSince: Date | null;
  /** When the data shown was saved, if it came from the local cache after a restart (null: fetched live). */
  cachedAt: Date | null;
  /** The display token was revoked or expired: the screen shows the message and nothing else. */
  revoked: string | null;
  /** Completed data checks (each asks the API whether a cube changed). */
  checks: number;
  /** Cube downloads after the first load (a check that found a changed ETag). */
  fetches: number;
  lastCheck: Date | null;
  /** DuckDB-WASM instances replaced by fresh ones (`engine-renewal.ts`). */
  renewals: number;
  /** The running instance's WebAssembly memory at the last check, in bytes (null: not known). */
  wasmBytes: number | null;
}

const initialStatus: ScreenStatus = { outageSince: null, cachedAt: null, revoked: null, checks: 0, fetches: 0, lastCheck: null, renewals: 0, wasmBytes: null };
const ScreenStatusContext = createContext<ScreenStatus>(initialStatus);
export const useScreenStatus = () => useContext(ScreenStatusContext);

/** Every table any screen of the carousel reads, so rotating never waits and the cache covers them all. */
const WANTED = [...BASE, ...new Set(screenList.flatMap((s) => s.cubes.map((c) => c.id)))];
const isBase = (id: string) => (BASE as readonly string[]).includes(id);

/** A failure that is an outage (keep the data, retry), not an answer. */
const isOutage = (e: unknown) => !(e instanceof ApiError) || e.status >= 500 || e.status === 408 || e.status === 429;

/**
 * The wall screen's data: exchanges the display token, loads every table the carousel needs into DuckDB-WASM, then
 * every `refreshS` asks the catalog whether an ETag changed and reloads only the changed cubes (`loadTables`).
 * On an outage it keeps what it shows, marks the time, and retries with backoff until the API answers again. Each
 * table it loads is kept in IndexedDB, so after a browser restart during an outage the screen draws its last data.
 * A 401 for a token means revoked: the cache and the tables are dropped and the screen says so.
 */
export function ScreenDataProvider({ token, refreshS, children }: { token?: string; refreshS: number; children: ReactNode }) {
  const [state, setState] = useState<DataState>({ phase: 'connecting' });
  const [cubes, setCubes] = useState<Record<string, CubeLoad>>({});
  const [status, setStatus] = useState<ScreenStatus>(initialStatus);
  const owner = ownerKey(token);
  const refreshRef = useRef<() => Promise<string[]>>(async () => []);

  useEffect(() => {
    // The wall screen loads its tables itself (all of them, kept for outages): no lazy tables, no result cache.
    clearLazyTables();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loaded: LoadedTables = new Map();
    let exchanged = !token;
    let failures = 0;
    let version = 0;
    let live = false;
    let outageSince: Date | null = null;
    let shownAsOf: string | null = null;
    // Saves of fetched tables to the local cache still under way (a renewal loads the fresh engine from the cache).
    const saving = new Set<Promise<void>>();
    let watch: EngineWatch | null = null;

    const exchange = async () => {
      await sendJson('POST', '/api/display-tokens/session', { token });
      exchanged = true;
    };

    const publish = async (dataAsOf: string, timeProgressBasis: 'day' | 'month') => {
      const described = await describeNames(dataAsOf);
      shownAsOf = dataAsOf;
      setState({ phase: 'ready', data: { ctx: { dataAsOf, timeProgressBasis }, version: ++version, ...described, cubes: {} } });
    };

    /** One data check; resolves with the ids of the tables that changed. */
    const check = async (): Promise<string[]> => {
      if (!exchanged) await exchange();
      const catalog = await fetchCatalog();
      if (!catalog.dataAsOf) {
        setState({ phase: 'empty' });
        return [];
      }
      // Every table of the carousel's cubes (each with its rollups) is loaded at once, so rotating never waits and
      // the local cache holds them all. A cube the server has not built yet is left for a later check.
      publishRollups(catalog);
      const ids = WANTED.flatMap((id) => (isBase(id) ? (catalog.items.some((i) => i.id === id) ? [id] : []) : cubeTables(catalog, id)));
      const before = loaded;
      loaded = (
        await loadTables(catalog, ids, loaded, {
          // Kept for a restart during an outage; a copy, as DuckDB-WASM takes the fetched bytes over.
          onFetched: (item, bytes) => {
            const saved: Promise<void> = saveTable({
              owner, id: item.id, table: item.table, etag: item.etag, bytes: bytes.slice().buffer,
              rollup: item.rollupOf ? { of: item.rollupOf, rows: item.rowCount } : undefined,
            })
              .catch(() => undefined)
              .finally(() => saving.delete(saved));
            saving.add(saved);
          },
        })
      ).loaded;
      const changed = ids.filter((id) => before.get(id)?.etag !== loaded.get(id)?.etag);
      const basis = catalog.timeProgressBasis ?? 'day';
      const first = !live;
      live = true;
      // Once the first data is in, keep the page and its assets for a restart during an outage (idle work).
      if (first) setTimeout(() => void keepScreenShell(), 1000);
      void saveMeta({ owner, dataAsOf: catalog.dataAsOf, timeProgressBasis: basis }).catch(() => undefined);
      if (first || shownAsOf !== catalog.dataAsOf || changed.some(isBase)) await publish(catalog.dataAsOf, basis);
      const readyIds = first ? WANTED.filter((id) => loaded.has(id) && !isBase(id)) : [...new Set(changed.filter((id) => !isBase(id)).map((id) => cubeOf(catalog, id)))];
      if (readyIds.length) setCubes((c) => ({ ...c, ...Object.fromEntries(readyIds.map((id) => [id, { status: 'ready', version: ++version } as CubeLoad])) }));
      return changed;
    };

    const restore = async (): Promise<boolean> => {
      const cached = await loadCache(owner).catch(() => null);
      if (!cached) return false;
      rollupRows.clear();
      for (const t of cached.tables) {
        await insertTable(t.table, new Uint8Array(t.bytes));
        loaded.set(t.id, { table: t.table, etag: t.etag });
        if (t.rollup) rollupRows.set(t.table, t.rollup.rows);
      }
      await publish(cached.meta.dataAsOf, cached.meta.timeProgressBasis);
      const ids = cached.tables.map((t) => t.id).filter((id) => !isBase(id));
      setCubes(Object.fromEntries(ids.map((id) => [id, { status: 'ready', version: ++version } as CubeLoad])));
      setStatus((s) => ({ ...s, cachedAt: new Date(cached.meta.savedAt) }));
      return true;
    };

    /**
     * After a live check: reads the engine's WebAssembly memory and, when the policy says so, replaces the engine with
     * a fresh one loaded from the local cache — only if the cache holds every loaded table at its loaded ETag (else it
     * waits for a later check). The screen keeps drawing from the old engine until the swap.
     */
    const watchEngine = async () => {
      const bytes = await wasmMemoryBytes();
      if (bytes === null || stopped) return;
      const policy = renewalPolicy(localStorage.getItem(RENEWAL_KEY));
      const now = Date.now();
      watch ??= { since: now, settled: null, lastRenewal: null };
      const seen = observe(watch, bytes, now, policy);
      watch = seen.watch;
      setStatus((s) => ({ ...s, wasmBytes: bytes }));
      if (!seen.renew) return;
      // An attempt counts for the policy's interval whether or not it works: a failing one (no memory for a second
      // instance, a table the cache could not keep) is not retried at every check.
      watch = { ...watch, lastRenewal: now };
      await Promise.all(saving);
      const cached = await loadCache(owner).catch(() => null);
      const byId = new Map((cached?.tables ?? []).map((t) => [t.id, t]));
      if (stopped || ![...loaded].every(([id, l]) => byId.get(id)?.etag === l.etag)) return;
      const tables = [...loaded.keys()].map((id) => byId.get(id)!);
      const swapped = await replaceDatabase(
        async (conn) => {
          for (const t of tables) await insertOn(conn, t.table, new Uint8Array(t.bytes));
        },
        // A screen that has gone meanwhile (token or refresh changed, another page) keeps the engine it had: whatever
        // was loaded into it since would be lost at the swap.
        { commit: () => !stopped },
      );
      if (!swapped) return;
      watch = { since: Date.now(), settled: null, lastRenewal: Date.now() };
      const after = await wasmMemoryBytes();
      setStatus((s) => ({ ...s, renewals: s.renewals + 1, wasmBytes: after }));
    };

    const revoke = async (message: string) => {
      stopped = true;
      await clearCache().catch(() => undefined);
      await dropScreenShell();
      await withConnection(async (conn) => {
        for (const t of loaded.values()) await conn.query(`DROP TABLE IF EXISTS ${t.table}`);
      }).catch(() => undefined);
      loaded = new Map();
      rollupRows.clear();
      setCubes({});
      setState({ phase: 'unauthorized' });
      setStatus((s) => ({ ...s, revoked: message, outageSince: null, cachedAt: null }));
    };

    const tick = async () => {
      if (stopped) return;
      // Every query leaves a performance measure and every cube load two marks (read by the dashboards' benchmark); a
      // screen left running for days would keep them all (a heap snapshot showed ~4 marks a changed data check).
      performance.clearMeasures();
      performance.clearMarks();
      try {
        const changed = await check();
        failures = 0;
        outageSince = null;
        setStatus((s) => ({ ...s, outageSince: null, cachedAt: live ? null : s.cachedAt, checks: s.checks + 1, fetches: s.fetches + (s.checks > 0 ? changed.length : 0), lastCheck: new Date() }));
        // The next check waits for a renewal (bounded: `replaceDatabase` gives up after 120 s), so no table is loaded
        // into the old engine while the new one is filled. A failed renewal leaves the running engine in place.
        await watchEngine().catch(() => undefined);
        if (!stopped) timer = setTimeout(tick, refreshS * 1000);
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 401) {
          if (token) {
            // Ask the token itself why (revoked, expired); if it is still good the cookie was only lost: go on.
            try {
              await exchange();
              timer = setTimeout(tick, 0);
              return;
            } catch (x) {
              if (x instanceof ApiError && x.status === 401) return void revoke(x.message || '显示令牌已失效');
              if (!isOutage(x)) return void revoke(e.message || '显示令牌已失效');
            }
            failures++;
            timer = setTimeout(tick, backoffMs(failures, refreshS));
            return;
          }
          setState({ phase: 'unauthorized' });
          return;
        }
        if (isOutage(e)) {
          failures++;
          outageSince ??= new Date();
          if (!live) {
            let restored = shownAsOf !== null;
            if (!restored) restored = await restore().catch(() => false);
            if (!restored) setState({ phase: 'preparing', health: null, unreachable: true });
          }
          const since = outageSince;
          setStatus((s) => ({ ...s, outageSince: since, lastCheck: new Date() }));
          // The token may have been exchanged by a server that has since restarted: exchange again on recovery.
          if (token) exchanged = false;
        } else {
          failures++;
          setState((s) => (s.phase === 'ready' ? s : { phase: 'error', message: e instanceof Error ? e.message : String(e), retry: () => undefined }));
        }
        if (!stopped) timer = setTimeout(tick, backoffMs(failures, refreshS));
      }
    };
    refreshRef.current = async () => {
      try {
        return await check();
      } catch {
        return [];
      }
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, owner, refreshS]);

  const ensure = useCallback(() => undefined, []);
  const refresh = useCallback(() => refreshRef.current(), []);
  const value = useMemo<DataApi>(() => {
    const s: DataState = state.phase === 'ready' ? { phase: 'ready', data: { ...state.data, cubes } satisfies LoadedData } : state;
    return { state: s, reload: () => undefined, ensure, refresh };
  }, [state, cubes, ensure, refresh]);
  return (
    <DataContext.Provider value={value}>
      <ScreenStatusContext.Provider value={status}>{children}</ScreenStatusContext.Provider>
    </DataContext.Provider>
  );
}
