import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app.ts';
import { verifyPassword } from '../auth/password.ts';
import { actions, can, type Action } from '../auth/roles.ts';
import { scopeKey } from '../auth/scope.ts';
import { SESSION_COOKIE, clientAddress } from '../auth/sessions.ts';
import { findUser, publicUser, updateUser, UserError } from '../auth/users.ts';
import { ApiError, badRequest } from '../errors.ts';
import { securedRoutes } from '../middleware/guard.ts';
import { jsonBody } from '../middleware/validate.ts';

const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/, '动态口令为 6 位数字').optional(),
}).strict();

const passwordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }).strict();

/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`, `POST /api/auth/password`. */
export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const r = securedRoutes(app, deps);
  r.post('/auth/login', 'public', async (c) => {
    const body = await jsonBody(c, loginBody);
    const { token, user, maxAgeSeconds } = await deps.sessions.login(body, clientAddress(c));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: maxAgeSeconds,
    });
    return c.json({ user });
  });
  r.post('/auth/logout', 'public', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const p = token ? await deps.sessions.bySession(token) : null;
    await deps.sessions.logout(token);
    if (p) await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'auth.logout', address: clientAddress(c) });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });
  r.get('/auth/me', 'session', async (c) => {
    const p = c.get('principal');
    const allowed = (Object.keys(actions) as Action[]).filter((a) => can(p.roles, a));
    const names = await deps.db.query<{ mof_div_name: string }>('SELECT mof_div_name FROM region WHERE mof_div_code = $1', [p.scope.mofDivCode]);
    const idle = deps.sessions.config.idleMinutes;
    return c.json({
      user: { id: p.userId, username: p.username, displayName: p.displayName, roles: p.roles, scope: scopeKey(p.scope), scopeKind: p.scope.kind, scopeName: names[0]?.mof_div_name ?? null, via: p.via },
      actions: allowed,
      session: { idleMinutes: idle },
    });
  });
  r.post('/auth/password', 'session', async (c) => {
    const p = c.get('principal');
    if (p.via !== 'session') throw new ApiError(403, 'forbidden', '显示令牌不能修改密码');
    const body = await jsonBody(c, passwordBody);
    const user = await findUser(deps.db, { id: p.userId });
    if (!user || !(await verifyPassword(body.currentPassword, user.password_hash))) throw badRequest('当前密码不正确', 'currentPassword');
    try {
      await updateUser(deps.db, p.userId, { password: body.newPassword });
    } catch (e) {
      if (e instanceof UserError) throw badRequest(e.message, e.field === 'password' ? 'newPassword' : e.field);
      throw e;
    }
    deps.sessions.forgetUser(p.userId);
    await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'user.password_change', target: p.username, address: clientAddress(c) });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true, user: publicUser((await findUser(deps.db, { id: p.userId }))!) });
  });
  return { app, policies: r.policies };
}
