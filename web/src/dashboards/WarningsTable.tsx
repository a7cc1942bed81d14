import { useEffect, useState } from 'react';
import { formatMoney } from '../../../queries/format.ts';
import { severityLabels } from '../../../queries/rules/define.ts';
import { useI18n } from '../i18n/context.tsx';
import { statusLabels, type WarningStatus } from './labels.ts';
import { listWarnings, nextSort, type WarningItem, type WarningSort } from './warnings-api.ts';

/**
 * A paged, sortable list of warnings from `GET /api/warnings` for `filters`; a row opens the warning. `reloadKey`
 * reloads it (after a status change).
 */
export function WarningsTable({ filters, limit, onOpen, reloadKey, testId }: { filters: Record<string, string>; limit: number; onOpen: (id: string) => void; reloadKey: number; testId: string }) {
  const { t, label } = useI18n();
  const [sort, setSort] = useState<WarningSort>('severity');
  const [offset, setOffset] = useState(0);
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; items: WarningItem[]; total: number; error?: string }>({ status: 'loading', items: [], total: 0 });
  const fkey = JSON.stringify(filters);
  useEffect(() => setOffset(0), [fkey, sort]);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, status: 'loading' }));
    listWarnings(JSON.parse(fkey) as Record<string, string>, { limit, offset, sort }, abort.signal).then(
      (r) => setState({ status: 'ok', items: r.items, total: r.total }),
      (e: unknown) => !abort.signal.aborted && setState({ status: 'error', items: [], total: 0, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => abort.abort();
  }, [fkey, limit, offset, sort, reloadKey]);

  const head = (key: (typeof cols)[number]['sort'], text: string) =>
    key ? (
      <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, key))} aria-sort={sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined}>
        {text}
        {sort === key ? ' ↑' : sort === `-${key}` ? ' ↓' : ''}
      </button>
    ) : (
      text
    );
  const cols = [
    { sort: 'severity', text: t('warnings.col.severity') },
    { sort: 'rule', text: t('warnings.col.rule') },
    { sort: undefined, text: t('warnings.col.org') },
    { sort: 'amount', text: t('warnings.col.amount') },
    { sort: 'event_date', text: t('warnings.col.eventDate') },
    { sort: 'status', text: t('warnings.col.status') },
    { sort: 'first_seen', text: t('warnings.col.firstSeen') },
  ] as const;

  if (state.status === 'error') {
    return (
      <div className="panel-message panel-error" role="alert">
        {t('panel.error', { message: state.error ?? '' })}
      </div>
    );
  }
  return (
    <div className="warnings-list" data-testid={testId} data-state={state.status === 'loading' ? 'loading' : state.items.length ? 'ready' : 'empty'}>
      <div className="table-scroll">
        <table className={`data-table ${state.status === 'loading' ? 'stale' : ''}`}>
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c.text} scope="col" className={c.sort === 'amount' ? 'num' : undefined}>
                  {head(c.sort, c.text)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.items.map((w) => (
              <tr key={w.id} className="row-click" data-testid="warnings-row" data-id={w.id} data-status={w.status} onClick={() => onOpen(w.id)}>
                <td>
                  <span className={`badge badge-${w.severity}`}>{label(severityLabels[w.severity])}</span>
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(w.id);
                    }}
                  >
                    {w.rule} {label(w.ruleName)}
                  </button>
                </td>
                <td>
                  <span className="unit-name">{w.org.agencyName ?? w.org.name ?? w.org.mofDivCode}</span>
                  {w.org.agencyName ? <span className="code">{w.org.name}</span> : null}
                </td>
                <td className="num">{w.amountFen ? formatMoney(w.amountFen, 'yuan') : '—'}</td>
                <td>{w.eventDate ?? '—'}</td>
                <td>
                  <span className={`status status-${w.status}`}>{label(statusLabels[w.status as WarningStatus])}</span>
                </td>
                <td>{w.firstSeenAsOf}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager total={state.total} offset={offset} limit={limit} onOffset={setOffset} totalText={t('warnings.total', { n: state.total })} />
    </div>
  );
}

/** 共 N 条 · 第 a–b 条 · 上一页 / 下一页. */
export function Pager({ total, offset, limit, onOffset, totalText }: { total: number; offset: number; limit: number; onOffset: (o: number) => void; totalText: string }) {
  const { t } = useI18n();
  const to = Math.min(total, offset + limit);
  return (
    <div className="pager">
      <span data-testid="pager-total" data-total={total}>
        {totalText}
      </span>
      {total > 0 ? <span className="muted">{t('details.page', { from: offset + 1, to })}</span> : null}
      <button type="button" className="tool" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('details.prev')}
      </button>
      <button type="button" className="tool" disabled={to >= total} onClick={() => onOffset(offset + limit)} data-testid="pager-next">
        {t('details.next')}
      </button>
    </div>
  );
}
