import type { Context } from 'hono';

/** Who is asking, and what part of the hierarchy they may see (DOMAIN.md "scope"). */
export interface Principal {
  userId: string;
  username: string;
  roles: string[];
  scope:
    | { kind: 'all' }
    | { kind: 'region'; mofDivCode: string }
    | { kind: 'dept'; mofDivCode: string; deptCode: string }
    | { kind: 'agency'; mofDivCode: string; agencyCode: string };
}

/**
 * Identifies the caller of a request. The sign-in issue replaces the pass-through with sessions; routes already go
 * through this dependency, so they need no rewrite.
 */
export interface Auth {
  authenticate(c: Context): Promise<Principal | null>;
}

/** Everyone is an unrestricted analyst: the state before sign-in exists. */
export const passThroughAuth: Auth = {
  authenticate: async () => ({ userId: 'local', username: 'local', roles: ['analyst'], scope: { kind: 'all' } }),
};
