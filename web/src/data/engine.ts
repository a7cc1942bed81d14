import { answersSettled } from './answers.ts';
import { getDatabase } from './duckdb.ts';
import { keptResultsHint } from './result-cache.ts';

/**
 * When DuckDB-WASM starts. Its start (download, compile, instantiate) and the loading of tables keep both of a small
 * machine's cores busy for seconds, while a browser that kept the answers of an earlier visit (`result-cache.ts`) — or
 * a dashboard, whose first slices the server answers — can draw the page without it. So the engine starts at once on
 * a first visit to other pages, and otherwise at the first query that has no other answer, or once the page has drawn
 * and is idle. Work that only pays off with the engine
 * running — prefetching tables — waits for the start.
 */
let started = false;
const waiting: Array<() => void> = [];

/** Starts DuckDB-WASM now (idempotent) and runs the work that waited for it. */
export function startEngine(): void {
  if (started) return;
  started = true;
  performance.mark('fc:engine-start');
  void getDatabase().catch(() => undefined);
  for (const f of waiting.splice(0)) f();
}

/** Whether the engine has been started in this page. */
export function engineStarted(): boolean {
  return started;
}

/** Runs `f` once the engine has been started (at once if it has). */
export function whenEngineStarts(f: () => void): void {
  if (started) f();
  else waiting.push(f);
}

/**
 * At page start: starts the engine at once unless the page can draw without it — from answers the browser kept, or,
 * on a dashboard, from the server's answers to its first slices (`POST /api/answers`), which come seconds before
 * DuckDB-WASM could have started and loaded its tables on a small machine. True if it started the engine.
 */
export function startEngineUnlessKept(): boolean {
  if (keptResultsHint() || answeredByServer()) return false;
  startEngine();
  return true;
}

/** Pages whose panels say where their answers come from (compiled slices): the dashboards. */
function answeredByServer(): boolean {
  return typeof location !== 'undefined' && /^\/dashboards(\/|$)/.test(location.pathname);
}

/**
 * Once the page can draw without the engine (kept answers, or the server's): starts it in the first idle period after
 * a second, and after the server's answers to the first slices came and were drawn — not while the server is still
 * answering them, which the engine's start (a wasm compile on both cores) would slow.
 */
export function startEngineWhenIdle(): void {
  if (started) return;
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(startEngine, { timeout: 2000 });
    else startEngine();
  };
  // A second for the panels to ask, then until the answers came and half a second to draw them.
  setTimeout(() => void answersSettled().then(() => setTimeout(idle, 500)), 1000);
}
