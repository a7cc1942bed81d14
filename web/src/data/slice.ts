import type { Rendered } from '../../../queries/index.ts';
import type { Row } from '../dashboards/metric-value.ts';
import { getDatabase, type Connection } from './duckdb.ts';
import { inlineParams } from './sql.ts';
import { tablesNamed } from './lazy-tables.ts';
import { getResult, putResult, resultKey } from './result-cache.ts';

export { compileFor, sliceSql, withNames, type NameLookup } from './sql.ts';
export type { Row } from '../dashboards/metric-value.ts';

let connection: Promise<Connection> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** The connection queries share (one round trip fewer per query than a fresh one); reopened after a failure. */
function shared(): Promise<Connection> {
  connection ??= getDatabase()
    .then((db) => db.connect())
    .catch((e: unknown) => {
      connection = undefined;
      throw e;
    });
  return connection;
}

/**
 * Runs SQL with bound `?` parameters in DuckDB-WASM; rows come back as plain objects (BIGINT as bigint). An answer kept
 * for the same SQL over the same table versions comes from the result cache; otherwise the tables it names are
 * loaded first if they are not yet (see `lazy-tables.ts`). Queries run one after another in the order their tables
 * are there — DuckDB's worker runs one at a time anyway — so each `fc:sql` measure is the query's own time and a
 * panel's `fc:query:*` measure adds its wait.
 */
export async function runSql(q: Rendered): Promise<Row[]> {
  const tables = tablesNamed(q.sql);
  const key = resultKey(q, tables);
  const kept = key ? await getResult(key) : undefined;
  if (kept) return kept;
  await Promise.all(tables.map((t) => t.load()));
  const rows = await enqueue(q);
  if (key) void putResult(key, rows);
  return rows;
}

function enqueue(q: Rendered): Promise<Row[]> {
  const run = async () => {
    const conn = await shared();
    const start = performance.now();
    const rows = (t: { toArray(): Array<{ toJSON(): Row }> }) => t.toArray().map((r) => r.toJSON());
    try {
      // One round trip with the values written in; bound parameters (three round trips) only for what cannot be.
      const inlined = q.params.length === 0 ? q.sql : inlineParams(q);
      if (inlined !== null) return rows(await conn.query(inlined));
      const stmt = await conn.prepare(q.sql);
      try {
        return rows(await stmt.query(...q.params));
      } finally {
        await stmt.close();
      }
    } finally {
      performance.measure('fc:sql', { start, end: performance.now() });
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
