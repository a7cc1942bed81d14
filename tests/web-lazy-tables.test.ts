import { describe, expect, it } from 'vitest';
import { askElsewhereFirst, LOCAL_FINE_ROWS, type CatalogTable } from '../web/src/data/lazy-tables.ts';

const table = (kind: CatalogTable['kind'], rows: number, loaded: boolean): CatalogTable => ({ table: `t_${kind}_${rows}`, etag: 'e', kind, rows, load: async () => undefined, loaded: () => loaded });

describe('where a dashboard query is answered first', () => {
  // bingtuan at the top: the execution cube has 1,096,798 rows, a division's share ~80,000, the performance cube 29,097.
  const bigFine = table('cube', 1_096_798, false);
  const divisionFine = table('cube', 80_000, false);
  const rollup = table('rollup', 140_525, false);

  it('asks the server while DuckDB-WASM is not running, whatever the tables', () => {
    expect(askElsewhereFirst(true, [rollup], false)).toBe(true);
    expect(askElsewhereFirst(true, [divisionFine], false)).toBe(true);
  });

  it('once it runs, asks the server only for a large fine table not loaded; rollups and small fine tables load', () => {
    expect(askElsewhereFirst(true, [rollup], true)).toBe(false);
    expect(askElsewhereFirst(true, [divisionFine], true)).toBe(false);
    expect(askElsewhereFirst(true, [table('cube', LOCAL_FINE_ROWS, false)], true)).toBe(false);
    expect(askElsewhereFirst(true, [table('cube', LOCAL_FINE_ROWS + 1, false)], true)).toBe(true);
    expect(askElsewhereFirst(true, [bigFine, table('dimension', 4540, true)], true)).toBe(true);
    // Loaded already (the workbench loaded it): DuckDB answers.
    expect(askElsewhereFirst(true, [table('cube', 1_096_798, true)], true)).toBe(false);
  });

  it('never for a query that says nowhere else (the workbench’s): its tables load', () => {
    expect(askElsewhereFirst(false, [bigFine], true)).toBe(false);
    expect(askElsewhereFirst(false, [bigFine], false)).toBe(false);
  });
});
