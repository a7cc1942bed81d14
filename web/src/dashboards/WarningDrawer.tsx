import { useEffect, useState } from 'react';
import { formatMoney } from '../../../queries/format.ts';
import { severityLabels } from '../../../queries/rules/define.ts';
import { Drawer } from '../components/Drawer.tsx';
import { can, type Me } from '../data/me.ts';
import { useI18n } from '../i18n/context.tsx';
import { statusLabels, type WarningStatus } from './labels.ts';
import { getWarning, moveWarning, type WarningDetail } from './warnings-api.ts';

/** Minimum comment length the server accepts (it trims, then requires 2 characters). */
export const MIN_COMMENT = 2;

/** Whether a comment is acceptable before sending it. */
export const commentOk = (s: string) => s.trim().length >= MIN_COMMENT;

/**
 * One warning: what it found (evidence and its rows), its handling history, and — for users allowed to handle
 * warnings — the moves its status allows, each with a required comment. The server's 409 message is shown as is.
 */
export function WarningDrawer({ id, me, onClose, onChanged }: { id: string; me: Me | null; onClose: () => void; onChanged: () => void }) {
  const { t, label } = useI18n();
  const [w, setW] = useState<WarningDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    getWarning(id, abort.signal).then(setW, (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : String(e)));
    return () => abort.abort();
  }, [id, reload]);

  const move = async (status: string) => {
    if (!commentOk(comment)) {
      setResult({ ok: false, text: t('warnings.commentRequired') });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      await moveWarning(id, status, comment.trim());
      setResult({ ok: true, text: t('warnings.moved', { status: label(statusLabels[status as WarningStatus]) }) });
      setComment('');
      setReload((n) => n + 1);
      onChanged();
    } catch (e) {
      setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  const handle = can(me, 'warnings.handle');
  return (
    <Drawer title={t('warnings.detail')} onClose={onClose} closeLabel={t('details.close')} testId="warning-drawer" wide>
      {error ? (
        <p className="panel-error" role="alert">
          {error}
        </p>
      ) : !w ? (
        <p className="muted">{t('panel.loading')}</p>
      ) : (
        <div className="warning-detail" data-testid="warning-detail" data-status={w.status}>
          <p className="warning-title">
            <span className={`badge badge-${w.severity}`}>{label(severityLabels[w.severity])}</span>
            <strong>
              {w.rule} {label(w.ruleName)}
            </strong>
            <span className={`status status-${w.status}`} data-testid="warning-status">
              {label(statusLabels[w.status as WarningStatus])}
            </span>
          </p>
          <dl className="facts">
            <dt>{t('warnings.col.org')}</dt>
            <dd>
              {w.org.name}
              {w.org.agencyName ? ` · ${w.org.agencyName}` : ''}
            </dd>
            <dt>{t('warnings.col.amount')}</dt>
            <dd>{w.amountFen ? formatMoney(w.amountFen, 'yuan') : '—'}</dd>
            <dt>{t('warnings.col.eventDate')}</dt>
            <dd>{w.eventDate ?? '—'}</dd>
            <dt>{t('warnings.col.firstSeen')}</dt>
            <dd>{w.firstSeenAsOf}</dd>
          </dl>
          <h3>{t('warnings.evidence')}</h3>
          <dl className="facts">
            {Object.entries(w.evidence ?? {}).map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
              </div>
            ))}
          </dl>
          {w.evidenceRows.length ? (
            <>
              <h3>{t('warnings.evidenceRows')}</h3>
              <EvidenceRows rows={w.evidenceRows} />
            </>
          ) : null}
          <h3>{t('warnings.history')}</h3>
          {w.history.length ? (
            <ol className="history" data-testid="warning-history">
              {w.history.map((h, i) => (
                <li key={i}>
                  <span className="muted">{h.at}</span> {h.username}：{h.from_status ? label(statusLabels[h.from_status as WarningStatus]) : '—'} → {label(statusLabels[h.to_status as WarningStatus])}
                  <div className="history-comment">{h.comment}</div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('warnings.noHistory')}</p>
          )}
          <h3>{t('warnings.handle')}</h3>
          {!handle ? (
            <p className="muted">{t('warnings.noPermission')}</p>
          ) : w.allowedTransitions.length === 0 ? (
            <p className="muted">{t('warnings.noActions')}</p>
          ) : (
            <div className="handle">
              <label className="control">
                <span className="control-label">{t('warnings.comment')}</span>
                <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={1000} data-testid="warning-comment" />
              </label>
              <div className="handle-actions">
                {w.allowedTransitions.map((s) => (
                  <button key={s} type="button" className="primary" disabled={busy} onClick={() => void move(s)} data-testid={`warning-move-${s}`}>
                    {t('warnings.moveTo', { status: label(statusLabels[s as WarningStatus]) })}
                  </button>
                ))}
              </div>
            </div>
          )}
          {result ? (
            <p className={result.ok ? 'ok-message' : 'panel-error'} role={result.ok ? 'status' : 'alert'} data-testid="warning-result">
              {result.text}
            </p>
          ) : null}
        </div>
      )}
    </Drawer>
  );
}

function EvidenceRows({ rows }: { rows: Array<Record<string, unknown>> }) {
  const cols = Object.keys(rows[0] ?? {});
  return (
    <div className="table-scroll evidence">
      <table className="data-table">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 200).map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c}>{r[c] === null || r[c] === undefined ? '' : String(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
