import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A panel sliding in from the right over the page (drill-through, a warning's detail): labelled, closes on Escape or
 * its close button, and takes the focus while open.
 */
export function Drawer({ title, onClose, closeLabel, children, testId, wide }: { title: ReactNode; onClose: () => void; closeLabel: string; children: ReactNode; testId: string; wide?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside ref={ref} className={`drawer ${wide ? 'drawer-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} tabIndex={-1} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <header className="drawer-head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="drawer-close" onClick={onClose} aria-label={closeLabel} data-testid={`${testId}-close`}>
            ×
          </button>
        </header>
        <div className="drawer-body">{children}</div>
      </aside>
    </div>
  );
}
