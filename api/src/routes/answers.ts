import { Hono } from 'hono';
import { z } from 'zod';
import { compileSlice, cubes, postgres, SliceError, type Cube, type MetricFormat, type SliceRequest } from '../../../queries/index.ts';
import { pickTable, rollupTable } from '../../../queries/cubes/rollups.ts';
import { unitNames, withNames } from '../../../queries/names.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeFilters } from '../auth/scope-sql.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import type { Queryable } from '../db/types.ts';
import { ApiError, badRequest } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { jsonBody } from '../middleware/validate.ts';
import { sliceSchema } from './exports.ts';

const answersBody = z.object({
  parts: z
    .array(z.object({ cube: z.enum(Object.keys(cubes) as [string, ...string[]]), slice: sliceSchema, names: z.boolean().optional() }).strict())
    .min(1)
    .max(40),
}).strict();

/** How a column travels: integers of money and counts as decimal strings (exact), other figures as numbers, codes as text. */
export type AnswerColumnType = 'bigint' | 'number' | 'text';

export interface AnswerPart {
  columns: Array<{ name: string; type: AnswerColumnType }>;
  rows: unknown[][];
}

/** Rollup tables found per cube version (a rebuild bumps the version and is looked up anew). */
const rollupCache = new WeakMap<Queryable, Map<string, Map<string, number>>>();

/** The row counts of the cube's rollup tables summed at its current version (older or missing ones are left out). */
async function rollupTables(db: Queryable, cube: Cube): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const names = (cube.rollups ?? []).map((r) => rollupTable(cube, r));
  if (!names.length) return out;
  const [v] = await db.query<{ version: string }>('SELECT version FROM cube_version WHERE cube_id = $1', [cube.id]);
  if (!v) return out;
  const cache = rollupCache.get(db) ?? new Map<string, Map<string, number>>();
  rollupCache.set(db, cache);
  const hit = cache.get(`${cube.id}@${v.version}`);
  if (hit) return hit;
  const rows = await db.query<{ t: string; n: string; note: string | null }>(
    `SELECT c.relname AS t, greatest(c.reltuples, 0)::bigint AS n, obj_description(c.oid, 'pg_class') AS note
       FROM pg_class c WHERE c.relname = ANY($1) AND c.relkind = 'r' AND pg_table_is_visible(c.oid)`,
    [names],
  );
  for (const r of rows) if (r.note === `version ${v.version}`) out.set(r.t, Number(r.n));
  // Kept only once every rollup is there: a table still being built is looked for again at the next request.
  if (out.size === names.length) cache.set(`${cube.id}@${v.version}`, out);
  return out;
}

/** Runs `fn` over `items` with at most `n` at a time (PostgreSQL on a small machine answers a few at once best). */
async function limited<T, U>(items: readonly T[], n: number, fn: (x: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

function columnTypes(cube: Cube, slice: SliceRequest, names: boolean): Array<{ name: string; type: AnswerColumnType }> {
  const integral = (f: MetricFormat) => f === 'fen' || f === 'count';
  const cols = [
    ...slice.dimensions.map((d) => ({ name: d, type: (cube.dimensions.find((x) => x.id === d)!.storage === 'code' ? 'text' : 'number') as AnswerColumnType })),
    ...slice.metrics.map((m) => ({ name: m, type: (integral(cube.metrics.find((x) => x.id === m)!.format) ? 'bigint' : 'number') as AnswerColumnType })),
  ];
  if (names) cols.push({ name: 'agency_name', type: 'text' }, { name: 'region_name', type: 'text' });
  return cols;
}

function cell(v: unknown, type: AnswerColumnType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'text') return String(v);
  if (type === 'bigint') return typeof v === 'bigint' ? v.toString() : String(v).replace(/\.0+$/, '');
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * `POST /api/answers` — a dashboard's answers that DuckDB-WASM cannot give at once: a page's first ones before it runs,
 * and later any slice that needs a large fine table, which the page does not load (`askElsewhereFirst`). Each part is
 * a slice of a cube (the request the browser compiles for DuckDB), compiled by the same semantic layer for PostgreSQL, limited to the
 * caller's scope, read from the smallest rollup table that keeps its columns, else from the cube's table (indexed by
 * region level); `names` adds the unit and region names a units grouping shows (as the browser joins them). Rows come
 * in the slice's order.
 */
export function answerRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.post('/answers', 'data.read', async (c) => {
    const body = await jsonBody(c, answersBody);
    const dataAsOf = deps.state.dataAsOf;
    if (!dataAsOf) throw new ApiError(503, 'not_ready', '数据尚未就绪');
    const p = c.get('principal');
    const ctx = { dataAsOf, timeProgressBasis: deps.config.timeProgressBasis };
    const tables = new Map<string, Map<string, number>>();
    const compiled = [];
    for (const [i, part] of body.parts.entries()) {
      const cube = (cubes as Record<string, Cube>)[part.cube];
      if (!tables.has(cube.id)) tables.set(cube.id, await rollupTables(deps.db, cube));
      const slice = part.slice as SliceRequest;
      const req = { ...slice, filters: [...scopeFilters(p.scope), ...(slice.filters ?? [])] } as SliceRequest;
      let q;
      try {
        q = compileSlice(cube, req, postgres, ctx, 'cube', { table: pickTable(cube, req, tables.get(cube.id)!) });
      } catch (e) {
        if (e instanceof SliceError) throw badRequest(e.message, `parts[${i}].slice.${e.field}`);
        throw e;
      }
      const names = part.names === true;
      if (names && !(slice.dimensions.includes('mof_div_code') && slice.dimensions.includes('agency_code'))) {
        throw badRequest('names 需要按单位分组（mof_div_code 与 agency_code）', `parts[${i}].names`);
      }
      // The names as the browser joins them (queries/names.ts), from PostgreSQL's own name tables.
      const named = names ? withNames(q, slice, unitNames, { region: 'region', agency: 'agency' }) : q;
      compiled.push({ cube, slice, names, sql: named.sql, params: named.params });
    }
    const results = await limited(compiled, 3, (x) => deps.db.query<Record<string, unknown>>(x.sql, x.params));
    const parts: AnswerPart[] = compiled.map((x, i) => {
      const columns = columnTypes(x.cube, x.slice, x.names);
      return { columns, rows: results[i].map((row) => columns.map((col) => cell(row[col.name], col.type))) };
    });
    await deps.audit.append({
      userId: p.userId,
      username: p.username,
      scope: scopeKey(p.scope),
      action: 'answers.read',
      target: [...new Set(compiled.map((x) => x.cube.id))].join(','),
      address: clientAddress(c),
      detail: { parts: compiled.length, rows: results.reduce((n, r) => n + r.length, 0), via: p.via },
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ dataAsOf, parts });
  });
  return { app, policies: r.policies };
}
