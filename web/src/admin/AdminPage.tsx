import { Link } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { UserMenu } from '../components/UserMenu.tsx';
import type { Me } from './api.ts';
import { linksFor } from './roles.ts';
import { redirectToLogin, useMe } from './session.ts';

/**
 * The frame of the administration pages: title, navigation by the user's actions, the user menu; and the gate in
 * front of the content: signed in (else to /login and back), allowed (`action`), or a clear message why not.
 */
export function AdminPage({ title, action, children }: { title: string; action?: string; children: (me: Me) => ReactNode }) {
  const state = useMe();
  useEffect(() => {
    if (state.status === 'signed-out') redirectToLogin();
  }, [state.status]);
  useEffect(() => {
    document.title = `${title} · 财政驾驶舱`;
  }, [title]);
  const me = state.status === 'ready' ? state.me : null;
  return (
    <main className="page adm-page">
      <header className="page-head adm-head">
        <div>
          <h1>{title}</h1>
          {me ? <AdminNav actions={me.actions} /> : null}
        </div>
        <UserMenu />
      </header>
      {state.status === 'loading' || state.status === 'signed-out' ? (
        <div className="gate" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <p>{state.status === 'loading' ? '正在加载…' : '请先登录，正在前往登录页…'}</p>
        </div>
      ) : state.status === 'error' ? (
        <div className="gate gate-error" role="alert">
          <p>{state.message}</p>
        </div>
      ) : action && !state.me.actions.includes(action) ? (
        <div className="gate" role="alert" data-testid="admin-forbidden">
          <p>当前账号无权访问此页面</p>
          <p className="muted">需要相应角色的权限，请联系系统管理员。</p>
        </div>
      ) : (
        children(state.me)
      )}
    </main>
  );
}

function AdminNav({ actions }: { actions: readonly string[] }) {
  const links = linksFor(actions);
  return (
    <nav className="adm-nav" aria-label="管理功能">
      {actions.includes('data.read') ? <Link to="/dashboards/execution">预算执行分析</Link> : null}
      {links.map((l) => (
        <Link key={l.to} to={l.to} activeProps={{ 'aria-current': 'page', className: 'adm-nav-active' }}>
          {l.label}
        </Link>
      ))}
      <Link to="/account/password" activeProps={{ 'aria-current': 'page', className: 'adm-nav-active' }}>
        修改密码
      </Link>
    </nav>
  );
}
