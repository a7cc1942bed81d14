import { useEffect, useState } from 'react';
import { fetchJson } from '../data/api.ts';
import { currentPath } from './DataGate.tsx';

interface Me {
  user: { username: string; displayName?: string | null; scopeName: string | null; via?: string };
}

/** Who is signed in (name and scope) and 退出登录. Shows nothing when the server has no session for us. */
export function UserMenu() {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchJson<Me>('/api/auth/me', abort.signal).then(setMe, () => setMe(null));
    return () => abort.abort();
  }, []);
  if (!me) return null;
  const logout = async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { accept: 'application/json' } }).catch(() => undefined);
    // A full reload: the DuckDB tables of this user's scope must not outlive the session.
    window.location.assign(`/login?redirect=${encodeURIComponent(currentPath())}`);
  };
  return (
    <div className="user-menu" data-testid="user-menu">
      <span>{me.user.displayName || me.user.username}</span>
      {me.user.scopeName ? <span className="muted">（{me.user.scopeName}）</span> : null}
      {me.user.via === 'session' ? (
        <button type="button" className="link-button" onClick={logout}>
          退出登录
        </button>
      ) : null}
    </div>
  );
}
