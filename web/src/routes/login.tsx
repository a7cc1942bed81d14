import { createRoute, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../data/api.ts';
import { useDataReload } from '../data/data-context.tsx';
import { validateLoginSearch } from './login-search.ts';
import { rootRoute } from './root.tsx';

/** 登录: POST /api/auth/login sets an HttpOnly session cookie; the data then loads for the user's scope. */
export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: LoginPage,
});

function LoginPage() {
  const { redirect } = loginRoute.useSearch();
  const navigate = useNavigate();
  const reload = useDataReload();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(needTotp ? { username, password, totp } : { username, password }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string } };
        throw new ApiError(body.error?.message ?? `登录失败（${res.status}）`, res.status, body.error?.field ?? body.error?.code ?? '');
      }
      reload();
      // A full path with its query: the router parses it against the target route's validateSearch.
      await navigate({ href: redirect ?? '/dashboards/execution', replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp') setNeedTotp(true);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page login-page">
      <form className="login" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">财政驾驶舱</h1>
        <p className="muted">请使用本人账号登录</p>
        <label className="control">
          <span className="control-label">用户名</span>
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="control">
          <span className="control-label">密码</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {needTotp ? (
          <label className="control">
            <span className="control-label">动态口令</span>
            <input name="totp" inputMode="numeric" pattern="\d{6}" autoComplete="one-time-code" required value={totp} onChange={(e) => setTotp(e.target.value)} />
          </label>
        ) : null}
        {error ? (
          <p className="login-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? '登录中…' : '登录'}
        </button>
      </form>
    </main>
  );
}
