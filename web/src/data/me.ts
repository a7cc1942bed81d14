import { useEffect, useState } from 'react';
import { fetchJson } from './api.ts';

/** Who is signed in, as `GET /api/auth/me` says, and what they may do. */
export interface Me {
  user: { id?: string; username: string; displayName?: string | null; scope?: string; scopeName?: string | null; via?: string };
  actions: string[];
}

let cached: Promise<Me | null> | undefined;
let cachedAt = 0;

/** `GET /api/auth/me`, shared by every component of the page for a minute. */
export function fetchMe(): Promise<Me | null> {
  if (!cached || Date.now() - cachedAt > 60_000) {
    cachedAt = Date.now();
    cached = fetchJson<Me>('/api/auth/me').catch(() => {
      cached = undefined;
      return null;
    });
  }
  return cached;
}

/** The signed-in user (null until known, or when there is no session). */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    let live = true;
    void fetchMe().then((m) => live && setMe(m));
    return () => {
      live = false;
    };
  }, []);
  return me;
}

/** Whether the user may do `action` (the server enforces it again). */
export const can = (me: Me | null, action: string) => Boolean(me?.actions?.includes(action));
