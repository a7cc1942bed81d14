import { useEffect, useState } from 'react';
import { currentPath } from '../components/DataGate.tsx';
import type { Me } from './api.ts';

/** `/login?redirect=…` (no redirect back to the sign-in page itself). */
export function loginHref(redirect?: string): string {
  if (!redirect || redirect === '/' || /^\/login(?:[/?#]|$)/.test(redirect)) return '/login';
  return `/login?redirect=${encodeURIComponent(redirect)}`;
}

let leaving = false;

/**
 * Goes to the sign-in page and back here afterwards. A full page load, not a route change: tables and answers of the
 * ended session must not stay in memory for whoever signs in next.
 */
export function redirectToLogin(): void {
  if (leaving || window.location.pathname === '/login') return;
  leaving = true;
  window.location.replace(loginHref(currentPath()));
}

// ── who is signed in ───────────────────────────────────────────────────────

let mePromise: Promise<Me | null> | null = null;

/**
 * `GET /api/auth/me`, shared by the user menu and the admin pages (one request per page load). Resolves null when
 * nobody is signed in; other failures reject.
 */
export function loadMe(): Promise<Me | null> {
  if (!mePromise) {
    mePromise = fetch('/api/auth/me', { headers: { accept: 'application/json' } }).then(async (res) => {
      if (res.status === 401) return null;
      if (!res.ok) throw new Error(`无法读取当前用户（${res.status}）`);
      return (await res.json()) as Me;
    });
    mePromise.catch(() => {
      mePromise = null; // try again next time
    });
  }
  return mePromise;
}

/** Drops the cached answer (after signing in or out, or a change to one's own account). */
export function forgetMe(): void {
  mePromise = null;
}

export type MeState = { status: 'loading' } | { status: 'signed-out' } | { status: 'error'; message: string } | { status: 'ready'; me: Me };

export function useMe(): MeState {
  const [state, setState] = useState<MeState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadMe().then(
      (me) => live && setState(me ? { status: 'ready', me } : { status: 'signed-out' }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
