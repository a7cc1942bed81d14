import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app.ts';
import { can, type Action } from '../auth/roles.ts';
import { scopeKey } from '../auth/scope.ts';
import { clientAddress } from '../auth/sessions.ts';
import { ApiError } from '../errors.ts';

/** What a route requires: nothing, any signed-in user, or a role that allows an action (or any of several). */
export type Policy = 'public' | 'session' | Action | readonly Action[];

export interface RoutePolicy {
  method: string;
  path: string;
  policy: Policy;
}

/** Whether roles satisfy a (non-public) policy. */
export function policyAllows(policy: Policy, roles: readonly string[]): boolean {
  if (policy === 'public' || policy === 'session') return true;
  return Array.isArray(policy) ? policy.some((a) => can(roles, a)) : can(roles, policy as Action);
}

/** 401 without a principal, 403 (audited) when no role of the principal allows the action. */
export function guard(deps: AppDeps, policy: Policy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (policy !== 'public') {
      const p = await deps.auth.authenticate(c);
      if (!p) throw new ApiError(401, 'unauthorized', '请先登录');
      if (!policyAllows(policy, p.roles)) {
        await deps.audit.append({ userId: p.userId, username: p.username, scope: scopeKey(p.scope), action: 'access.denied', target: `${c.req.method} ${c.req.path}`.slice(0, 200), address: clientAddress(c), outcome: 'denied', detail: { need: policy } });
        throw new ApiError(403, 'forbidden', '当前角色无权执行此操作');
      }
      c.set('principal', p);
    }
    await next();
  };
}

/** A router that records each route's policy beside it, so tests can check that no route escapes its guard. */
export function securedRoutes(app: Hono<AppEnv>, deps: AppDeps, prefix = '/api') {
  const policies: RoutePolicy[] = [];
  const add = (method: string, path: string, policy: Policy, handler: Handler<AppEnv>) => {
    policies.push({ method, path: prefix + path, policy });
    app.on(method, path, guard(deps, policy), handler);
  };
  return {
    policies,
    get: (path: string, policy: Policy, h: Handler<AppEnv>) => add('GET', path, policy, h),
    post: (path: string, policy: Policy, h: Handler<AppEnv>) => add('POST', path, policy, h),
    patch: (path: string, policy: Policy, h: Handler<AppEnv>) => add('PATCH', path, policy, h),
    put: (path: string, policy: Policy, h: Handler<AppEnv>) => add('PUT', path, policy, h),
    delete: (path: string, policy: Policy, h: Handler<AppEnv>) => add('DELETE', path, policy, h),
  };
}
