/**
 * SQL as a small typed AST. Only a dialect (dialects/postgres.ts, dialects/duckdb.ts) turns nodes into text; values
 * travel as bound parameters, never spliced into SQL. Identifiers are checked against a strict pattern.
 */

export type SqlType = 'bigint' | 'integer' | 'double' | 'text' | 'date' | 'smallint' | 'text_array' | 'date_array' | 'numeric';
export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=';
export type FnName =
  | 'coalesce' | 'nullif' | 'substr' | 'starts_with' | 'round' | 'abs' | 'greatest' | 'least' | 'month_key' | 'year_of' | 'make_date'
  /** date + integer days */
  | 'add_days'
  /** date − date, in days */
  | 'days_between'
  /** a JSON object from alternating keys and values (PostgreSQL only) */
  | 'jsonb_build_object'
  /** working hours between two instants on Mon–Fri minus holidays (the SQL function of migration 003; PostgreSQL only) */
  | 'working_hours'
  /** the business date of an instant in a time zone */
  | 'business_date'
  /** the instant a business date starts in a time zone */
  | 'day_start'
  | 'concat'
  /** the number of whole `n`-day buckets since 1970-01-01 of a date */
  | 'day_bucket'
  /** hours from the first instant to the second */
  | 'hours_between'
  /** the number of lower bounds (an ascending array) at or below a value: 0 below the first (PostgreSQL only) */
  | 'width_bucket'
  /** window functions: the previous / next row's value */
  | 'lag'
  | 'lead'
  /** round(numeric, places) of a double (PostgreSQL casts to numeric first) */
  | 'round_to'
  /** GROUPING(col): 1 when a grouping set aggregates the column away (a subtotal row), else 0 */
  | 'grouping';
export type AggFn = 'sum' | 'count' | 'min' | 'max' | 'array_agg' | 'bool_or';

export type Expr =
  | { k: 'col'; name: string; table?: string }
  | { k: 'lit'; value: number | boolean | null }
  | { k: 'str'; value: string }
  | { k: 'param'; value: string | number | boolean | null }
  | { k: 'fn'; name: FnName; args: Expr[] }
  | { k: 'op'; op: BinaryOp; left: Expr; right: Expr }
  | { k: 'logic'; op: 'and' | 'or'; args: Expr[] }
  | { k: 'not'; arg: Expr }
  | { k: 'in'; arg: Expr; values: Expr[] }
  | { k: 'is_null'; arg: Expr; negate: boolean }
  | { k: 'case'; whens: Array<[Expr, Expr]>; else?: Expr }
  | { k: 'cast'; arg: Expr; type: SqlType }
  | { k: 'agg'; fn: AggFn; arg?: Expr; distinct?: boolean; orderBy?: Expr[] }
  | { k: 'window'; agg: Expr; partitionBy: Expr[]; orderBy: Expr[]; frame?: WindowFrame }
  | { k: 'exists'; query: Query; negate: boolean }
  | { k: 'any'; arg: Expr; array: Expr }
  | { k: 'scalar'; query: Query }
  | { k: 'array'; items: Expr[] }
  | { k: 'star' };

/** Window frames: running totals, or a range of days after / before the current row's date. */
export type WindowFrame = { kind: 'running' } | { kind: 'days_following'; days: number } | { kind: 'days_preceding'; days: number } | { kind: 'whole' };

export interface OrderItem {
  expr: Expr;
  desc?: boolean;
  nulls?: 'first' | 'last';
}

export type From =
  | { k: 'table'; name: string; alias?: string }
  | { k: 'sub'; query: Query; alias: string }
  | { k: 'join'; type: 'inner' | 'left'; left: From; right: From; on: Expr };

export interface Select {
  k: 'select';
  with?: Array<[string, Query]>;
  /** Names of `with` queries computed once and kept (`AS MATERIALIZED`) rather than folded into the query using them. */
  materialize?: string[];
  /** An empty list selects every column (`SELECT *`). */
  /** `SELECT DISTINCT ON (…)`: the first row of each group by `orderBy`. */
  distinctOn?: Expr[];
  select: Array<[string, Expr]>;
  from: From;
  where?: Expr[];
  groupBy?: Expr[];
  /** `GROUP BY GROUPING SETS ((…), (…), ())`: subtotals and totals in one pass (instead of `groupBy`). */
  groupingSets?: Expr[][];
  having?: Expr[];
  orderBy?: OrderItem[];
  limit?: number;
  offset?: number;
}

export interface UnionAll {
  k: 'union_all';
  queries: Select[];
}

export type Query = Select | UnionAll;

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Checks an identifier (table, column, alias) against `[a-z_][a-z0-9_]*`. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

