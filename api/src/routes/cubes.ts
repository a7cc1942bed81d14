import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { z } from 'zod';
import { cubes, dimensionTables } from '../../../queries/index.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { rollupServes } from '../../../queries/cubes/rollups.ts';
import type { Scope } from '../auth/scope.ts';
import { negotiateEncoding, servedSources, type StoredCube } from '../cubes/store.ts';
import { ApiError, notFound } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { queryParams } from '../middleware/validate.ts';

const ARROW = 'application/vnd.apache.arrow.stream';
const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** ETags derive from (table version, scope, encoding). */
function etagOf(s: StoredCube, scope: string, encoding: string): string {
  return `"${s.id}-v${s.version}-${s.hash}-${scope.replace(':', '.')}-${encoding}"`;
}

/** Whether `scope` may be served table `id`: a rollup only if its rows can be cut to the scope (see rollupServes). */
function servable(id: string, scope: Scope): boolean {
  const rollup = servedSources.find((x) => x.id === id)?.rollupOf?.rollup;
  return !rollup || rollupServes(rollup, scope.kind);
}

function describe(s: StoredCube, rowCount: number, etag: string) {
  const source = servedSources.find((x) => x.id === s.id);
  const cube = source?.rollupOf?.cube ?? (cubes as Record<string, (typeof cubes)[keyof typeof cubes]>)[s.id];
  const kept = source?.rollupOf?.rollup.dimensions;
  const dim = dimensionTables.find((t) => t.id === s.id);
  return {
    id: s.id,
    kind: s.kind,
    table: s.table,
    ...(source?.rollupOf ? { rollupOf: source.rollupOf.cube.id } : {}),
    label: cube?.label ?? dim?.label,
    dimensions: cube ? cube.dimensions.filter((d) => !kept || kept.includes(d.id)).map((d) => ({ id: d.id, label: d.label })) : (dim?.columns.map((c) => ({ id: c.id })) ?? []),
    parts: cube ? cube.parts.map((p) => ({ id: p.id, label: p.label, kind: p.kind })) : [],
    metrics: cube ? cube.metrics.map((m) => ({ id: m.id, label: m.label, format: m.format, caliber: m.caliber })) : [],
    rowCount,
    version: s.version,
    etag,
  };
}

/**
 * `GET /api/cubes` (catalog) and `GET /api/cubes/:id` (Arrow IPC stream): only rows inside the caller's scope, compressed
 * once per (version, scope, encoding), ETag/304, `Cache-Control: private`.
 */
export function cubeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.get('/cubes', 'data.read', async (c) => {
    queryParams(c, z.object({}));
    const p = c.get('principal');
    const items = [];
    for (const s of deps.store.list()) {
      if (!servable(s.id, p.scope)) continue;
      const scoped = await deps.scoped.get(s, p.scope, 'identity');
      items.push(describe(s, scoped.rowCount, etagOf(s, scopeKey(p.scope), 'identity')));
    }
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    return c.json({ items, total: items.length, dataAsOf: deps.state.dataAsOf, timeProgressBasis: deps.config.timeProgressBasis });
  });
  r.get('/cubes/:id', 'data.read', async (c) => {
    const id = c.req.param('id') ?? '';
    if (!ID.test(id)) throw new ApiError(400, 'bad_request', '无效的数据集标识', 'id');
    queryParams(c, z.object({ v: z.string().max(80).optional() }));
    const known = servedSources.some((s) => s.id === id);
    if (!known) throw notFound(`没有数据集 ${id}`);
    const p = c.get('principal');
    if (!servable(id, p.scope)) {
      await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'access.denied', target: `GET /api/cubes/${id}`, address: clientAddress(c), outcome: 'denied', detail: { reason: 'rollup_not_scopable' } });
      throw new ApiError(403, 'forbidden', `数据集 ${id} 不含单位或部门列，无法按您的数据范围提供，请使用明细数据集`);
    }
    const stored = deps.store.get(id);
    if (!stored) throw new ApiError(503, 'not_ready', `数据集 ${id} 尚未构建完成`);
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const etag = etagOf(stored, scopeKey(p.scope), encoding);
    c.header('ETag', etag);
    c.header('Vary', 'Accept-Encoding, Cookie');
    c.header('Cache-Control', 'private, no-cache');
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return c.body(null, 304);
    const scoped = await deps.scoped.get(stored, p.scope, encoding);
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'cube.fetch', target: `${id}@v${stored.version}`, address: clientAddress(c), detail: { rows: scoped.rowCount, via: p.via } });
    c.header('Content-Type', ARROW);
    if (encoding !== 'identity') c.header('Content-Encoding', encoding);
    if (scoped.full) {
      const file = stored.files[encoding];
      c.header('Content-Length', String(file.size));
      return c.body(Readable.toWeb(createReadStream(file.path)) as ReadableStream, 200);
    }
    const bytes = scoped.bytes[encoding]!;
    c.header('Content-Length', String(bytes.byteLength));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
  });
  return { app, policies: r.policies };
}
