import { useId } from 'react';
import { roleHints, roleIds, roleLabels, totpRoles, type RoleId } from './roles.ts';

/** The roles of a user as a group of checkboxes (a keyboard-friendly multi-select), with the server's error. */
export function RoleChecks({ value, onChange, error }: { value: readonly string[]; onChange: (roles: RoleId[]) => void; error?: string }) {
  const errorId = useId();
  const toggle = (r: RoleId, on: boolean) => onChange(roleIds.filter((x) => (x === r ? on : value.includes(x))));
  return (
    <fieldset className="adm-fieldset" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="adm-label">角色</legend>
      <div className="adm-role-list">
        {roleIds.map((r) => (
          <label key={r} className="adm-check">
            <input type="checkbox" name="roles" value={r} checked={value.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />
            <span>
              {roleLabels[r]}
              {(totpRoles as readonly string[]).includes(r) ? <span className="adm-tag">须动态口令</span> : null}
              <span className="adm-hint adm-role-hint">{roleHints[r]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <div id={errorId} className="adm-field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
