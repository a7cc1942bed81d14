import { useState, type FormEvent } from 'react';
import { apiRequest, fieldErrors, unplacedError, type PublicUser } from './api.ts';
import { Dialog } from './Dialog.tsx';
import { Field, FormMessage } from './Field.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';
import { generatePassword } from './password-policy.ts';
import { RoleChecks } from './RoleChecks.tsx';
import type { RoleId } from './roles.ts';
import { parseScopeInput } from './scope.ts';
import { ScopeField } from './ScopeField.tsx';

/** 新增用户: POST /api/users; the server's field errors appear under their fields. */
export function UserCreateDialog({ defaultScope, onClose, onCreated }: { defaultScope: string; onClose: () => void; onCreated: (u: PublicUser) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<RoleId[]>(['viewer']);
  const [scope, setScope] = useState(defaultScope);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (roles.length === 0) local.roles = '至少选择一个角色';
    const s = parseScopeInput(scope);
    if (!s.ok) local.scope = s.message;
    setErrors(local);
    if (Object.keys(local).length || !s.ok) return;
    setBusy(true);
    try {
      const body = { username: username.trim(), displayName: displayName.trim() || undefined, password, roles, scope: s.key };
      const { user } = await apiRequest<{ user: PublicUser }>('POST', '/api/users', body);
      onCreated(user);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const general = unplacedError(errors, ['username', 'displayName', 'password', 'roles', 'scope']);

  return (
    <Dialog title="新增用户" onClose={onClose} testId="user-create-dialog">
      <form className="adm-form" onSubmit={submit} noValidate>
        <Field
          label="用户名"
          name="username"
          required
          autoComplete="off"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          hint="3–40 位字母、数字、下划线、点或连字符"
          error={errors.username}
        />
        <Field label="姓名" name="displayName" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} hint="不填则与用户名相同" error={errors.displayName} />
        <Field
          label="初始密码"
          name="password"
          type="text"
          required
          autoComplete="new-password"
          spellCheck={false}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        >
          <div className="adm-inline-actions">
            <button type="button" className="adm-button adm-button-small" onClick={() => setPassword(generatePassword())}>
              随机生成
            </button>
          </div>
          <PasswordChecklist password={password} username={username} />
        </Field>
        <RoleChecks value={roles} onChange={setRoles} error={errors.roles} />
        <ScopeField value={scope} onChange={setScope} error={errors.scope} />
        {general ? <FormMessage kind="error">{general}</FormMessage> : null}
        <div className="adm-form-actions">
          <button type="submit" className="adm-button adm-button-primary" disabled={busy}>
            {busy ? '正在创建…' : '创建'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
