import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus inside, Esc closes it, and focus returns to
 * where it was. `onClose` runs however it was closed.
 */
export function Dialog({ title, onClose, children, wide, testId }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const d = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    const closed = () => closeRef.current();
    d.addEventListener('close', closed);
    return () => {
      d.removeEventListener('close', closed);
      if (d.open) d.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog ref={ref} className={`adm-dialog${wide ? ' adm-dialog-wide' : ''}`} aria-labelledby={titleId} data-testid={testId}>
      <header className="adm-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="adm-icon-button" aria-label="关闭" onClick={() => ref.current?.close()}>
          ×
        </button>
      </header>
      <div className="adm-dialog-body">{children}</div>
    </dialog>
  );
}
