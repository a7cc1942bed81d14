/** A row as returned by the database: NUMERIC and INT8 as strings, dates as `yyyy-mm-dd`, timestamptz as ISO text. */
export type Row = Record<string, unknown>;

/** A result in column-major form: `columns[j][i]` is row i's value of `fields[j]`. */
export interface ColumnResult {
  fields: string[];
  columns: unknown[][];
}

/** The part of a database connection that queries run on (a pool, or one client inside a transaction). */
export interface Queryable {
  /** Runs one statement with bound parameters (`$1`, `$2`, …). */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs one statement and returns its result column by column (same value representation as {@link query}): for
   * bulk readers such as the Arrow export, which would otherwise build and copy one object per row.
   */
  queryColumns(sql: string, params?: readonly unknown[]): Promise<ColumnResult>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads CSV text (no header, `\N`-free: empty unquoted field = NULL) into `table (columns)` with COPY.
   * `chunks` yields strings that each end on a row boundary.
   */
  copyFrom(table: string, columns: readonly string[], chunks: AsyncIterable<string> | Iterable<string>): Promise<number>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'embedded';
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
