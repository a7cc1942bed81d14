import { useState, type FormEvent } from 'react';
import { apiRequest, fieldErrors, unplacedError, type Me } from './api.ts';
import { Field, FormMessage } from './Field.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';
import { passwordAcceptable, passwordPolicyText } from './password-policy.ts';
import { forgetMe, loginHref } from './session.ts';

/** 修改密码: POST /api/auth/password. Success ends the session; the user signs in again with the new password. */
export function PasswordPage({ me }: { me: Me }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const username = me.user.username;

  if (me.user.via !== 'session') {
    return <FormMessage kind="info">当前是通过显示令牌或测试身份访问，不能在此修改密码。</FormMessage>;
  }
  if (done) {
    return (
      <section className="adm-card adm-narrow" aria-live="polite">
        <FormMessage kind="ok" testId="password-changed">
          密码已修改。为安全起见，当前会话已结束，请用新密码重新登录。
        </FormMessage>
        <p>
          <a className="adm-button adm-button-primary" href={loginHref()}>
            重新登录
          </a>
        </p>
      </section>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!current) local.currentPassword = '请填写当前密码';
    if (!passwordAcceptable(next, username)) local.newPassword = `新密码不符合要求：${passwordPolicyText}`;
    else if (next === current) local.newPassword = '新密码不能与当前密码相同';
    if (again !== next) local.confirm = '两次输入的新密码不一致';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await apiRequest('POST', '/api/auth/password', { currentPassword: current, newPassword: next }, { on401: 'throw' });
      forgetMe();
      setDone(true);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const general = unplacedError(errors, ['currentPassword', 'newPassword', 'confirm']);

  return (
    <section className="adm-card adm-narrow" aria-labelledby="password-title">
      <h2 id="password-title" className="adm-h2">
        修改 {me.user.displayName || username} 的密码
      </h2>
      <form className="adm-form" onSubmit={submit} noValidate data-testid="password-form">
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <Field label="当前密码" name="currentPassword" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.currentPassword} />
        <Field
          label="新密码"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.newPassword}
        >
          <PasswordChecklist password={next} username={username} />
        </Field>
        <Field label="再次输入新密码" name="confirm" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} error={errors.confirm} />
        {general ? <FormMessage kind="error">{general}</FormMessage> : null}
        <p className="adm-hint">修改成功后当前会话将结束，需要用新密码重新登录。</p>
        <div className="adm-form-actions">
          <button type="submit" className="adm-button adm-button-primary" disabled={busy}>
            {busy ? '正在修改…' : '修改密码'}
          </button>
        </div>
      </form>
    </section>
  );
}
