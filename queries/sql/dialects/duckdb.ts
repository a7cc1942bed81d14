import type { Dialect } from '../render.ts';

/** DuckDB (DuckDB-WASM in the browser and under Node in tests). */
export const duckdb: Dialect = {
  name: 'duckdb',
  placeholder: () => '?',
  dayInterval: (n) => `INTERVAL ${n} DAY`,
  type: (t) => ({ bigint: 'BIGINT', integer: 'INTEGER', smallint: 'SMALLINT', double: 'DOUBLE', text: 'VARCHAR', date: 'DATE', text_array: 'VARCHAR[]', date_array: 'DATE[]', numeric: 'DECIMAL(38,4)' })[t],
  fn(name, a) {
    switch (name) {
      case 'month_key':
        return `(year(${a[0]}) * 100 + month(${a[0]}))`;
      case 'year_of':
        return `year(${a[0]})`;
      case 'add_days':
        return `(${a[0]} + CAST(${a[1]} AS INTEGER))`;
      case 'days_between':
        return `date_diff('day', ${a[1]}, ${a[0]})`;
      case 'concat':
        return `concat(${a.join(', ')})`;
      case 'day_bucket':
        return `(date_diff('day', DATE '1970-01-01', ${a[0]}) // ${a[1]})`;
      case 'hours_between':
        return `(epoch(${a[1]}) - epoch(${a[0]})) / 3600.0`;
      case 'round_to':
        return `round(${a[0]}, ${a[1]})`;
      case 'jsonb_build_object':
      case 'working_hours':
      case 'business_date':
      case 'day_start':
      case 'width_bucket':
        throw new Error(`${name} is not available in DuckDB`);
      default:
        return `${name}(${a.join(', ')})`;
    }
  },
};
