import { useId, useState, type FormEvent } from 'react';
import { apiRequest, fieldErrors, unplacedError, type PublicUser } from './api.ts';
import { CopyButton } from './CopyButton.tsx';
import { Dialog } from './Dialog.tsx';
import { Field, FormMessage } from './Field.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';

/**
 * 重置密码: POST /api/users/:id/password. Without a password the server generates one and returns it once; it is
 * shown here until the dialog closes and is never kept anywhere else.
 */
export function ResetPasswordDialog({ user, onClose, onDone }: { user: PublicUser; onClose: () => void; onDone: (u: PublicUser) => void }) {
  const [mode, setMode] = useState<'generate' | 'set'>('generate');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<{ password?: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const outputId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    try {
      const body = mode === 'set' ? { password } : {};
      const r = await apiRequest<{ user: PublicUser; password?: string }>('POST', `/api/users/${encodeURIComponent(user.id)}/password`, body);
      setResult({ password: r.password });
      onDone(r.user);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const general = unplacedError(errors, ['password']);

  return (
    <Dialog title={`重置密码：${user.displayName}（${user.username}）`} onClose={onClose} testId="reset-password-dialog">
      {result ? (
        <div className="adm-form">
          {result.password ? (
            <>
              <FormMessage kind="ok">密码已重置。新密码只显示这一次，关闭后无法再查看，请立即交给用户本人。</FormMessage>
              <div className="adm-field">
                <label className="adm-label" htmlFor={outputId}>
                  新密码
                </label>
                <div className="adm-secret-row">
                  <input id={outputId} className="adm-input adm-mono" readOnly value={result.password} data-testid="generated-password" onFocus={(e) => e.target.select()} />
                  <CopyButton value={result.password} targetId={outputId} />
                </div>
              </div>
            </>
          ) : (
            <FormMessage kind="ok">密码已按所填内容重置。</FormMessage>
          )}
          <p className="adm-hint">该用户的现有会话已结束；失败次数与锁定已清除。</p>
          <div className="adm-form-actions">
            <button type="button" className="adm-button adm-button-primary" onClick={onClose}>
              完成
            </button>
          </div>
        </div>
      ) : (
        <form className="adm-form" onSubmit={submit} noValidate>
          <fieldset className="adm-fieldset">
            <legend className="adm-label">新密码</legend>
            <label className="adm-check">
              <input type="radio" name="mode" checked={mode === 'generate'} onChange={() => setMode('generate')} />
              <span>由系统随机生成（推荐，只显示一次）</span>
            </label>
            <label className="adm-check">
              <input type="radio" name="mode" checked={mode === 'set'} onChange={() => setMode('set')} />
              <span>由我指定</span>
            </label>
          </fieldset>
          {mode === 'set' ? (
            <Field
              label="指定的新密码"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
                  error={errors.password}
            >
              <PasswordChecklist password={password} username={user.username} />
            </Field>
          ) : null}
          {general ? <FormMessage kind="error">{general}</FormMessage> : null}
          <div className="adm-form-actions">
            <button type="submit" className="adm-button adm-button-primary" disabled={busy}>
              {busy ? '正在重置…' : '重置密码'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
