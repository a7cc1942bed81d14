import { createRoute, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiRequest, FieldApiError, messageOf } from '../admin/api.ts';
import { landingPath } from '../admin/roles.ts';
import { forgetMe, loadMe } from '../admin/session.ts';
import { useDataReload } from '../data/data-context.tsx';
import { validateLoginSearch } from './login-search.ts';
import { rootRoute } from './root.tsx';

/**
 * 登录: POST /api/auth/login sets an HttpOnly session cookie. When the account needs a 动态口令 the server answers
 * 401 with `field: 'totp'` and the field appears; 429 means locked or throttled. Afterwards the user returns to
 * `redirect`, or to the first page their role opens.
 */
export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: validateLoginSearch,
  component: LoginPage,
});

type LoginError = { kind: 'credentials' | 'totp' | 'locked' | 'other'; message: string };

function LoginPage() {
  const { redirect } = loginRoute.useSearch();
  const navigate = useNavigate();
  const reload = useDataReload();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = '登录 · 财政驾驶舱';
  }, []);
  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (needTotp && !/^\d{6}$/.test(totp.trim())) {
      setError({ kind: 'totp', message: '动态口令为 6 位数字' });
      totpRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = needTotp ? { username: username.trim(), password, totp: totp.trim() } : { username: username.trim(), password };
      await apiRequest('POST', '/api/auth/login', body, { on401: 'throw' });
      forgetMe();
      const me = await loadMe().catch(() => null);
      reload();
      // A full path with its query: the router parses it against the target route's validateSearch.
      await navigate({ href: redirect ?? landingPath(me?.actions ?? ['data.read']), replace: true });
    } catch (err) {
      if (err instanceof FieldApiError && err.field === 'totp') {
        setNeedTotp(true);
        setError({ kind: 'totp', message: needTotp ? err.message : '该账号需要动态口令：请输入身份验证器上的 6 位数字' });
      } else if (err instanceof FieldApiError && err.status === 429) {
        setError({ kind: 'locked', message: err.message });
      } else if (err instanceof FieldApiError && err.status === 401) {
        // The server does not say which of the three was wrong.
        setError({ kind: 'credentials', message: needTotp ? '用户名、密码或动态口令错误（动态口令每 30 秒更新，请输入当前显示的数字）' : err.message });
        setTotp('');
      } else {
        setError({ kind: 'other', message: `无法登录：${messageOf(err)}` });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page login-page">
      <form className="login" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">财政驾驶舱</h1>
        <p className="muted">{redirect ? '登录已过期或尚未登录，登录后返回原页面' : '请使用本人账号登录'}</p>
        <label className="control">
          <span className="control-label">用户名</span>
          <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="control">
          <span className="control-label">密码</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {needTotp ? (
          <div className="control">
            <label className="control-label" htmlFor="login-totp">
              动态口令
            </label>
            <input
              ref={totpRef}
              id="login-totp"
              name="totp"
              inputMode="numeric"
              pattern="\d{6}"
              maxLength={6}
              autoComplete="one-time-code"
              required
              aria-describedby="login-totp-hint"
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
            />
            <span id="login-totp-hint" className="adm-hint">
              身份验证器上显示的 6 位数字，每 30 秒更新
            </span>
          </div>
        ) : null}
        {error ? (
          <p className={`login-error${error.kind === 'locked' ? ' adm-login-locked' : ''}`} role="alert" data-testid="login-error" data-kind={error.kind}>
            {error.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? '登录中…' : '登录'}
        </button>
      </form>
    </main>
  );
}
