import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled input with its hint and the server's (or the form's) error below it, wired with aria-describedby. */
export function Field({ label, hint, error, children, ...input }: { label: string; hint?: ReactNode; error?: string; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="adm-field">
      <label htmlFor={id} className="adm-label">
        {label}
      </label>
      <input id={id} className="adm-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {children}
      {hint ? (
        <div id={hintId} className="adm-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={errorId} className="adm-field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** A form-level message: an error (role=alert) or a success/status note (role=status). */
export function FormMessage({ kind, children, testId }: { kind: 'error' | 'ok' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`adm-message adm-message-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
