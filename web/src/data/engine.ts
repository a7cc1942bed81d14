import { getDatabase } from './duckdb.ts';
import { keptResultsHint } from './result-cache.ts';

/**
 * When DuckDB-WASM starts. Its start (download, compile, instantiate) and the loading of tables keep both of a small
 * machine's cores busy for seconds, while a browser that kept the answers of an earlier visit (`result-cache.ts`) can
 * draw the page without it. So the engine starts at once on a first visit (nothing kept), and otherwise at the first
 * query the kept answers lack, or once the page has drawn and is idle. Work that only pays off with the engine
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

/** Runs `f` once the engine has been started (at once if it has). */
export function whenEngineStarts(f: () => void): void {
  if (started) f();
  else waiting.push(f);
}

/** At page start: starts the engine at once unless the browser kept answers the page may draw from. */
export function startEngineUnlessKept(): void {
  if (!keptResultsHint()) startEngine();
}

/** Once the page has drawn from kept answers: starts the engine in the first idle period after a second (within 3 s). */
export function startEngineWhenIdle(): void {
  if (started) return;
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(startEngine, { timeout: 2000 });
    else startEngine();
  }, 1000);
}
