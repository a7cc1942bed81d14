import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuditLog } from '../audit/log.ts';
import type { Db } from '../db/types.ts';
import { ApiError } from '../errors.ts';
import { verifyPassword } from './password.ts';
import type { Auth, Principal } from './principal.ts';
import { scopeKey } from './scope.ts';
import { verifyTotp } from './totp.ts';
import { needsTotp, publicUser, scopeOf, type PublicUser, type UserRow } from './users.ts';

export const SESSION_COOKIE = 'fc_session';

export interface SessionConfig {
  idleMinutes: number;
  absoluteHours: number;
  /** How long a verified session is trusted from memory before the database is asked again. */
  cacheMs: number;
  maxFailures: number;
  lockMinutes: number;
  /** Login attempts per address per minute. */
  loginsPerMinute: number;
}

export const defaultSessionConfig: SessionConfig = { idleMinutes: 30, absoluteHours: 12, cacheMs: 5_000, maxFailures: 5, lockMinutes: 15, loginsPerMinute: 20 };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type Cached = { principal: Principal; userId: string; createdAt: number; lastSeen: number; lastSeenWritten: number; expiresAt: number; checkedAt: number };

/** The caller's network address as the server saw it (never a client-supplied header). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

function principalOf(u: UserRow): Principal {
  return { userId: String(u.user_id), username: u.username, displayName: u.display_name, roles: u.roles, scope: scopeOf(u), via: 'session' };
}

/**
 * Database-backed sessions (so several API processes share them) with a short in-process cache, idle and absolute
 * timeouts, account lockout after repeated failures and a per-address login rate limit. All times come from `clock`.
 */
