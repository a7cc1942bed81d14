import type { PublicUser } from './api.ts';
import { parseInstant } from './china-time.ts';
import { rolesText } from './roles.ts';

/** `/admin/users?q=` */
export interface UsersSearch {
  q?: string;
}

export function validateUsersSearch(raw: Record<string, unknown>): UsersSearch {
  const q = typeof raw.q === 'string' ? raw.q.trim().slice(0, 60) : typeof raw.q === 'number' ? String(raw.q) : '';
  return { q: q || undefined };
}

/** Every word of the filter must occur in the user's name, account, scope, roles (in Chinese or as ids) or status. */
export function filterUsers(users: readonly PublicUser[], q: string | undefined): PublicUser[] {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...users];
  return users.filter((u) => {
    const hay = [u.username, u.displayName, u.scope, rolesText(u.roles), u.roles.join(' '), statusText(u)].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** 正常 / 已停用 / 已锁定 (a lock in the future at `now`). */
export function statusText(u: Pick<PublicUser, 'disabled' | 'lockedUntil'>, now = Date.now()): '正常' | '已停用' | '已锁定' {
  if (u.disabled) return '已停用';
  const lock = parseInstant(u.lockedUntil);
  if (lock && lock.getTime() > now) return '已锁定';
  return '正常';
}
