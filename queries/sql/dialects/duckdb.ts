import type { Dialect } from '../render.ts';

/** DuckDB (DuckDB-WASM in the browser and under Node in tests). */
export const duckdb: Dialect = {
  name: 'duckdb',
  placeholder: () => '?',
  type: (t) => ({ bigint: 'BIGINT', integer: 'INTEGER', smallint: 'SMALLINT', double: 'DOUBLE', text: 'VARCHAR', date: 'DATE' })[t],
  fn(name, a) {
    switch (name) {
      case 'month_key':
        return `(year(${a[0]}) * 100 + month(${a[0]}))`;
      case 'year_of':
        return `year(${a[0]})`;
      default:
        return `${name}(${a.join(', ')})`;
    }
  },
};
