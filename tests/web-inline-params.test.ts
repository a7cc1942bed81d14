import { describe, expect, it } from 'vitest';
import { compileSlice, duckdb, executionCube } from '../queries/index.ts';
import { inlineParams } from '../web/src/data/sql.ts';
import { openDuckDb } from './support/duckdb-node.ts';

describe('parameters written into the SQL (one round trip to DuckDB-WASM)', () => {
  it('writes numbers, strings (quotes doubled), booleans and NULL as literals, skipping quoted text', () => {
    expect(inlineParams({ sql: "SELECT ? AS a, '?' AS b, \"x?\" AS c, ? AS d, ?, ?, ?", params: [2026, "O'Brien", true, null, 0.5] })).toBe(
      "SELECT 2026 AS a, '?' AS b, \"x?\" AS c, 'O''Brien' AS d, TRUE, NULL, CAST('0.5' AS DOUBLE)",
    );
  });
  it('gives up (null) on a value no literal carries exactly, or on a count mismatch', () => {
    expect(inlineParams({ sql: 'SELECT ?', params: [Number.NaN] })).toBeNull();
    expect(inlineParams({ sql: 'SELECT ?', params: [{} as unknown as string] })).toBeNull();
    expect(inlineParams({ sql: 'SELECT ?, ?', params: [1] })).toBeNull();
    expect(inlineParams({ sql: 'SELECT ?', params: [1, 2] })).toBeNull();
  });
  it('a compiled slice answers the same inlined as bound, in DuckDB', async () => {
    const duck = await openDuckDb();
    try {
      duck.query(`CREATE TABLE cube_execution AS SELECT * FROM (VALUES
        (2026, 202601, '660000000', '660100000', NULL, NULL, '660100000', '204001', '204', '204', '20401', '302', '30201', '111', 500000::BIGINT, 120000::BIGINT),
        (2026, 202602, '660000000', '660100000', NULL, NULL, '660100000', '204001', '204', '204', '20401', '302', '30201', '112', 300000::BIGINT, 50000::BIGINT),
        (2026, 202602, '660000000', '660200000', NULL, NULL, '660200000', '205001', '205', '205', '20502', '310', '31002', '111', 100000::BIGINT, 90000::BIGINT)
      ) AS t(fiscal_year, month, lvl1_code, lvl2_code, lvl3_code, lvl4_code, mof_div_code, agency_code, dept_code, exp_func_class, exp_func_item, eco_class, eco_item, fund_type_code, budget_fen, paid_fen)`);
      const q = compileSlice(executionCube, { dimensions: ['lvl2_code'], metrics: ['budget', 'paid', 'execution_rate', 'progress_gap'], filters: [{ dimension: 'fund_type_code', op: 'prefix', value: '11' }], asOf: '2026-02-28' }, duckdb, { dataAsOf: '2026-02-28', timeProgressBasis: 'day' });
      expect(q.params.length).toBeGreaterThan(0);
      const inlined = duck.query(inlineParams(q)!);
      expect(inlined).toEqual(duck.query(q.sql, q.params));
      expect(inlined.map((r) => [r.lvl2_code, r.paid])).toEqual([['660100000', 170000n], ['660200000', 90000n]]);
    } finally {
      duck.close();
    }
  });
});
