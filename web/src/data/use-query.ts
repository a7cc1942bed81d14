import { useEffect, useState } from 'react';

export type QueryState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: string; data?: T };

/**
 * Runs `run` whenever `key` changes and tracks its state. While a new key loads, the previous data stays available
 * (`data` on the loading state) so a panel can dim instead of blanking; answers to an outdated key are dropped.
 * `key === null` means "not ready to run".
 */
export function useQuery<T>(key: string | null, run: () => Promise<T>): QueryState<T> {
  const [state, setState] = useState<{ key: string | null; value: QueryState<T> }>({ key: null, value: { status: 'loading' } });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ key, value: { status: 'loading', data: s.value.data } }));
    run().then(
      (data) => current && setState({ key, value: { status: 'ok', data } }),
      (e: unknown) => current && setState((s) => ({ key, value: { status: 'error', error: e instanceof Error ? e.message : String(e), data: s.value.data } })),
    );
    return () => {
      current = false;
    };
    // `run` is expected to change with `key`; keying on the string avoids re-running on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return state.key === key ? state.value : { status: 'loading', data: state.value.data };
}

/** The same state carrying data derived from the query's (e.g. its rows named for display). */
export function withData<T, U>(q: QueryState<T>, data: U | undefined): QueryState<U> {
  if (q.status === 'ok') return data === undefined ? { status: 'loading' } : { status: 'ok', data };
  if (q.status === 'error') return { status: 'error', error: q.error, data };
  return { status: 'loading', data };
}
