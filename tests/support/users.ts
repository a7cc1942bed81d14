import type { Auth, Principal } from '../../api/src/auth/principal.ts';
import type { Scope } from '../../api/src/auth/scope.ts';
import { createUser } from '../../api/src/auth/users.ts';
import type { Role } from '../../api/src/auth/roles.ts';
import type { Queryable } from '../../api/src/db/types.ts';

/** A principal for tests that do not exercise sign-in. */
export function principal(roles: Role[], scope: Scope, username = `t_${roles.join('_')}`): Principal {
  return { userId: `t-${username}`, username, displayName: username, roles, scope, via: 'test' };
}

/** Test users, so route tests need no rewrite when sign-in changes. */
export const testUsers = {
  hqAnalyst: principal(['analyst'], { kind: 'region', mofDivCode: '660000000' }, 'hq_analyst'),
};

/** Authenticates every request as `p` (null: nobody signed in). */
export function testAuth(p: Principal | null = testUsers.hqAnalyst): Auth {
  return { authenticate: async () => p };
}

export const TEST_PASSWORD = 'Test-Passw0rd!';

/** Creates a real user (password TEST_PASSWORD) for sign-in tests. */
export async function addUser(db: Queryable, username: string, roles: Role[], scope: Scope, totpSecret?: string) {
  return createUser(db, { username, password: TEST_PASSWORD, roles, scope, totpSecret });
}
