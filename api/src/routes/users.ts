import { Hono } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { randomPassword } from '../auth/password.ts';
import { roles as allRoles } from '../auth/roles.ts';
import { loadRegionTree, parseScope, scopeContains, scopeKey, type Scope } from '../auth/scope.ts';
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
  // The region tree from the database (a few hundred rows), so scope checks never depend on cube files.
  const regionTree = () => loadRegionTree(deps.db);
  const within = async (outer: Scope, inner: Scope) => scopeContains(outer, inner, await regionTree());
  const target = async (c: Parameters<Parameters<typeof r.get>[2]>[0]): Promise<UserRow> => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success) throw badRequest('无效的用户编号', 'id');
    const u = await findUser(deps.db, { id: id.data });
    if (!u || !(await within(c.get('principal').scope, scopeOf(u)))) throw notFound('用户不存在');
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

  // Names of a region, department or unit inside the caller's scope, for administrators assigning scopes (they see
  // no finance data, so they have no cubes to look names up in).
  r.get('/scopes/lookup', ['users.manage', 'data.read'], async (c) => {
    const q = queryParams(c, z.object({ scope: scopeString }));
    const scope = parseScope(q.scope);
    if (!(await within(c.get('principal').scope, scope))) throw notFound('不在您的管理范围内');
    const [region] = await deps.db.query<{ mof_div_name: string; level: number }>('SELECT mof_div_name, level FROM region WHERE mof_div_code = $1', [scope.mofDivCode]);
    if (!region) throw notFound(`财政区划 ${scope.mofDivCode} 不存在`);
    let deptName: string | null = null;
    let agencyName: string | null = null;
    if (scope.kind === 'dept') {
      deptName = (await deps.db.query<{ dept_name: string }>('SELECT dept_name FROM agency WHERE mof_div_code = $1 AND dept_code = $2 LIMIT 1', [scope.mofDivCode, scope.deptCode]))[0]?.dept_name ?? null;
      if (!deptName) throw notFound(`${scope.mofDivCode} 下没有部门 ${scope.deptCode}`);
    }
    if (scope.kind === 'agency') {
      agencyName = (await deps.db.query<{ agency_name: string }>('SELECT agency_name FROM agency WHERE mof_div_code = $1 AND agency_code = $2', [scope.mofDivCode, scope.agencyCode]))[0]?.agency_name ?? null;
      if (!agencyName) throw notFound(`${scope.mofDivCode} 下没有单位 ${scope.agencyCode}`);
    }
    return c.json({ scope: scopeKey(scope), kind: scope.kind, mofDivName: region.mof_div_name, level: region.level, deptName, agencyName });
  });

  r.get('/users', 'users.manage', async (c) => {
    queryParams(c, z.object({}));
    const p = c.get('principal');
    const tree = await regionTree();
    const items = (await listUsers(deps.db)).filter((u) => scopeContains(p.scope, scopeOf(u), tree)).map(publicUser);
    return c.json({ items, total: items.length });
  });
  r.post('/users', 'users.manage', async (c) => {
    const body = await jsonBody(c, createBody);
    const p = c.get('principal');
    try {
      const scope = parseScope(body.scope);
      if (!(await within(p.scope, scope))) throw new ApiError(403, 'forbidden', '不能在自己的管理范围之外创建用户');
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
      if (scope && !(await within(p.scope, scope))) throw new ApiError(403, 'forbidden', '不能把用户范围设到自己的管理范围之外');
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
