import type { Row } from '../dashboards/metric-value.ts';
import { answerFrom } from './answers.ts';
import { ApiError } from './api.ts';
import { engineBusy, engineReady, withSharedConnection } from './duckdb.ts';
import { startEngine } from './engine.ts';
import { inlineParams, type Query } from './sql.ts';
import { askElsewhereFirst, tablesNamed } from './lazy-tables.ts';
import { getResult, putResult, resultGeneration, resultKey } from './result-cache.ts';

export { compileFor, sliceSql, splitParts, unionParts, withNames, type NameLookup, type Query } from './sql.ts';
export type { Row } from '../dashboards/metric-value.ts';

/**
 * Runs SQL with bound `?` parameters in DuckDB-WASM; rows come back as plain objects (BIGINT as bigint). An answer kept
 * for the same SQL over the same table versions comes from the result cache; otherwise DuckDB-WASM is started if it
 * has not been (`engine.ts`) and the tables the SQL names are loaded first if they are not yet (see `lazy-tables.ts`).
 */
export async function runSql(q: Query): Promise<Row[]> {
  const asked = resultGeneration();
  const tables = tablesNamed(q.sql);
  const key = resultKey(q, tables);
  const kept = key ? await getResult(key) : undefined;
  if (kept) {
    if (!engineReady()) toWarm(q);
    return kept;
  }
  // Until DuckDB-WASM runs (a first visit, or a reload drawing from kept answers), a query that says where its answer
  // comes from is answered by the server (or a served table) — seconds sooner than starting the engine and loading its
  // tables; the engine starts once the page has drawn (engine.ts). So is a query that needs a large fine table not
  // loaded — a dashboard's panel under a filter no rollup keeps (e.g. the lagging units of one 功能分类 at the top of
  // bingtuan): tens of MB to fetch and insert, seconds of both cores, against tens of ms for PostgreSQL, which reads
  // the region's rows by index. Such a table is loaded only for a query nothing else answers (the workbench's); a
  // smaller one (a division's cube, the performance and warnings cubes) loads like a rollup. If the server fails,
  // DuckDB answers as usual.
  if (q.origin && askElsewhereFirst(true, tables, engineReady())) {
    try {
      const rows = await answerFrom(q.origin);
      if (key) void putResult(key, rows, asked);
      if (!engineReady()) toWarm(q);
      return rows;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
    }
  }
  startEngine();
  await Promise.all(tables.map((t) => t.load()));
  const rows = await send(q);
  if (key) void putResult(key, rows, asked);
  return rows;
}

/**
 * Queries answered before DuckDB-WASM ran (by the server, or from kept answers), to run once in it when the page is
 * idle (`warmEngine`): the engine's first queries are several times slower than the same ones later (its WebAssembly
 * is compiled lazily, tier by tier), which would otherwise fall on the reader's first clicks.
 */
const unwarmed = new Map<string, Query>();
const WARM_MAX = 24;

function toWarm(q: Query): void {
  if (unwarmed.size < WARM_MAX) unwarmed.set(q.sql + JSON.stringify(q.params), q);
}

/**
 * Runs the queries the page answered without DuckDB-WASM, one at a time in idle moments (each waits, up to two
 * seconds, until nothing is under way in DuckDB-WASM), once their tables are loaded (never loading one for
 * this); their answers are dropped. Calls while one runs share it. Marks `fc:warmed` when done.
 */
export function warmEngine(): Promise<void> {
  warming ??= (async () => {
    try {
      for (const [k, q] of [...unwarmed]) {
        if (!unwarmed.delete(k)) continue;
        if (!engineReady() || !tablesNamed(q.sql).every((t) => t.loaded())) continue;
        await idleMoment();
        await send(q).catch(() => undefined);
      }
    } finally {
      warming = undefined;
      performance.mark('fc:warmed');
    }
  })();
  return warming;
}

let warming: Promise<void> | undefined;

/** Resolves in an idle period with nothing under way in DuckDB-WASM (or after two seconds). */
async function idleMoment(): Promise<void> {
  const until = performance.now() + 2000;
  for (;;) {
    await new Promise<void>((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(), { timeout: 500 }) : setTimeout(r, 50)));
    if (!engineBusy() || performance.now() > until) return;
  }
}

/** When DuckDB's worker last answered: it runs one query at a time, in the order they were sent. */
let lastAnswer = 0;

/**
 * Sends a query to DuckDB's worker at once, without waiting for the answers to earlier ones: the worker takes its
 * messages in order and runs them back to back, while this thread draws the panels already answered (waiting for each
 * answer before sending the next left the worker idle whenever a panel was being drawn). Each `fc:sql` measure is the
 * query's own time in the worker — from when it was sent or the previous answer came, whichever is later — and a
 * panel's `fc:query:*` measure (env.tsx) adds its wait behind the others.
 */
function send(q: Query): Promise<Row[]> {
  return withSharedConnection(async (conn) => {
    const sent = performance.now();
    const rows = (t: { toArray(): Array<{ toJSON(): Row }> }) => t.toArray().map((r) => r.toJSON());
    try {
      // One message with the values written in; bound parameters (three messages) only for what cannot be.
      const inlined = q.params.length === 0 ? q.sql : inlineParams(q);
      if (inlined !== null) return rows(await conn.query(inlined));
      const stmt = await conn.prepare(q.sql);
      try {
        return rows(await stmt.query(...q.params));
      } finally {
        await stmt.close();
      }
    } finally {
      const end = performance.now();
      performance.measure('fc:sql', { start: Math.max(sent, lastAnswer), end });
      lastAnswer = end;
    }
  });
}
