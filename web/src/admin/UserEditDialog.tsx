import { useState, type FormEvent } from 'react';
import { apiRequest, fieldErrors, unplacedError, type PublicUser } from './api.ts';
import { Dialog } from './Dialog.tsx';
import { Field, FormMessage } from './Field.tsx';
import { RoleChecks } from './RoleChecks.tsx';
import { isRoleId, type RoleId } from './roles.ts';
import { parseScopeInput } from './scope.ts';
import { ScopeField } from './ScopeField.tsx';

/** 编辑用户: name, roles and scope via PATCH /api/users/:id, sending only what changed. */
export function UserEditDialog({ user, onClose, onSaved }: { user: PublicUser; onClose: () => void; onSaved: (u: PublicUser) => void }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<RoleId[]>(user.roles.filter(isRoleId));
  const [scope, setScope] = useState(user.scope);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (roles.length === 0) local.roles = '至少选择一个角色';
    const s = parseScopeInput(scope);
    if (!s.ok) local.scope = s.message;
    if (displayName.trim() === '') local.displayName = '请填写姓名';
    setErrors(local);
    if (Object.keys(local).length || !s.ok) return;
    const patch: { displayName?: string; roles?: RoleId[]; scope?: string } = {};
    if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
    if ([...roles].sort().join() !== [...user.roles].sort().join()) patch.roles = roles;
    if (s.key !== user.scope) patch.scope = s.key;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      const { user: saved } = await apiRequest<{ user: PublicUser }>('PATCH', `/api/users/${encodeURIComponent(user.id)}`, patch);
      onSaved(saved);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const general = unplacedError(errors, ['displayName', 'roles', 'scope']);

  return (
    <Dialog title={`编辑用户 ${user.username}`} onClose={onClose} testId="user-edit-dialog">
      <form className="adm-form" onSubmit={submit} noValidate>
        <Field label="姓名" name="displayName" required autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} />
        <RoleChecks value={roles} onChange={setRoles} error={errors.roles} />
        <ScopeField value={scope} onChange={setScope} error={errors.scope} />
        <p className="adm-hint">保存后该用户的现有会话将结束，需重新登录。</p>
        {general ? <FormMessage kind="error">{general}</FormMessage> : null}
        <div className="adm-form-actions">
          <button type="submit" className="adm-button adm-button-primary" disabled={busy}>
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
