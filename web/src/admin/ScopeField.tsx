import { Field } from './Field.tsx';
import { describeScope, parseScopeInput, scopeFormatHint } from './scope.ts';
import { useScopeNames } from './scope-names.ts';

/** The scope input (`CODE[:DEPT|:AGENCY]`) with what it names, looked up while typing when the data allows. */
export function ScopeField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const parsed = parseScopeInput(value);
  const lookup = useScopeNames(parsed.ok ? parsed.scope : null);
  let note: string | null = null;
  let tone = 'muted';
  if (value.trim() !== '' && !parsed.ok) {
    note = parsed.message;
    tone = 'adm-warn-text';
  } else if (parsed.ok) {
    if (lookup.status === 'found') note = describeScope(parsed.key, lookup.names);
    else if (lookup.status === 'missing') {
      note = lookup.message;
      tone = 'adm-warn-text';
    } else if (lookup.status === 'loading') note = '正在查找名称…';
    else note = `${describeScope(parsed.key)}（名称需有数据查看权限才能显示）`;
  }
  return (
    <Field
      label="范围"
      name="scope"
      required
      autoComplete="off"
      spellCheck={false}
      placeholder="660100000"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint={scopeFormatHint}
      error={error}
    >
      {note ? (
        <div className={`adm-scope-note ${tone}`} aria-live="polite" data-testid="scope-note">
          {note}
        </div>
      ) : null}
    </Field>
  );
}
