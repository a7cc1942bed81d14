import { screenIds } from '../../../dashboards/screens/index.ts';
import { DISPLAY_TOKEN } from '../../../dashboards/screens/token.ts';
import { fitModes, type FitMode } from './fit.ts';

/** The URL of a wall screen: `/screen/:id?token=…&rotate=30&refresh=60&mode=fit&lang=en`. */
export interface ScreenSearch {
  /** A display token (exchanged for a read-only session), or none when a signed-in person opens the screen. */
  token?: string;
  /** Seconds between screens of the carousel (10–3600); none = stay on this screen. */
  rotate?: number;
  /** Seconds between data checks (2–3600; default 60). */
  refresh?: number;
  mode?: FitMode;
  lang?: 'zh' | 'en';
}

export const REFRESH_DEFAULT_S = 60;

function seconds(v: unknown, min: number, max: number): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (!/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** Keeps the valid params (a bad one is dropped and reported by {@link rejectedScreenParams}). */
export function validateScreenSearch(raw: Record<string, unknown>): ScreenSearch {
  // Every key present (undefined when invalid): the router merges the root's raw params under a route's own.
  const out: ScreenSearch = { token: undefined, rotate: undefined, refresh: undefined, mode: undefined, lang: undefined };
  if (typeof raw.token === 'string' && DISPLAY_TOKEN.test(raw.token)) out.token = raw.token;
  const rotate = seconds(raw.rotate, 10, 3600);
  if (rotate !== undefined) out.rotate = rotate;
  const refresh = seconds(raw.refresh, 2, 3600);
  if (refresh !== undefined) out.refresh = refresh;
  if (typeof raw.mode === 'string' && (fitModes as readonly string[]).includes(raw.mode)) out.mode = raw.mode as FitMode;
  if (raw.lang === 'zh' || raw.lang === 'en') out.lang = raw.lang;
  return out;
}

/** The params present in the URL but not valid, by name (shown once on the screen, never silently ignored). */
export function rejectedScreenParams(raw: Record<string, unknown>): string[] {
  const ok = validateScreenSearch(raw) as Record<string, unknown>;
  return ['token', 'rotate', 'refresh', 'mode', 'lang'].filter((k) => raw[k] !== undefined && raw[k] !== '' && ok[k] === undefined);
}

/** The screen after (step 1) or before (step −1) `id` in the carousel. */
export function nextScreen(id: string, step: 1 | -1, ids: readonly string[] = screenIds): string {
  const i = ids.indexOf(id);
  if (i < 0) return ids[0];
  return ids[(i + step + ids.length) % ids.length];
}

/** Retry delay after `failures` consecutive failures: 2 s doubling, capped at the larger of 30 s and the refresh period. */
export function backoffMs(failures: number, refreshS: number): number {
  const cap = Math.max(30_000, refreshS * 1000);
  return Math.min(cap, 2000 * 2 ** Math.max(0, failures - 1));
}
