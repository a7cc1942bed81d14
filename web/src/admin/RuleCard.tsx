import { useId, useState, type FormEvent } from 'react';
import { apiRequest, fieldErrors, unplacedError, type RuleItem } from './api.ts';
import { FormMessage } from './Field.tsx';
import { changedThresholds, parseThreshold, rangeHint, unitLabel } from './thresholds.ts';

/** One risk rule: what it checks and why, its thresholds as number inputs, the enabled switch, saved on its own. */
export function RuleCard({ rule, editable, onSaved }: { rule: RuleItem; editable: boolean; onSaved: () => void }) {
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(rule.thresholds.map((t) => [t.key, String(t.value)])));
  const [enabled, setEnabled] = useState(rule.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const parsed = Object.fromEntries(rule.thresholds.map((t) => [t.key, parseThreshold(texts[t.key] ?? '', t)]));
  const values: Record<string, number> = {};
  for (const [k, p] of Object.entries(parsed)) if (p.ok) values[k] = p.value;
  const changes = changedThresholds(rule.thresholds, values);
  // Any edit counts, a bad one too: saving it shows what is wrong.
  const dirty = rule.thresholds.some((t) => texts[t.key] !== String(t.value)) || enabled !== rule.enabled;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const [k, p] of Object.entries(parsed)) if (!p.ok) local[`thresholds.${k}`] = p.message;
    setErrors(local);
    setSaved(false);
    if (Object.keys(local).length || (Object.keys(changes).length === 0 && enabled === rule.enabled)) return;
    setBusy(true);
    try {
      const body: { thresholds?: Record<string, number>; enabled?: boolean } = {};
      if (Object.keys(changes).length) body.thresholds = changes;
      if (enabled !== rule.enabled) body.enabled = enabled;
      await apiRequest('PUT', `/api/rules/${encodeURIComponent(rule.id)}`, body);
      setSaved(true);
      onSaved();
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const general = unplacedError(errors, rule.thresholds.map((t) => `thresholds.${t.key}`));

  return (
    <form className={`adm-rule${enabled ? '' : ' adm-rule-off'}`} onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="rule-card" data-rule={rule.id} noValidate>
      <header className="adm-rule-head">
        <h2 id={`${id}-title`} className="adm-h2">
          <span className="adm-rule-id">{rule.id}</span> {rule.name.zh}
        </h2>
        <label className="adm-switch">
          <input type="checkbox" role="switch" checked={enabled} disabled={!editable} onChange={(e) => setEnabled(e.target.checked)} aria-describedby={`${id}-title`} />
          <span>{enabled ? '已启用' : '已停用'}</span>
        </label>
      </header>
      <p className="adm-rule-desc">{rule.description.zh}</p>
      <dl className="adm-rule-facts">
        <dt>依据</dt>
        <dd>{rule.basis.zh}</dd>
        <dt>分级</dt>
        <dd>{rule.severityLogic.zh}</dd>
        <dt>适用</dt>
        <dd>{rule.window.zh}</dd>
      </dl>
      <div className="adm-thresholds">
        {rule.thresholds.map((t) => {
          const field = `thresholds.${t.key}`;
          const p = parsed[t.key];
          const err = errors[field] ?? (!p.ok && texts[t.key] !== String(t.value) ? p.message : undefined);
          const unit = unitLabel(t.unit);
          return (
            <div className="adm-field" key={t.key}>
              <label className="adm-label" htmlFor={`${id}-${t.key}`}>
                {t.label.zh}
              </label>
              <div className="adm-number">
                <input
                  id={`${id}-${t.key}`}
                  className="adm-input"
                  type="number"
                  step="any"
                  min={t.min}
                  max={t.max}
                  required
                  readOnly={!editable}
                  value={texts[t.key] ?? ''}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={`${id}-${t.key}-hint${err ? ` ${id}-${t.key}-err` : ''}`}
                  onChange={(e) => {
                    setTexts((x) => ({ ...x, [t.key]: e.target.value }));
                    setSaved(false);
                  }}
                  data-testid={`threshold-${t.key}`}
                />
                {unit ? <span className="adm-unit">{unit}</span> : null}
              </div>
              <div className="adm-hint" id={`${id}-${t.key}-hint`}>
                {rangeHint(t)}
              </div>
              {err ? (
                <div className="adm-field-error" id={`${id}-${t.key}-err`} role="alert">
                  {err}
                </div>
              ) : null}
            </div>
          );
        })}
        {rule.thresholds.length === 0 ? <p className="muted">此规则没有可调阈值。</p> : null}
      </div>
      {general ? <FormMessage kind="error">{general}</FormMessage> : null}
      {saved ? <FormMessage kind="ok">已保存，下次评估预警时生效（修改已记入审计日志）。</FormMessage> : null}
      {editable ? (
        <div className="adm-form-actions">
          <button
            type="button"
            className="adm-button"
            disabled={busy || !dirty}
            onClick={() => {
              setTexts(Object.fromEntries(rule.thresholds.map((t) => [t.key, String(t.value)])));
              setEnabled(rule.enabled);
              setErrors({});
            }}
          >
            撤销修改
          </button>
          <button type="submit" className="adm-button adm-button-primary" disabled={busy || !dirty} data-testid="rule-save">
            {busy ? '正在保存…' : '保存'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
