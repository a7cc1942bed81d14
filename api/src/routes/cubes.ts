import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { cubes, dimensionTables } from '../../../queries/index.ts';
import { requirePrincipal, type AppDeps, type AppEnv } from '../app.ts';
import { negotiateEncoding, type StoredCube } from '../cubes/store.ts';
import { ApiError, notFound } from '../errors.ts';

const ARROW = 'application/vnd.apache.arrow.stream';
const ID = /^[a-z][a-z0-9_]{0,39}$/;

function etagOf(s: StoredCube, encoding: string): string {
  return `"${s.id}-v${s.version}-${s.hash}-${encoding}"`;
}

function describe(s: StoredCube) {
  const cube = (cubes as Record<string, (typeof cubes)[keyof typeof cubes]>)[s.id];
  const dim = dimensionTables.find((t) => t.id === s.id);
  return {
    id: s.id,
    kind: s.kind,
    table: s.table,
    label: cube?.label ?? dim?.label,
    dimensions: cube ? cube.dimensions.map((d) => ({ id: d.id, label: d.label })) : (dim?.columns.map((c) => ({ id: c.id })) ?? []),
    parts: cube ? cube.parts.map((p) => ({ id: p.id, label: p.label, kind: p.kind })) : [],
    metrics: cube ? cube.metrics.map((m) => ({ id: m.id, label: m.label, format: m.format, caliber: m.caliber })) : [],
    rowCount: s.rowCount,
    version: s.version,
    etag: etagOf(s, 'identity'),
    bytes: { raw: s.files.identity.size, br: s.files.br.size, gzip: s.files.gzip.size },
  };
}

/** `GET /api/cubes` (catalog) and `GET /api/cubes/:id` (Arrow IPC stream, compressed once per version, ETag/304). */
export function cubeRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/cubes', async (c) => {
      await requirePrincipal(deps.auth, c);
      const items = deps.store.list().map(describe);
      c.header('Cache-Control', 'private, no-cache');
      return c.json({ items, total: items.length, dataAsOf: deps.state.dataAsOf, timeProgressBasis: deps.config.timeProgressBasis });
    })
    .get('/cubes/:id', async (c) => {
      const id = c.req.param('id');
      if (!ID.test(id)) throw new ApiError(400, 'bad_request', '无效的数据集标识', 'id');
      for (const key of Object.keys(c.req.queries())) {
        if (key !== 'v') throw new ApiError(400, 'bad_request', `不支持的参数：${key}`, key);
      }
      await requirePrincipal(deps.auth, c);
      const known = id in cubes || dimensionTables.some((t) => t.id === id);
      if (!known) throw notFound(`没有数据集 ${id}`);
      const stored = deps.store.get(id);
      if (!stored) throw new ApiError(503, 'not_ready', `数据集 ${id} 尚未构建完成`);
      const encoding = negotiateEncoding(c.req.header('accept-encoding'));
      const etag = etagOf(stored, encoding);
      c.header('ETag', etag);
      c.header('Vary', 'Accept-Encoding, Cookie');
      c.header('Cache-Control', 'private, no-cache');
      const inm = c.req.header('if-none-match');
      if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return c.body(null, 304);
      const file = stored.files[encoding];
      c.header('Content-Type', ARROW);
      c.header('Content-Length', String(file.size));
      if (encoding !== 'identity') c.header('Content-Encoding', encoding);
      return c.body(Readable.toWeb(createReadStream(file.path)) as ReadableStream, 200);
    });
}
