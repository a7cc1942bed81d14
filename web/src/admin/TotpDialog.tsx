import { useId, useState } from 'react';
import { apiRequest, messageOf, type PublicUser, type TotpEnrolment } from './api.ts';
import { CopyButton } from './CopyButton.tsx';
import { Dialog } from './Dialog.tsx';
import { FormMessage } from './Field.tsx';
import { groupSecret } from './totp-format.ts';

/**
 * 动态口令 (TOTP): enrol (a new secret, shown once as a QR code and as text) or remove. Enrolling again replaces the
 * old secret; either change ends the user's sessions.
 */
export function TotpDialog({ user, onClose, onChanged }: { user: PublicUser; onClose: () => void; onChanged: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [removed, setRemoved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const secretId = useId();

  const enrol = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await apiRequest<TotpEnrolment>('POST', `/api/users/${encodeURIComponent(user.id)}/totp`));
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiRequest('DELETE', `/api/users/${encodeURIComponent(user.id)}/totp`);
      setRemoved(true);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`动态口令：${user.displayName}（${user.username}）`} onClose={onClose} testId="totp-dialog" wide>
      <div className="adm-form">
        {enrolment ? (
          <>
            <FormMessage kind="ok">已登记新的动态口令。请让用户用手机上的身份验证器应用扫描二维码；二维码与密钥只显示这一次。</FormMessage>
            <div className="adm-totp">
              <img src={enrolment.qr} alt={`${user.username} 的动态口令二维码`} width={220} height={220} data-testid="totp-qr" />
              <div className="adm-field">
                <label className="adm-label" htmlFor={secretId}>
                  密钥（无法扫码时手工输入）
                </label>
                <div className="adm-secret-row">
                  <input id={secretId} className="adm-input adm-mono" readOnly value={groupSecret(enrolment.secret)} data-testid="totp-secret" onFocus={(e) => e.target.select()} />
                  <CopyButton value={enrolment.secret} targetId={secretId} />
                </div>
                <p className="adm-hint">6 位数字，每 30 秒更新；用户下次登录时输入。</p>
              </div>
            </div>
          </>
        ) : removed ? (
          <FormMessage kind="ok">
            已移除动态口令。{user.totpRequired ? '该用户的角色要求动态口令，重新登记前无法登录。' : ''}
          </FormMessage>
        ) : (
          <>
            <p>
              当前状态：<strong>{user.totpEnabled ? '已登记' : '未登记'}</strong>
              {user.totpRequired ? <span className="adm-tag">角色要求动态口令</span> : null}
            </p>
            <p className="adm-hint">
              {user.totpEnabled ? '重新登记会生成新的密钥，原身份验证器中的口令随即失效。' : '登记后，该用户登录时须输入身份验证器上的 6 位动态口令。'}
              登记或移除都会结束该用户的现有会话。
            </p>
            {confirmRemove ? (
              <FormMessage kind="info">
                确定移除 {user.username} 的动态口令？{user.totpRequired ? '其角色要求动态口令，移除后将无法登录，直至重新登记。' : ''}
                <span className="adm-inline-actions">
                  <button type="button" className="adm-button adm-button-danger" disabled={busy} onClick={remove}>
                    确定移除
                  </button>
                  <button type="button" className="adm-button" onClick={() => setConfirmRemove(false)}>
                    取消
                  </button>
                </span>
              </FormMessage>
            ) : null}
            <div className="adm-form-actions">
              {user.totpEnabled && !confirmRemove ? (
                <button type="button" className="adm-button adm-button-danger" disabled={busy} onClick={() => setConfirmRemove(true)}>
                  移除动态口令
                </button>
              ) : null}
              <button type="button" className="adm-button adm-button-primary" disabled={busy} onClick={enrol} data-testid="totp-enrol">
                {busy ? '请稍候…' : user.totpEnabled ? '重新登记' : '登记动态口令'}
              </button>
            </div>
          </>
        )}
        {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      </div>
    </Dialog>
  );
}
