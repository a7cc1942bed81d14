import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { DISPLAY_TOKEN, type DisplayTokenInfo } from '../../../dashboards/screens/token.ts';
import type { AuditLog } from '../audit/log.ts';
import type { Db } from '../db/types.ts';
import type { Auth, Principal } from './principal.ts';
import { scopeKey, type Scope } from './scope.ts';
import { clientAddress } from './sessions.ts';

/** The cookie a wall screen holds after exchanging its token (the URL carries the token itself). */
export const DISPLAY_COOKIE = 'fc_display';
/** A display token reads data only: the viewer role, never details, exports or anything else. */
export const DISPLAY_ROLES = ['viewer'] as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface DisplayTokenRow {
  token_id: string;
  name: string;
  screen: string;
  scope_mof_div_code: string;
  scope_dept_code: string | null;
  scope_agency_code: string | null;
  created_by: string;
  created_at: string | Date;
  expires_at: string | Date | null;
  revoked_at: string | Date | null;
  revoked_by: string | null;
  last_used_at: string | Date | null;
}


export function tokenScope(r: Pick<DisplayTokenRow, 'scope_mof_div_code' | 'scope_dept_code' | 'scope_agency_code'>): Scope {
  if (r.scope_agency_code) return { kind: 'agency', mofDivCode: r.scope_mof_div_code, agencyCode: r.scope_agency_code };
  if (r.scope_dept_code) return { kind: 'dept', mofDivCode: r.scope_mof_div_code, deptCode: r.scope_dept_code };
  return { kind: 'region', mofDivCode: r.scope_mof_div_code };
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** Who a token acts as, on its principal and in the audit log. */
const actor = (r: DisplayTokenRow) => ({ userId: `display:${r.token_id}`, username: `display:${r.name}`.slice(0, 64) });

type Cached = { principal: Principal | null; row: DisplayTokenRow | null; checkedAt: number };

/**
 * Display tokens: issued by an administrator (tokens.manage) for one scope, exchanged by a wall screen for a
 * read-only principal (role viewer: data.read only), revoked at any time. Only the SHA-256 of a token is stored.
 * A verified token is trusted from memory for `cacheMs`; revoking in this process forgets it at once.
 */
export class DisplayTokenService implements Auth {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
    private readonly cacheMs = 5_000,
  ) {}

  static publicOf(r: DisplayTokenRow, now: Date): DisplayTokenInfo {
    const expired = r.expires_at !== null && new Date(r.expires_at).getTime() <= now.getTime();
    return {
      id: String(r.token_id),
      name: r.name,
      screen: r.screen,
      scope: scopeKey(tokenScope(r)),
      createdBy: r.created_by,
      createdAt: iso(r.created_at)!,
      expiresAt: iso(r.expires_at),
      revokedAt: iso(r.revoked_at),
      lastUsedAt: iso(r.last_used_at),
      status: r.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
    };
  }

  /** Creates a token; the plain token is returned once and never stored. */
  async issue(input: { name: string; screen: string; scope: Scope; createdBy: string; expiresAt: Date | null }): Promise<{ token: string; row: DisplayTokenRow }> {
    const token = `fcd_${randomBytes(32).toString('base64url')}`;
    const s = input.scope;
    const rows = await this.db.query<DisplayTokenRow>(
      `INSERT INTO display_token (token_hash, name, screen, scope_mof_div_code, scope_dept_code, scope_agency_code, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        hashToken(token), input.name, input.screen, s.mofDivCode, s.kind === 'dept' ? s.deptCode : null, s.kind === 'agency' ? s.agencyCode : null,
        input.createdBy, this.clock().toISOString(), input.expiresAt ? input.expiresAt.toISOString() : null,
      ],
    );
    return { token, row: rows[0] };
  }

  async list(): Promise<DisplayTokenRow[]> {
    return this.db.query<DisplayTokenRow>('SELECT * FROM display_token ORDER BY token_id DESC');
  }

  async find(id: string): Promise<DisplayTokenRow | null> {
    return (await this.db.query<DisplayTokenRow>('SELECT * FROM display_token WHERE token_id = $1', [id]))[0] ?? null;
  }

  /** Revokes a token (idempotent: the first revocation's time and author stay). */
  async revoke(id: string, by: string): Promise<DisplayTokenRow | null> {
    await this.db.query('UPDATE display_token SET revoked_at = $2, revoked_by = $3 WHERE token_id = $1 AND revoked_at IS NULL', [id, this.clock().toISOString(), by]);
    for (const [k, v] of this.cache) if (v.row && String(v.row.token_id) === id) this.cache.delete(k);
    return this.find(id);
  }

  /** The principal of a token, or null (unknown, revoked, expired); `row` is the token's row when it exists. */
  async verify(token: string): Promise<{ principal: Principal | null; row: DisplayTokenRow | null }> {
    if (!DISPLAY_TOKEN.test(token)) return { principal: null, row: null };
    const key = hashToken(token);
    const now = this.clock().getTime();
    let hit = this.cache.get(key);
    if (!hit || now - hit.checkedAt > this.cacheMs) {
      const row = (await this.db.query<DisplayTokenRow>('SELECT * FROM display_token WHERE token_hash = $1', [key]))[0] ?? null;
      const usable = row && !row.revoked_at && (row.expires_at === null || new Date(row.expires_at).getTime() > now);
      const principal: Principal | null = usable
        ? { ...actor(row), displayName: row.name, roles: [...DISPLAY_ROLES], scope: tokenScope(row), via: 'display_token' }
        : null;
      if (usable && (!row.last_used_at || now - new Date(row.last_used_at).getTime() > 60_000)) {
        await this.db.query('UPDATE display_token SET last_used_at = $2 WHERE token_id = $1', [row.token_id, new Date(now).toISOString()]);
      }
      hit = { principal, row, checkedAt: now };
      this.cache.set(key, hit);
      if (this.cache.size > 10_000) this.cache.clear();
    }
    if (hit.principal && hit.row?.expires_at && new Date(hit.row.expires_at).getTime() <= now) return { principal: null, row: hit.row };
    return hit;
  }

  /** A wall screen's requests: the exchanged cookie, or `Authorization: Bearer fcd_…`. */
  async authenticate(c: Context): Promise<Principal | null> {
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const token = bearer && DISPLAY_TOKEN.test(bearer) ? bearer : getCookie(c, DISPLAY_COOKIE);
    if (!token) return null;
    const { principal, row } = await this.verify(token);
    if (!principal && row) await this.auditDenied(row, `${c.req.method} ${c.req.path}`.slice(0, 200), clientAddress(c));
    return principal;
  }

  /** A known but revoked or expired token still knocking: worth a line in the log. */
  async auditDenied(row: DisplayTokenRow, target: string, address: string): Promise<void> {
    await this.audit.append({ ...actor(row), scope: scopeKey(tokenScope(row)), action: 'display_token.use', target, address, outcome: 'denied', detail: { reason: row.revoked_at ? 'revoked' : 'expired' } });
  }
}
