import type { Row } from '../dashboards/metric-value.ts';
import { answerFrom } from './answers.ts';
import { ApiError } from './api.ts';
import { engineReady, withSharedConnection } from './duckdb.ts';
import { startEngine } from './engine.ts';
import { inlineParams, type Query } from './sql.ts';
import { tablesNamed } from './lazy-tables.ts';
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
  if (kept) return kept;
  // Until DuckDB-WASM runs (a first visit, or a reload drawing from kept answers), a query that says where its answer
  // comes from is answered by the server (or a served table) — seconds sooner than starting the engine and loading its
  // tables; the engine starts once the page has drawn (engine.ts). If that fails, DuckDB answers as usual.
  if (q.origin && !engineReady()) {
    try {
      const rows = await answerFrom(q.origin);
      if (key) void putResult(key, rows, asked);
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

/** When DuckDB's worker last answered: it runs one query at a time, in the order they were sent. */
let lastAnswer = 0;

/**
 * Sends a query to DuckDB's worker at once, without waiting for the answers to earlier ones: the worker takes its
 * messages in order and runs them back to back, while this thread draws the panels already answered (waiting for each
 * answer before sending the next left the worker idle whenever a panel was being drawn). Each `fc:sql` measure is the
 * query's own time in the worker — from when it was sent or the previous answer came, whichever is later — and a
 * panel's `fc:query:*` measure (env.tsx) adds its wait behind the others.
 */
async function send(q: Query): Promise<Row[]> {
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
