import type { Dialect } from '../render.ts';

/** PostgreSQL (server and the embedded PGlite). */
export const postgres: Dialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  dayInterval: (n) => `INTERVAL '${n} days'`,
  type: (t) => ({ bigint: 'bigint', integer: 'integer', smallint: 'smallint', double: 'double precision', text: 'text', date: 'date', text_array: 'text[]', date_array: 'date[]', numeric: 'numeric' })[t],
  fn(name, a) {
    switch (name) {
      case 'month_key':
        // date_part of a timestamp is a float (EXTRACT builds a NUMERIC per call, several times slower over millions of
        // rows); the cast to timestamp keeps it free of the session time zone.
        return `(CAST(date_part('year', CAST(${a[0]} AS timestamp)) AS integer) * 100 + CAST(date_part('month', CAST(${a[0]} AS timestamp)) AS integer))`;
      case 'year_of':
        return `CAST(EXTRACT(YEAR FROM ${a[0]}) AS integer)`;
      case 'make_date':
        return `make_date(${a.join(', ')})`;
      case 'add_days':
        return `(${a[0]} + CAST(${a[1]} AS integer))`;
      case 'days_between':
        return `(${a[0]} - ${a[1]})`;
      case 'day_start':
        return `(CAST(${a[0]} AS timestamp) AT TIME ZONE ${a[1]})`;
      case 'business_date':
        return `CAST((${a[0]} AT TIME ZONE ${a[1]}) AS date)`;
      case 'day_bucket':
        return `((${a[0]} - DATE '1970-01-01') / ${a[1]})`;
      case 'hours_between':
        // A float, as in DuckDB (no NUMERIC per row).
        return `(date_part('epoch', ${a[1]} - ${a[0]}) / 3600.0)`;
      case 'width_bucket':
        return `width_bucket(${a[0]}, ${a[1]})`;
      case 'round_to':
        return `round(CAST(${a[0]} AS numeric), ${a[1]})`;
      case 'concat':
        return `(${a.map((x) => `CAST(${x} AS text)`).join(' || ')})`;
      default:
        return `${name}(${a.join(', ')})`;
    }
  },
};
