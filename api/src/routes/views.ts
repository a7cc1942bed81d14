import { Hono } from 'hono';
import { z } from 'zod';
import { parseView, ViewError, type ViewDefinition } from '../../../queries/views.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { securedRoutes, type Policy } from '../middleware/guard.ts';
import { jsonBody, queryParams } from '../middleware/validate.ts';
import type { Queryable } from '../db/types.ts';

const READ: Policy = ['workbench.use', 'data.read'];

const viewBody = z
  .object({
    name: z.string().trim().min(1, '请填写名称').max(80),
    description: z.string().max(1000).default(''),
    visibility: z.enum(['private', 'shared']).default('private'),
    definition: z.unknown(),
  })
  .strict();
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /** Only the caller's own views (`mine`), only views shared with the caller by others (`shared`), or both. */
  owner: z.enum(['mine', 'shared', 'all']).default('all'),
});
const idParam = z.string().regex(/^\d{1,18}$/);

interface ViewRow {
  view_id: string;
  owner_id: string;
  owner_name: string;
  org_code: string;
  name: string;
  description: string;
  definition: unknown;
  visibility: 'private' | 'shared';
  created_at: string;
  updated_at: string;
}

/** Validates a definition; a problem is a 400 naming `definition.<field>`. */
export function checkDefinition(raw: unknown, prefix = 'definition'): ViewDefinition {
  try {
    return parseView(raw);
  } catch (e) {
    if (e instanceof ViewError) throw badRequest(`${e.field}: ${e.message}`, `${prefix}.${e.field}`);
    throw e;
  }
}

/** The region a view is about: its org filter, or the author's scope. */
function orgOf(def: ViewDefinition, p: Principal): string {
  const f = def.filters.find((x) => x.dimension === 'org');
  return f && 'value' in f && typeof f.value === 'string' ? f.value : p.scope.mofDivCode;
}

/**
 * Which views a principal may open: their own, and shared ones whose region overlaps the principal's (the region lies
 * in the principal's subtree, or the principal's region lies in the view's). `$1` is the user id, `$2` the region.
 */
const VISIBLE = `(v.owner_id = $1 OR (v.visibility = 'shared' AND (
  EXISTS (SELECT 1 FROM region_path rp WHERE rp.mof_div_code = $2 AND v.org_code IN (rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code))
  OR EXISTS (SELECT 1 FROM region_path rp WHERE rp.mof_div_code = v.org_code AND $2 IN (rp.lvl1_code, rp.lvl2_code, rp.lvl3_code, rp.lvl4_code)))))`;

function present(v: ViewRow, p: Principal) {
  return {
    id: String(v.view_id),
    name: v.name,
    description: v.description,
    visibility: v.visibility,
    owner: v.owner_name,
    mine: v.owner_id === p.userId,
    org: v.org_code,
    definition: v.definition,
    url: `/workbench?view=${v.view_id}`,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  };
}

/** The view `:id` if the principal may open it; a malformed id is as unknown as a hidden one (404). */
async function visibleView(db: Queryable, rawId: string | undefined, p: Principal): Promise<ViewRow> {
  const id = idParam.safeParse(rawId);
  const [v] = id.success ? await db.query<ViewRow>(`SELECT v.* FROM saved_view v WHERE v.view_id = $3 AND ${VISIBLE}`, [p.userId, p.scope.mofDivCode, id.data]) : [];
  if (!v) throw notFound('没有这个视图，或无权查看');
  return v;
}

/** The view `:id` if the principal owns it: another's view they can see is a 403 naming what only the owner may `do`. */
async function ownedView(db: Queryable, rawId: string | undefined, p: Principal, verb: '修改' | '删除'): Promise<ViewRow> {
  const v = await visibleView(db, rawId, p);
  if (v.owner_id !== p.userId) throw new ApiError(403, 'forbidden', `只有视图的创建者可以${verb}它`);
  return v;
}

/**
 * Saved workbench views: `GET/POST /api/views`, `GET/PUT/DELETE /api/views/:id`. Writing needs `views.save` and only
 * the owner may change or delete a view; reading needs `workbench.use` or `data.read`. A view is only a definition:
 * whoever opens it computes it in their own scope. Saving, sharing and deleting are audited.
 */
export function viewRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  const audit = (p: Principal, c: Parameters<typeof clientAddress>[0], action: string, v: { view_id: string; name: string }, detail: Record<string, unknown> = {}) =>
    deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action, target: `view:${v.view_id}`, address: clientAddress(c), detail: { name: v.name, ...detail } });

  r.get('/views', READ, async (c) => {
    const q = queryParams(c, listQuery);
    const p = c.get('principal');
    const extra = q.owner === 'mine' ? ' AND v.owner_id = $1' : q.owner === 'shared' ? ' AND v.owner_id <> $1' : '';
    const params = [p.userId, p.scope.mofDivCode];
    const [{ n }] = await deps.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM saved_view v WHERE ${VISIBLE}${extra}`, params);
    const rows = await deps.db.query<ViewRow>(`SELECT v.* FROM saved_view v WHERE ${VISIBLE}${extra} ORDER BY v.updated_at DESC, v.view_id DESC LIMIT $3 OFFSET $4`, [...params, q.limit, q.offset]);
    return c.json({ items: rows.map((v) => present(v, p)), total: Number(n) });
  });

  r.get('/views/:id', READ, async (c) => {
    const p = c.get('principal');
    return c.json(present(await visibleView(deps.db, c.req.param('id'), p), p));
  });

  r.post('/views', 'views.save', async (c) => {
    const body = await jsonBody(c, viewBody);
    const def = checkDefinition(body.definition);
    const p = c.get('principal');
    const [v] = await deps.db.query<ViewRow>(
      `INSERT INTO saved_view (owner_id, owner_name, owner_scope, org_code, name, description, definition, visibility)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING *`,
      [p.userId, p.displayName, scopeKey(p.scope), orgOf(def, p), body.name, body.description, JSON.stringify(def), body.visibility],
    );
    await audit(p, c, 'view.save', v, { visibility: v.visibility, cube: def.cube });
    if (v.visibility === 'shared') await audit(p, c, 'view.share', v, { org: v.org_code });
    return c.json(present(v, p), 201);
  });

  r.put('/views/:id', 'views.save', async (c) => {
    const p = c.get('principal');
    const old = await ownedView(deps.db, c.req.param('id'), p, '修改');
    const body = await jsonBody(c, viewBody);
    const def = checkDefinition(body.definition);
    const [v] = await deps.db.query<ViewRow>(
      `UPDATE saved_view SET name = $2, description = $3, definition = $4::jsonb, visibility = $5, org_code = $6, updated_at = now()
       WHERE view_id = $1 RETURNING *`,
      [old.view_id, body.name, body.description, JSON.stringify(def), body.visibility, orgOf(def, p)],
    );
    await audit(p, c, 'view.save', v, { visibility: v.visibility, cube: def.cube, update: true });
    if (v.visibility !== old.visibility) await audit(p, c, v.visibility === 'shared' ? 'view.share' : 'view.unshare', v, { org: v.org_code });
    return c.json(present(v, p));
  });

  r.delete('/views/:id', 'views.save', async (c) => {
    const p = c.get('principal');
    const old = await ownedView(deps.db, c.req.param('id'), p, '删除');
    await deps.db.query('DELETE FROM saved_view WHERE view_id = $1', [old.view_id]);
    await audit(p, c, 'view.delete', old);
    return c.body(null, 204);
  });

  return { app, policies: r.policies };
}
