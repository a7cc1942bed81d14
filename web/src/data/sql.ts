import { compileSlice, duckdb, type Cube, type Rendered, type SliceContext, type SliceRequest } from '../../../queries/index.ts';
import { pickTable } from '../../../queries/cubes/rollups.ts';
import { ident } from '../../../queries/sql/ast.ts';
import { rollupRows } from './rollup-rows.ts';
import { unitNames, withNames, type NameLookup } from '../../../queries/names.ts';

export { unitNames, withNames, type NameLookup };

/**
 * Compiles a slice of `cube` for DuckDB (`?` placeholders), reading the smallest of the cube's loaded rollups that
 * keeps every column the slice needs (the same figures from fewer rows).
 */
export function compileFor(cube: Cube, req: SliceRequest, ctx: SliceContext, available: ReadonlyMap<string, number> = rollupRows): Rendered {
  return compileSlice(cube, req, duckdb, ctx, 'cube', { table: pickTable(cube, req, available) });
}

/**
 * Where a query's answer can also come from before DuckDB-WASM runs: the slices it was compiled from (`POST
 * /api/answers` compiles them for PostgreSQL), tagged and ordered as `unionParts` does when there are several; or a
 * served table (a name table), filtered on equal values, projected and ordered.
 */
export type Origin =
  | { kind: 'slices'; parts: Array<{ cube: string; slice: SliceRequest; names: boolean }>; union?: { orderBy: ReadonlyArray<{ key: string; desc?: boolean }> } }
  | { kind: 'table'; id: string; columns: readonly string[]; orderBy: readonly string[]; where?: Readonly<Record<string, string>> };

/** SQL for DuckDB-WASM, with where else its answer may come from. */
export type Query = Rendered & { origin?: Origin };

/** A slice of `cube` as DuckDB SQL, with unit names joined when it groups by units. */
export function sliceSql(cube: Cube, req: SliceRequest, ctx: SliceContext, names = false): Query {
  const inner = compileFor(cube, req, ctx);
  const q = names ? withNames(inner, req, unitNames) : inner;
  return { ...q, origin: { kind: 'slices', parts: [{ cube: cube.id, slice: req, names }] } };
}

/**
 * `q` with its `?` placeholders replaced by SQL literals, so DuckDB-WASM answers in one round trip to its worker
 * instead of three (prepare, query, close). Quoted strings and identifiers are skipped; a value of a kind a literal
 * cannot carry exactly returns null (the caller binds it instead).
 */
export function inlineParams(q: Rendered): string | null {
  let out = '';
  let next = 0;
  for (let i = 0; i < q.sql.length; i++) {
    const c = q.sql[i];
    if (c === "'" || c === '"') {
      const end = q.sql.indexOf(c, i + 1);
      if (end < 0) return null;
      out += q.sql.slice(i, end + 1);
      i = end;
    } else if (c === '?') {
      if (next >= q.params.length) return null;
      const lit = literal(q.params[next++]);
      if (lit === null) return null;
      out += lit;
    } else out += c;
  }
  return next === q.params.length ? out : null;
}

function literal(v: unknown): string | null {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    // An integer stays an integer; a fraction is a DOUBLE, as the bound parameter was (a bare 0.5 would be DECIMAL).
    return Number.isInteger(v) ? String(v) : `CAST('${v}' AS DOUBLE)`;
  }
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  return null;
}

/** The column `unionParts` tags each row with: the index of the statement it came from. */
export const PART = 'fc_part';

/**
 * Several statements of the same columns as one (UNION ALL, each row tagged with its statement's index in `PART`), so
 * DuckDB-WASM answers them in one round trip to its worker instead of one each — e.g. a KPI's figures, its 同比 and
 * its 环比. Rows come back grouped by statement, and within a statement by `orderBy` (a union does not keep the
 * order of its parts: without `orderBy`, in no guaranteed order — fine for one aggregate row each).
 */
export function unionParts(parts: readonly Query[], orderBy: ReadonlyArray<{ key: string; desc?: boolean }> = []): Query {
  if (parts.length === 0) throw new Error('unionParts: no statement');
  const sql = parts.map((p, i) => `SELECT ${i} AS ${PART}, * FROM (\n${p.sql}\n) AS p${i}`).join('\nUNION ALL\n');
  const order = [PART, ...orderBy.map((o) => `${ident(o.key)} ${o.desc ? 'DESC' : 'ASC'} NULLS LAST`)].join(', ');
  const slices = parts.map((p) => (p.origin?.kind === 'slices' && !p.origin.union && p.origin.parts.length === 1 ? p.origin.parts[0] : null));
  const origin: Origin | undefined = slices.every((x) => x !== null) ? { kind: 'slices', parts: slices as Array<NonNullable<(typeof slices)[number]>>, union: { orderBy } } : undefined;
  return { sql: `${sql}\nORDER BY ${order}`, params: parts.flatMap((p) => p.params), origin };
}

/** `ORDER BY keys … NULLS LAST` in JS, stable (rows of equal keys keep their order). */
export function orderRows<R extends Record<string, unknown>>(rows: readonly R[], orderBy: ReadonlyArray<{ key: string; desc?: boolean }>): R[] {
  if (orderBy.length === 0) return [...rows];
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
    if (b === null || b === undefined) return -1;
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  };
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      for (const o of orderBy) {
        const nullish = (v: unknown) => v === null || v === undefined;
        const a = x.r[o.key];
        const b = y.r[o.key];
        // NULLS LAST in either direction, as the SQL says.
        const c = nullish(a) || nullish(b) ? cmp(a, b) : o.desc ? -cmp(a, b) : cmp(a, b);
        if (c !== 0) return c;
      }
      return x.i - y.i;
    })
    .map((x) => x.r);
}

/** The rows of a `unionParts` answer, back as one list per statement (without the tag). */
export function splitParts<R extends Record<string, unknown>>(rows: readonly R[], count: number): R[][] {
  const out: R[][] = Array.from({ length: count }, () => []);
  for (const r of rows) {
    const { [PART]: part, ...rest } = r;
    const i = Number(part);
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new Error(`splitParts: a row of no statement (${String(part)})`);
    out[i].push(rest as R);
  }
  return out;
}
