/**
 * When a wall screen replaces its DuckDB-WASM instance. A screen runs for days, reloading changed cubes into the
 * engine again and again; WebAssembly memory only ever grows, so whatever the engine's allocator leaves behind
 * (fragmentation, a high-water mark after an unlucky mix of loads and queries) stays for the life of the page. The
 * screen therefore watches the memory at its data checks and, once it has grown past a budget over what the instance
 * settled at, starts a fresh instance from the data it keeps, swaps it in and ends the old one (`replaceDatabase`).
 */

export interface RenewalPolicy {
  /** Growth over the settled size that calls for a fresh instance, in percent. */
  growthPct: number;
  /** An instance is left to settle this long (its first draws and rotations) before its size is taken. */
  settleS: number;
  /** Never two renewals closer than this (a renewal costs a core for a few seconds). */
  minIntervalS: number;
}

export const DEFAULT_RENEWAL: RenewalPolicy = { growthPct: 10, settleS: 30, minIntervalS: 300 };

/** The localStorage key that may override the policy on one display, as JSON with any of the fields above. */
export const RENEWAL_KEY = 'fc-screen-engine-renewal';

/** The policy: the defaults, with valid fields of `raw` (the localStorage value) over them; bad input is ignored. */
export function renewalPolicy(raw: string | null): RenewalPolicy {
  const p = { ...DEFAULT_RENEWAL };
  if (!raw) return p;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return p;
  }
  if (!o || typeof o !== 'object') return p;
  for (const k of Object.keys(p) as Array<keyof RenewalPolicy>) {
    const v = (o as Record<string, unknown>)[k];
    // A negative growth renews at every allowed check (to try a display's renewal out).
    if (typeof v === 'number' && Number.isFinite(v) && v >= (k === 'growthPct' ? -100 : 0) && v <= 86_400) p[k] = v;
  }
  return p;
}

/** What the screen knows about its running instance. */
export interface EngineWatch {
  /** When the instance began serving (ms since epoch). */
  since: number;
  /** Its size once settled (bytes), or null until then. */
  settled: number | null;
  /** When the last renewal happened (ms since epoch), or null. */
  lastRenewal: number | null;
}

/**
 * One reading of the memory at a data check: either the watch with the settled size taken, or `renew` when the
 * instance has grown past the budget and a renewal is allowed now.
 */
export function observe(w: EngineWatch, bytes: number, now: number, p: RenewalPolicy): { watch: EngineWatch; renew: boolean } {
  if (w.settled === null) {
    if (now - w.since < p.settleS * 1000) return { watch: w, renew: false };
    return { watch: { ...w, settled: bytes }, renew: false };
  }
  const grown = bytes > w.settled * (1 + p.growthPct / 100);
  const allowed = w.lastRenewal === null || now - w.lastRenewal >= p.minIntervalS * 1000;
  return { watch: w, renew: grown && allowed };
}