// ── builders ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const col = (name: string, table?: string): Expr => ({ k: 'col', name: ident(name), table: table && ident(table) });
export const lit = (value: number | boolean | null): Expr => {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite literal');
  return { k: 'lit', value };
};
/** A string constant that is part of a definition (a code such as '230'), never user input. */
export const str = (value: string): Expr => {
  if (!/^[A-Za-z0-9_%\- .:]*$/.test(value)) throw new Error(`string constant not allowed in SQL text: ${value}`);
  return { k: 'str', value };
};
export const param = (value: string | number | boolean | null): Expr => ({ k: 'param', value });
export const fn = (name: FnName, ...args: Expr[]): Expr => ({ k: 'fn', name, args });
const bin = (op: BinaryOp) => (left: Expr, right: Expr): Expr => ({ k: 'op', op, left, right });
export const add = bin('+');
export const sub = bin('-');
export const mul = bin('*');
export const div = bin('/');
export const eq = bin('=');
export const ne = bin('<>');
export const lt = bin('<');
export const le = bin('<=');
export const gt = bin('>');
export const ge = bin('>=');
export const and = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : { k: 'logic', op: 'and', args });
export const or = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : { k: 'logic', op: 'or', args });
export const not = (arg: Expr): Expr => ({ k: 'not', arg });
export const isIn = (arg: Expr, values: Expr[]): Expr => ({ k: 'in', arg, values });
export const isNull = (arg: Expr): Expr => ({ k: 'is_null', arg, negate: false });
export const notNull = (arg: Expr): Expr => ({ k: 'is_null', arg, negate: true });
export const caseWhen = (whens: Array<[Expr, Expr]>, otherwise?: Expr): Expr => ({ k: 'case', whens, else: otherwise });
export const cast = (arg: Expr, type: SqlType): Expr => ({ k: 'cast', arg, type });
export const sum = (arg: Expr): Expr => ({ k: 'agg', fn: 'sum', arg });
export const count = (arg?: Expr): Expr => ({ k: 'agg', fn: 'count', arg });
export const min = (arg: Expr): Expr => ({ k: 'agg', fn: 'min', arg });
export const max = (arg: Expr): Expr => ({ k: 'agg', fn: 'max', arg });
export const nullIf = (a: Expr, b: Expr | number): Expr => fn('nullif', a, typeof b === 'number' ? lit(b) : b);
export const coalesce = (...args: Expr[]): Expr => fn('coalesce', ...args);
export const startsWith = (a: Expr, prefix: Expr): Expr => fn('starts_with', a, prefix);
export const substr = (a: Expr, from: number, len: number): Expr => fn('substr', a, lit(from), lit(len));
export const window = (agg: Expr, partitionBy: Expr[], orderBy: Expr[], frame: WindowFrame = { kind: 'running' }): Expr => ({ k: 'window', agg, partitionBy, orderBy, frame });
export const exists = (query: Query): Expr => ({ k: 'exists', query, negate: false });
export const notExists = (query: Query): Expr => ({ k: 'exists', query, negate: true });
/** `arg = ANY(array)`, the array usually a bound parameter. */
export const anyOf = (arg: Expr, array: Expr): Expr => ({ k: 'any', arg, array });
/** A subquery that yields one value. */
export const scalar = (query: Query): Expr => ({ k: 'scalar', query });
export const array = (...items: Expr[]): Expr => ({ k: 'array', items });
export const countDistinct = (arg: Expr): Expr => ({ k: 'agg', fn: 'count', arg, distinct: true });
export const arrayAgg = (arg: Expr, orderBy: Expr[] = []): Expr => ({ k: 'agg', fn: 'array_agg', arg, orderBy });
export const boolOr = (arg: Expr): Expr => ({ k: 'agg', fn: 'bool_or', arg });
export const jsonObject = (fields: Record<string, Expr>): Expr => fn('jsonb_build_object', ...Object.entries(fields).flatMap(([k, v]) => [str(k), v]));
export const addDays = (d: Expr, n: Expr | number): Expr => fn('add_days', d, typeof n === 'number' ? lit(n) : n);
export const daysBetween = (later: Expr, earlier: Expr): Expr => fn('days_between', later, earlier);
export const table = (name: string, alias?: string): From => ({ k: 'table', name: ident(name), alias: alias && ident(alias) });
export const subquery = (query: Query, alias: string): From => ({ k: 'sub', query, alias: ident(alias) });
export const join = (left: From, right: From, on: Expr, type: 'inner' | 'left' = 'inner'): From => ({ k: 'join', type, left, right, on });
export const select = (q: Omit<Select, 'k'>): Select => {
  for (const [alias] of q.select) ident(alias);
  return { k: 'select', ...q };
};
export const unionAll = (...queries: Select[]): UnionAll => ({ k: 'union_all', queries });
/** Division that yields a double and NULL when the denominator is 0. */
export const ratio = (num: Expr, den: Expr): Expr => div(cast(num, 'double'), nullIf(cast(den, 'double'), 0));
