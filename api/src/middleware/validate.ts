import type { Context } from 'hono';
import { z } from 'zod';
import { isIsoDate } from '../../../queries/time.ts';
import { ApiError } from '../errors.ts';

/** Reads a JSON body and validates it; any problem is a 400 naming the field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiError(400, 'bad_request', '请求体须为 JSON（Content-Type: application/json）', 'body');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'bad_request', '请求体不是有效的 JSON', 'body');
  }
  return check(schema, raw, 'body');
}

/** Validates query parameters (only the listed ones are allowed). */
export function queryParams<S extends z.ZodObject>(c: Context, schema: S): z.infer<S> {
  const q = c.req.queries();
  const allowed = new Set(Object.keys(schema.shape));
  for (const k of Object.keys(q)) {
    if (allowed.has(k)) continue;
    // Name the parameter when it is a plain name; never reflect arbitrary input.
    const plain = /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(k);
    throw new ApiError(400, 'bad_request', plain ? `不支持的参数：${k}` : '不支持的参数', plain ? k : 'query');
  }
  const flat = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  return check(schema, flat, 'query');
}

/** Validates `raw` against `schema`; any problem is a 400 naming the field. */
export function check<S extends z.ZodType>(schema: S, raw: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : where;
  throw new ApiError(400, 'bad_request', `${field}: ${issue.message}`, field);
}

/** A calendar date `yyyy-mm-dd` (2026-13-01 and 2026-02-30 are rejected). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式 yyyy-mm-dd').refine(isIsoDate, '不是有效的日期');