export class SessionService implements Auth {
  private readonly cache = new Map<string, Cached>();
  private readonly attempts = new Map<string, number[]>();
  /** Other ways in (display tokens), tried when there is no session cookie. */
  readonly fallbacks: Auth[] = [];

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
    readonly config: SessionConfig = defaultSessionConfig,
  ) {}

  private now() {
    return this.clock().getTime();
  }

  /** Verifies credentials; on success creates a session and returns its token. */
  async login(input: { username: string; password: string; totp?: string }, address: string): Promise<{ token: string; user: PublicUser; maxAgeSeconds: number }> {
    this.throttle(address);
    const rows = await this.db.query<UserRow>('SELECT * FROM app_user WHERE username = $1', [input.username]);
    const user = rows[0];
    const fail = async (reason: string, message = '用户名或密码错误', status: 401 | 429 = 401) => {
      await this.audit.append({ userId: user?.user_id ?? null, username: input.username.slice(0, 64), action: 'auth.login', address, outcome: 'failed', detail: { reason } });
      throw new ApiError(status, status === 429 ? 'rate_limited' : 'unauthorized', message);
    };
    if (!user) {
      await verifyPassword(input.password, 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'); // same cost as a real check
      return fail('unknown_user');
    }
    if (user.disabled) return fail('disabled', '账户已停用，请联系管理员');
    if (user.locked_until && Date.parse(user.locked_until) > this.now()) return fail('locked', `账户已锁定，请于 ${this.config.lockMinutes} 分钟后再试`, 429);
    const passwordOk = await verifyPassword(input.password, user.password_hash);
    if (!passwordOk) return this.recordFailure(user, address, 'bad_password', fail);
    if (needsTotp(user.roles) || user.totp_enabled) {
      if (!user.totp_enabled || !user.totp_secret) return fail('totp_not_enrolled', '该账户须先登记动态口令（TOTP），请联系管理员');
      if (!input.totp) {
        await this.audit.append({ userId: user.user_id, username: user.username, action: 'auth.login', address, outcome: 'failed', detail: { reason: 'totp_missing' } });
        throw new ApiError(401, 'unauthorized', '请输入动态口令', 'totp');
      }
      const step = verifyTotp(user.totp_secret, user.username, input.totp, this.clock());
      if (step === null) return this.recordFailure(user, address, 'bad_totp', fail);
      // A code is good once: a step at or before the last one used is a replay.
      const taken = await this.db.query(
        'UPDATE app_user SET totp_last_step = $2 WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING user_id',
        [user.user_id, step],
      );
      if (taken.length === 0) return this.recordFailure(user, address, 'totp_replay', fail);
    }
    await this.db.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE user_id = $1', [user.user_id]);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.config.absoluteHours * 3600_000;
    await this.db.query(
      'INSERT INTO app_session (session_hash, user_id, created_at, last_seen_at, expires_at, address) VALUES ($1, $2, $3, $3, $4, $5)',
      [hashToken(token), user.user_id, new Date(now).toISOString(), new Date(expiresAt).toISOString(), address],
    );
    await this.audit.append({ userId: user.user_id, username: user.username, scope: scopeKey(scopeOf(user)), action: 'auth.login', address });
    return { token, user: publicUser(user), maxAgeSeconds: this.config.absoluteHours * 3600 };
  }

  private async recordFailure(user: UserRow, address: string, reason: string, fail: (reason: string, message?: string, status?: 401 | 429) => Promise<never>): Promise<never> {
    const failures = user.failed_logins + 1;
    const lock = failures >= this.config.maxFailures;
    await this.db.query('UPDATE app_user SET failed_logins = $2, locked_until = $3 WHERE user_id = $1', [
      user.user_id, lock ? 0 : failures, lock ? new Date(this.now() + this.config.lockMinutes * 60_000).toISOString() : null,
    ]);
    if (lock) {
      await this.audit.append({ userId: user.user_id, username: user.username, action: 'auth.lock', address, outcome: 'ok', detail: { failures } });
      return fail(reason, `连续 ${this.config.maxFailures} 次登录失败，账户已锁定 ${this.config.lockMinutes} 分钟`, 429);
    }
    return fail(reason);
  }

  private throttle(address: string) {
    const now = this.now();
    const recent = (this.attempts.get(address) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.config.loginsPerMinute) {
      this.attempts.set(address, recent);
      throw new ApiError(429, 'rate_limited', '登录尝试过于频繁，请稍后再试');
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) for (const [k, v] of this.attempts) if (v.every((t) => now - t >= 60_000)) this.attempts.delete(k);
  }

  async authenticate(c: Context): Promise<Principal | null> {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const p = await this.bySession(token);
      if (p) return p;
    }
    for (const f of this.fallbacks) {
      const p = await f.authenticate(c);
      if (p) return p;
    }
    return null;
  }

  /** The principal of a session token, or null when unknown, revoked, idle too long or past its absolute limit. */
  async bySession(token: string): Promise<Principal | null> {
    const key = hashToken(token);
    const now = this.now();
    const idleMs = this.config.idleMinutes * 60_000;
    let s = this.cache.get(key);
    if (!s || now - s.checkedAt > this.config.cacheMs) {
      const rows = await this.db.query<UserRow & { created_at: string; last_seen_at: string; expires_at: string; revoked_at: string | null }>(
        `SELECT u.*, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at FROM app_session s JOIN app_user u ON u.user_id = s.user_id WHERE s.session_hash = $1`,
        [key],
      );
      const r = rows[0];
      if (!r || r.revoked_at || r.disabled) {
        this.cache.delete(key);
        return null;
      }
      const lastSeen = Math.max(Date.parse(r.last_seen_at), s?.lastSeen ?? 0);
      s = { principal: principalOf(r), userId: String(r.user_id), createdAt: Date.parse(r.created_at), lastSeen, lastSeenWritten: Date.parse(r.last_seen_at), expiresAt: Date.parse(r.expires_at), checkedAt: now };
      this.cache.set(key, s);
    }
    if (now >= s.expiresAt || now - s.lastSeen > idleMs) {
      this.cache.delete(key);
      await this.db.query('UPDATE app_session SET revoked_at = $2 WHERE session_hash = $1 AND revoked_at IS NULL', [key, new Date(now).toISOString()]);
      return null;
    }
    s.lastSeen = now;
    if (now - s.lastSeenWritten > 60_000) {
      s.lastSeenWritten = now;
      await this.db.query('UPDATE app_session SET last_seen_at = $2 WHERE session_hash = $1', [key, new Date(now).toISOString()]);
    }
    return s.principal;
  }

  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const key = hashToken(token);
    this.cache.delete(key);
    await this.db.query('UPDATE app_session SET revoked_at = $2 WHERE session_hash = $1 AND revoked_at IS NULL', [key, new Date(this.now()).toISOString()]);
  }

  /** Forgets cached sessions of a user (after a role, scope, password or status change). */
  forgetUser(userId: string): void {
    for (const [k, v] of this.cache) if (v.userId === userId) this.cache.delete(k);
  }
}
