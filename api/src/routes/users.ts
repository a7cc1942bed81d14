import { Hono } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { randomPassword } from '../auth/password.ts';
import { roles as allRoles } from '../auth/roles.ts';
import { parseScope, scopeContains, scopeKey, type Scope } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { newTotpSecret, totpUri } from '../auth/totp.ts';
import { createUser, findUser, listUsers, parseRoles, publicUser, scopeOf, updateUser, UserError, type UserRow } from '../auth/users.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { jsonBody, queryParams } from '../middleware/validate.ts';

const scopeString = z.string().max(20).regex(/^\d{9}(:(\d{3}|\d{6}))?$/, '范围格式：财政区划代码[:部门代码|:单位代码]');
const roleList = z.array(z.enum(allRoles)).min(1).max(5);
const idParam = z.string().regex(/^\d{1,18}$/, '无效的用户编号');

const createBody = z.object({
  username: z.string().min(3).max(40),
  displayName: z.string().min(1).max(60).optional(),
  password: z.string().min(1).max(128),
  roles: roleList,
  scope: scopeString,
}).strict();
const patchBody = z.object({
  displayName: z.string().min(1).max(60).optional(),
  roles: roleList.optional(),
  scope: scopeString.optional(),
  disabled: z.boolean().optional(),
}).strict();
const resetBody = z.object({ password: z.string().min(1).max(128).optional() }).strict();

/** Admin pages' API: users, roles, scopes, password resets and TOTP enrolment — within the admin's own scope. */
export function userRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  const tree = () => deps.scoped.regionTree();
  const within = (outer: Scope, inner: Scope) => scopeContains(outer, inner, tree());
  const target = async (c: Parameters<Parameters<typeof r.get>[2]>[0]): Promise<UserRow> => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) throw badRequest('无效的用户编号', 'id');
    const u = await findUser(deps.db, { id: id.data });
    if (!u || !within(c.get('principal').scope, scopeOf(u))) throw notFound('用户不存在');
    return u;
  };
  const audit = (c: Parameters<Parameters<typeof r.get>[2]>[0], action: string, targetName: string, detail: Record<string, unknown> = {}) => {
    const p = c.get('principal');
    return deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action, target: targetName, address: clientAddress(c), detail });
  };
  const asBadRequest = (e: unknown): never => {
    if (e instanceof UserError) throw badRequest(e.message, e.field);
    if (e instanceof Error && /^范围格式/.test(e.message)) throw badRequest(e.message, 'scope');
    throw e;
  };

  r.get('/users', 'users.manage', async (c) => {
    queryParams(c, z.object({}));
    const p = c.get('principal');
    const items = (await listUsers(deps.db)).filter((u) => within(p.scope, scopeOf(u))).map(publicUser);
    return c.json({ items, total: items.length });
  });
  r.post('/users', 'users.manage', async (c) => {
    const body = await jsonBody(c, createBody);
    const p = c.get('principal');
    try {
      const scope = parseScope(body.scope);
      if (!within(p.scope, scope)) throw new ApiError(403, 'forbidden', '不能在自己的管理范围之外创建用户');
      const u = await createUser(deps.db, { username: body.username, displayName: body.displayName, password: body.password, roles: parseRoles(body.roles), scope });
      await audit(c, 'user.create', u.username, { roles: u.roles, scope: body.scope });
      return c.json({ user: publicUser(u) }, 201);
    } catch (e) {
      return asBadRequest(e);
    }
  });
  r.patch('/users/:id', 'users.manage', async (c) => {
    const u = await target(c);
    const body = await jsonBody(c, patchBody);
    const p = c.get('principal');
    try {
      const scope = body.scope ? parseScope(body.scope) : undefined;
      if (scope && !within(p.scope, scope)) throw new ApiError(403, 'forbidden', '不能把用户范围设到自己的管理范围之外');
      if (String(u.user_id) === p.userId && (body.disabled || (body.roles && !body.roles.includes('admin')))) throw badRequest('不能停用自己或移除自己的管理员角色', 'roles');
      const updated = await updateUser(deps.db, String(u.user_id), { roles: body.roles ? parseRoles(body.roles) : undefined, scope, disabled: body.disabled, displayName: body.displayName });
      deps.sessions.forgetUser(String(u.user_id));
      await audit(c, body.roles ? 'user.set_role' : 'user.update', u.username, { ...body });
      return c.json({ user: publicUser(updated) });
    } catch (e) {
      return asBadRequest(e);
    }
  });
  r.post('/users/:id/password', 'users.manage', async (c) => {
    const u = await target(c);
    const body = await jsonBody(c, resetBody);
    const password = body.password ?? randomPassword();
    try {
      await updateUser(deps.db, String(u.user_id), { password });
    } catch (e) {
      return asBadRequest(e);
    }
    deps.sessions.forgetUser(String(u.user_id));
    await audit(c, 'user.reset_password', u.username);
    // The new password is shown once to the administrator who set it; it is never logged or stored in clear.
    return c.json({ user: publicUser((await findUser(deps.db, { id: String(u.user_id) }))!), password: body.password ? undefined : password });
  });
  r.post('/users/:id/totp', 'users.manage', async (c) => {
    const u = await target(c);
    const secret = newTotpSecret();
    await updateUser(deps.db, String(u.user_id), { totpSecret: secret });
    deps.sessions.forgetUser(String(u.user_id));
    await audit(c, 'user.totp_enroll', u.username);
    const uri = totpUri(secret, u.username);
    return c.json({ uri, secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) });
  });
  r.delete('/users/:id/totp', 'users.manage', async (c) => {
    const u = await target(c);
    await updateUser(deps.db, String(u.user_id), { totpSecret: null });
    deps.sessions.forgetUser(String(u.user_id));
    await audit(c, 'user.totp_remove', u.username);
    return c.json({ user: publicUser((await findUser(deps.db, { id: String(u.user_id) }))!) });
  });
  return { app, policies: r.policies };
}
