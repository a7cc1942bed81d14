import type { Rendered } from '../../../queries/index.ts';
import type { Row } from '../dashboards/metric-value.ts';
import { withConnection } from './duckdb.ts';

export { compileFor, sliceSql, withNames, type NameLookup } from './sql.ts';
export type { Row } from '../dashboards/metric-value.ts';

/** Runs SQL with bound `?` parameters in DuckDB-WASM; rows come back as plain objects (BIGINT as bigint). */
export async function runSql(q: Rendered): Promise<Row[]> {
  return withConnection(async (conn) => {
    const stmt = await conn.prepare(q.sql);
    try {
      const table = await stmt.query(...q.params);
      return table.toArray().map((r: { toJSON(): Row }) => r.toJSON());
    } finally {
      await stmt.close();
    }
  });
}
