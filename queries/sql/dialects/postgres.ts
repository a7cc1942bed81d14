import type { Dialect } from '../render.ts';

/** PostgreSQL (server and the embedded PGlite). */
export const postgres: Dialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  type: (t) => ({ bigint: 'bigint', integer: 'integer', smallint: 'smallint', double: 'double precision', text: 'text', date: 'date' })[t],
  fn(name, a) {
    switch (name) {
      case 'month_key':
        return `(CAST(EXTRACT(YEAR FROM ${a[0]}) AS integer) * 100 + CAST(EXTRACT(MONTH FROM ${a[0]}) AS integer))`;
      case 'year_of':
        return `CAST(EXTRACT(YEAR FROM ${a[0]}) AS integer)`;
      case 'make_date':
        return `make_date(${a.join(', ')})`;
      default:
        return `${name}(${a.join(', ')})`;
    }
  },
};
