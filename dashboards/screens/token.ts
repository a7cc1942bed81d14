/** A display token as issued and as it appears in a wall screen's URL: `fcd_` + 43 base64url characters (32 random bytes). */
export const DISPLAY_TOKEN = /^fcd_[A-Za-z0-9_-]{43}$/;

/** A display token as `GET /api/display-tokens` lists it: never the token itself or its hash. */
export interface DisplayTokenInfo {
  id: string;
  name: string;
  screen: string;
  scope: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}
