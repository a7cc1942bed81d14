import { passwordChecks } from './password-policy.ts';

/** The policy as a live checklist under a new-password field. */
export function PasswordChecklist({ password, username, id }: { password: string; username?: string; id?: string }) {
  return (
    <ul className="adm-checklist" id={id} aria-label="密码要求">
      {passwordChecks(password, username).map((c) => (
        <li key={c.id} className={c.ok ? 'adm-check-ok' : 'adm-check-no'}>
          <span aria-hidden="true">{c.ok ? '✓' : '·'}</span> {c.label}
          <span className="sr-only">{c.ok ? '（已满足）' : '（未满足）'}</span>
        </li>
      ))}
    </ul>
  );
}
