import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { screenIds } from '../../../dashboards/screens/index.ts';
import { DISPLAY_TOKEN } from '../../../dashboards/screens/token.ts';
import type { AppDeps, AppEnv } from '../app.ts';
import { DISPLAY_COOKIE, DisplayTokenService, tokenScope } from '../auth/display-tokens.ts';
import { loadRegionTree, parseScope, scopeContains, scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { jsonBody, queryParams } from '../middleware/validate.ts';

const scopeString = z.string().max(20).regex(/^\d{9}(:(\d{3}|\d{6}))?$/, '范围格式：财政区划代码[:部门代码|:单位代码]');
const idParam = z.string().regex(/^\d{1,18}$/);
const createBody = z.object({
  name: z.string().trim().min(1).max(60),
  scope: scopeString,
  screen: z.enum(screenIds as [string, ...string[]]).default('overview'),
  /** Days until the token expires; absent = until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
}).strict();
const exchangeBody = z.object({ token: z.string().regex(DISPLAY_TOKEN, '无效的显示令牌') }).strict();

/**
 * Display tokens for wall screens: `GET/POST /api/display-tokens`, `DELETE /api/display-tokens/:id` (tokens.manage,
 * within the admin's own scope, audited) and `POST /api/display-tokens/session`, where a screen exchanges the token in
 * its URL for an HttpOnly cookie (audited as display_token.use). Registers the tokens as a way in beside sessions.
 */
export function displayTokenRoutes(deps: AppDeps) {
  let tokens = deps.sessions.fallbacks.find((f): f is DisplayTokenService => f instanceof DisplayTokenService);
  if (!tokens) deps.sessions.fallbacks.push((tokens = new DisplayTokenService(deps.db, deps.audit, deps.clock)));
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  const regionTree = () => loadRegionTree(deps.db);

  r.get('/display-tokens', 'tokens.manage', async (c) => {
    queryParams(c, z.object({}));
    const p = c.get('principal');
    const tree = await regionTree();
    const now = deps.clock();
    const items = (await tokens.list()).filter((t) => scopeContains(p.scope, tokenScope(t), tree)).map((t) => DisplayTokenService.publicOf(t, now));
    return c.json({ items, total: items.length });
  });

  r.post('/display-tokens', 'tokens.manage', async (c) => {
    const body = await jsonBody(c, createBody);
    const p = c.get('principal');
    const scope = parseScope(body.scope);
    const tree = await regionTree();
    if (!tree.has(scope.mofDivCode)) throw badRequest(`财政区划 ${scope.mofDivCode} 不存在`, 'scope');
    if (!scopeContains(p.scope, scope, tree)) throw new ApiError(403, 'forbidden', '只能为自己管理范围内的地区签发显示令牌');
    const expiresAt = body.expiresInDays ? new Date(deps.clock().getTime() + body.expiresInDays * 86_400_000) : null;
    const { token, row } = await tokens.issue({ name: body.name, screen: body.screen, scope, createdBy: p.username, expiresAt });
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'display_token.issue', target: `display_token:${row.token_id}`, address: clientAddress(c), detail: { name: row.name, scope: scopeKey(scope), screen: row.screen, expiresAt: expiresAt?.toISOString() ?? null } });
    const path = `/screen/${row.screen}?token=${token}`;
    return c.json({ item: DisplayTokenService.publicOf(row, deps.clock()), token, path, url: new URL(path, c.req.url).toString() }, 201);
  });

  r.delete('/display-tokens/:id', 'tokens.manage', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) throw badRequest('无效的令牌编号', 'id');
    queryParams(c, z.object({}));
    const p = c.get('principal');
    const row = await tokens.find(id.data);
    if (!row || !scopeContains(p.scope, tokenScope(row), await regionTree())) throw notFound('显示令牌不存在');
    const after = (await tokens.revoke(id.data, p.username))!;
    if (!row.revoked_at) await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'display_token.revoke', target: `display_token:${row.token_id}`, address: clientAddress(c), detail: { name: row.name, scope: scopeKey(tokenScope(row)) } });
    return c.json({ item: DisplayTokenService.publicOf(after, deps.clock()) });
  });

  r.post('/display-tokens/session', 'public', async (c) => {
    const body = await jsonBody(c, exchangeBody);
    const { principal, row } = await tokens.verify(body.token);
    const address = clientAddress(c);
    if (!principal) {
      if (row) await tokens.auditDenied(row, 'session', address);
      deleteCookie(c, DISPLAY_COOKIE, { path: '/' });
      throw new ApiError(401, 'unauthorized', row?.revoked_at ? '显示令牌已被撤销' : row ? '显示令牌已过期' : '显示令牌无效');
    }
    await deps.audit.append({ userId: principal.userId, username: principal.username, scope: scopeKey(principal.scope), action: 'display_token.use', target: 'session', address, detail: { screen: row!.screen } });
    // A session cookie (no Max-Age): after a browser restart the screen exchanges the token in its URL again.
    setCookie(c, DISPLAY_COOKIE, body.token, { httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:', path: '/' });
    return c.json({ name: principal.displayName, scope: scopeKey(principal.scope), screen: row!.screen });
  });

  return { app, policies: r.policies };
}
