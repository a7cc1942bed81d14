import type { Auth, Principal } from '../../api/src/auth/principal.ts';

/** Test users, so route tests need no rewrite when sign-in arrives. */
export const testUsers = {
  hqAnalyst: { userId: 't-hq', username: 'hq_analyst', roles: ['analyst'], scope: { kind: 'all' } } satisfies Principal,
};

/** Authenticates every request as `principal` (null: nobody signed in). */
export function testAuth(principal: Principal | null = testUsers.hqAnalyst): Auth {
  return { authenticate: async () => principal };
}
