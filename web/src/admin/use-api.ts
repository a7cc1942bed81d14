import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from './api.ts';

export type Load<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: Error & { status?: number }; data?: T };

/**
 * `GET path` whenever the path changes, or on `reload()`. While reloading, the previous data stays available so a
 * table can dim instead of blanking; an answer to an outdated path is dropped. `path === null` waits.
 */
export function useApi<T>(path: string | null): Load<T> & { reload: () => void } {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ path: string | null; tick: number; value: Load<T> }>({ path: null, tick: -1, value: { status: 'loading' } });
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setState((s) => ({ path, tick, value: { status: 'loading', data: s.value.data } }));
    apiRequest<T>('GET', path, undefined, { signal: abort.signal }).then(
      (data) => setState({ path, tick, value: { status: 'ok', data } }),
      (e: unknown) => {
        if (abort.signal.aborted) return;
        const error = e instanceof Error ? e : new Error(String(e));
        setState((s) => ({ path, tick, value: { status: 'error', error, data: s.value.data } }));
      },
    );
    return () => abort.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const value: Load<T> = state.path === path && state.tick === tick ? state.value : { status: 'loading', data: state.value.data };
  return { ...value, reload };
}
