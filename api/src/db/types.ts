/** A row as returned by the database: NUMERIC and INT8 as strings, dates as `yyyy-mm-dd`, timestamptz as ISO text. */
export type Row = Record<string, unknown>;

/** The part of a database connection that queries run on (a pool, or one client inside a transaction). */
export interface Queryable {
  /** Runs one statement with bound parameters (`$1`, `$2`, …). */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs `COPY (<sql>) TO STDOUT` in PostgreSQL's text format and hands its bytes to `onChunk` as they come (rows may
   * span chunks): for bulk readers such as the Arrow export, which would otherwise have every row built as a value
   * and copied across threads. Resolves when all bytes were handed over.
   */
  copyOut(sql: string, onChunk: (chunk: Uint8Array) => void): Promise<void>;
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
