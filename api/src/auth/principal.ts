import type { Context } from 'hono';
import type { Scope } from './scope.ts';

/** Who is asking, and what part of the hierarchy they may see. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  scope: Scope;
  /** How the caller authenticated: a person's session, or a wall screen's display token. */
  via: 'session' | 'display_token' | 'test';
}

/** Identifies the caller of a request (null: nobody signed in). */
export interface Auth {
  authenticate(c: Context): Promise<Principal | null>;
}
