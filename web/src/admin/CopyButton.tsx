import { useState } from 'react';

/** Copies a value to the clipboard; where the browser refuses (plain http), selects the given input instead. */
export function CopyButton({ value, targetId, label = '复制' }: { value: string; targetId?: string; label?: string }) {
  const [done, setDone] = useState<'copied' | 'selected' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone('copied');
    } catch {
      const el = targetId ? (document.getElementById(targetId) as HTMLInputElement | null) : null;
      el?.focus();
      el?.select();
      setDone('selected');
    }
  };
  return (
    <button type="button" className="adm-button adm-button-small" onClick={copy}>
      {done === 'copied' ? '已复制' : done === 'selected' ? '已选中，请按 Ctrl+C' : label}
    </button>
  );
}
