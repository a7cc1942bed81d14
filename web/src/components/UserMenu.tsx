import { clearResults } from '../data/result-cache.ts';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useDataState } from '../data/data-context.tsx';
import { describeScope } from '../admin/scope.ts';
import { linksFor, rolesText } from '../admin/roles.ts';
import { forgetMe, loadMe, redirectToLogin, useMe } from '../admin/session.ts';
import { currentPath } from './DataGate.tsx';

/**
 * Who is signed in — name, roles, scope — with 修改密码, the administration pages the user's actions open, and
 * 退出登录. When the session has ended (the server says 401 to /api/auth/me or to the data), it sends the browser to
 * the sign-in page and back; it checks again when the tab becomes visible after a while away.
 */
export function UserMenu() {
  const state = useMe();
  const data = useDataState();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (state.status === 'signed-out' || data.phase === 'unauthorized') redirectToLogin();
  }, [state.status, data.phase]);

  useEffect(() => {
    let checked = Date.now();
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || Date.now() - checked < 60_000) return;
      checked = Date.now();
      forgetMe();
      loadMe().then((me) => (me ? undefined : redirectToLogin()), () => undefined);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (state.status !== 'ready') return null;
  const { user, actions } = state.me;
  const name = user.displayName || user.username;
  const scope = describeScope(user.scope, { region: user.scopeName });
  const signedIn = user.via === 'session';

  const logout = async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { accept: 'application/json' } }).catch(() => undefined);
    await clearResults(); // the kept query results of this user's scope stay in no browser after sign-out
    forgetMe();
    // A full reload: the DuckDB tables of this user's scope must not outlive the session.
    window.location.assign(`/login?redirect=${encodeURIComponent(currentPath())}`);
  };

  return (
    <div className="user-menu adm-user-menu" data-testid="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="adm-user-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu-button"
      >
        <span className="adm-avatar" aria-hidden="true">
          {name.slice(0, 1)}
        </span>
        <span data-testid="user-name">{name}</span>
        <span className="muted adm-user-scope">{user.scopeName ?? user.scope}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="adm-user-panel" hidden={!open} data-testid="user-menu-panel">
        <dl className="adm-user-facts">
          <dt>账号</dt>
          <dd>{user.username}</dd>
          <dt>角色</dt>
          <dd data-testid="user-roles">{rolesText(user.roles) || '—'}</dd>
          <dt>范围</dt>
          <dd data-testid="user-scope">{scope}</dd>
        </dl>
        <ul className="adm-user-links">
          {signedIn ? (
            <li>
              <Link to="/account/password" onClick={() => setOpen(false)}>
                修改密码
              </Link>
            </li>
          ) : null}
          {linksFor(actions).map((l) => (
            <li key={l.to}>
              <Link to={l.to} onClick={() => setOpen(false)}>
                {l.label}
              </Link>
            </li>
          ))}
          {actions.includes('data.read') ? (
            <li>
              <Link to="/dashboards/execution" onClick={() => setOpen(false)}>
                预算执行分析
              </Link>
            </li>
          ) : null}
        </ul>
        {signedIn ? (
          <button type="button" className="adm-logout" onClick={logout} data-testid="logout">
            退出登录
          </button>
        ) : null}
      </div>
    </div>
  );
}
