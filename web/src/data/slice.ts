import type { Rendered } from '../../../queries/index.ts';
import { withConnection } from './duckdb.ts';
import type { Row } from './execution-rows.ts';

export { compileExecutionSlice, withNames, type NameLookup } from './sql.ts';

export type { Row } from './execution-rows.ts';

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
