import type { Queryable } from '../db/types.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { isRole, totpRequired, type Role } from './roles.ts';
import { scopeKey, type Scope } from './scope.ts';

export interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  scope_mof_div_code: string;
  scope_dept_code: string | null;
  scope_agency_code: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  disabled: boolean;
  failed_logins: number;
  locked_until: string | null;
}

/** A user as shown to administrators and to the user: never the hash or the TOTP secret. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  scope: string;
  totpEnabled: boolean;
  totpRequired: boolean;
  disabled: boolean;
  lockedUntil: string | null;
}

export class UserError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

export function scopeOf(u: Pick<UserRow, 'scope_mof_div_code' | 'scope_dept_code' | 'scope_agency_code'>): Scope {
  if (u.scope_agency_code) return { kind: 'agency', mofDivCode: u.scope_mof_div_code, agencyCode: u.scope_agency_code };
  if (u.scope_dept_code) return { kind: 'dept', mofDivCode: u.scope_mof_div_code, deptCode: u.scope_dept_code };
  return { kind: 'region', mofDivCode: u.scope_mof_div_code };
}

export function publicUser(u: UserRow): PublicUser {
  return {
    id: String(u.user_id),
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    scope: scopeKey(scopeOf(u)),
    totpEnabled: u.totp_enabled,
    totpRequired: needsTotp(u.roles),
    disabled: u.disabled,
    lockedUntil: u.locked_until,
  };
}

export const needsTotp = (roles: readonly string[]) => roles.some((r) => (totpRequired as readonly string[]).includes(r));

export function parseRoles(s: string | string[]): Role[] {
  const list = (Array.isArray(s) ? s : s.split(',')).map((r) => r.trim()).filter(Boolean);
  if (list.length === 0) throw new UserError('至少需要一个角色', 'roles');
  for (const r of list) if (!isRole(r)) throw new UserError(`未知角色：${r}（可选 admin, auditor, leader, analyst, viewer）`, 'roles');
  return [...new Set(list)] as Role[];
}

/** Checks that a scope names an existing region, department or unit. */
export async function checkScope(db: Queryable, scope: Scope): Promise<void> {
  const region = await db.query('SELECT 1 FROM region WHERE mof_div_code = $1', [scope.mofDivCode]);
  if (region.length === 0) throw new UserError(`财政区划 ${scope.mofDivCode} 不存在`, 'scope');
  if (scope.kind === 'dept') {
    const d = await db.query('SELECT 1 FROM agency WHERE mof_div_code = $1 AND dept_code = $2 LIMIT 1', [scope.mofDivCode, scope.deptCode]);
    if (d.length === 0) throw new UserError(`${scope.mofDivCode} 下没有部门 ${scope.deptCode}`, 'scope');
  }
  if (scope.kind === 'agency') {
    const a = await db.query('SELECT 1 FROM agency WHERE mof_div_code = $1 AND agency_code = $2', [scope.mofDivCode, scope.agencyCode]);
    if (a.length === 0) throw new UserError(`${scope.mofDivCode} 下没有单位 ${scope.agencyCode}`, 'scope');
  }
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: Role[];
  scope: Scope;
  totpSecret?: string | null;
}

export async function createUser(db: Queryable, u: NewUser): Promise<UserRow> {
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(u.username)) throw new UserError('用户名为 3–40 位字母、数字、下划线、点或连字符', 'username');
  const problem = passwordProblem(u.password, u.username);
  if (problem) throw new UserError(problem, 'password');
  await checkScope(db, u.scope);
  const exists = await db.query('SELECT 1 FROM app_user WHERE username = $1', [u.username]);
  if (exists.length) throw new UserError(`用户名 ${u.username} 已存在`, 'username');
  const rows = await db.query<UserRow>(
    `INSERT INTO app_user (username, display_name, password_hash, roles, scope_mof_div_code, scope_dept_code, scope_agency_code, totp_secret, totp_enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      u.username, u.displayName ?? u.username, await hashPassword(u.password), u.roles, u.scope.mofDivCode,
      u.scope.kind === 'dept' ? u.scope.deptCode : null, u.scope.kind === 'agency' ? u.scope.agencyCode : null,
      u.totpSecret ?? null, Boolean(u.totpSecret),
    ],
  );
  return rows[0];
}

export async function findUser(db: Queryable, by: { username?: string; id?: string }): Promise<UserRow | null> {
  const rows = by.id
    ? await db.query<UserRow>('SELECT * FROM app_user WHERE user_id = $1', [by.id])
    : await db.query<UserRow>('SELECT * FROM app_user WHERE username = $1', [by.username]);
  return rows[0] ?? null;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return db.query<UserRow>('SELECT * FROM app_user ORDER BY username');
}

/** Every change to a user ends their sessions except when only `lockedUntil`/failures change. */
export async function updateUser(
  db: Queryable,
  id: string,
  change: { roles?: Role[]; scope?: Scope; disabled?: boolean; password?: string; totpSecret?: string | null; displayName?: string },
): Promise<UserRow> {
  const user = await findUser(db, { id });
  if (!user) throw new UserError('用户不存在', 'id');
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (col: string, v: unknown) => {
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  };
  if (change.roles) set('roles', change.roles);
  if (change.displayName !== undefined) set('display_name', change.displayName);
  if (change.scope) {
    await checkScope(db, change.scope);
    set('scope_mof_div_code', change.scope.mofDivCode);
    set('scope_dept_code', change.scope.kind === 'dept' ? change.scope.deptCode : null);
    set('scope_agency_code', change.scope.kind === 'agency' ? change.scope.agencyCode : null);
  }
  if (change.disabled !== undefined) set('disabled', change.disabled);
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password, user.username);
    if (problem) throw new UserError(problem, 'password');
    set('password_hash', await hashPassword(change.password));
    set('password_changed_at', new Date().toISOString());
    set('failed_logins', 0);
    set('locked_until', null);
  }
  if (change.totpSecret !== undefined) {
    set('totp_secret', change.totpSecret);
    set('totp_enabled', Boolean(change.totpSecret));
  }
  if (sets.length === 0) return user;
  const rows = await db.query<UserRow>(`UPDATE app_user SET ${sets.join(', ')} WHERE user_id = $1 RETURNING *`, params);
  // Roles, scope, password or status changed: existing sessions end.
  await db.query('UPDATE app_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
  return rows[0];
}
