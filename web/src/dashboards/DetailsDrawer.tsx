import { useEffect, useState } from 'react';
import { formatMoney, type MoneyUnit } from '../../../queries/format.ts';
import { Drawer } from '../components/Drawer.tsx';
import { fetchJson, queryString } from '../data/api.ts';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { DetailsRequest } from './env.tsx';
import { detailsTarget } from './interactions.ts';
import { sumFen } from './kpi-model.ts';
import type { PageScope } from './scope.ts';
import { nextSort } from './warnings-api.ts';

interface DetailItem {
  amount: string;
  amountFen: string;
  agencyName: string | null;
  mofDivName: string | null;
  [k: string]: unknown;
}

const PAGE = 50;
const columns: Record<'payments' | 'indicators', Array<{ key: string; sort?: string }>> = {
  payments: [{ key: 'pay_date', sort: 'pay_date' }, { key: 'pay_app_no', sort: 'pay_app_no' }, { key: 'unit' }, { key: 'exp_func_code' }, { key: 'dep_bgt_eco_code' }, { key: 'fund_type_code' }, { key: 'payee_acct_name', sort: 'payee_acct_name' }, { key: 'amount', sort: 'pay_amt' }],
  indicators: [{ key: 'doc_date', sort: 'doc_date' }, { key: 'bgt_id', sort: 'bgt_id' }, { key: 'unit' }, { key: 'bgt_source' }, { key: 'exp_func_code' }, { key: 'dep_bgt_eco_code' }, { key: 'fund_type_code' }, { key: 'amount', sort: 'amount' }],
};

/**
 * Drill-through (穿透): the vouchers or indicators behind a figure from `GET /api/details`, paged and sorted, with the
 * total count, the figure drilled from and the sum of the page shown.
 */
export function DetailsDrawer({ request, scope, unit, onClose }: { request: DetailsRequest; scope: PageScope; unit: MoneyUnit; onClose: () => void }) {
  const { t } = useI18n();
  const target = detailsTarget(request.panel, scope, request.picks, { cumulative: request.cumulative });
  const [kind, setKind] = useState<'payments' | 'indicators'>(request.kind ?? (target.ok ? target.kind : 'payments'));
  const [sort, setSort] = useState<string>(kind === 'payments' ? '-pay_date' : '-doc_date');
  const [offset, setOffset] = useState(0);
  // `sort` and `offset`: what the shown items answer (a test or a screen reader can tell a stale page from a new one).
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; items: DetailItem[]; total: number; error?: string; sort?: string; offset?: number }>({ status: 'loading', items: [], total: 0 });
  const params = target.ok ? target.params : null;
  const pkey = JSON.stringify(params);
  useEffect(() => {
    if (!params) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, status: 'loading' }));
    fetchJson<{ items: DetailItem[]; total: number }>(`/api/details${queryString({ kind, ...params, sort, limit: PAGE, offset })}`, abort.signal).then(
      (r) => setState({ status: 'ok', items: r.items, total: r.total, sort, offset }),
      (e: unknown) => !abort.signal.aborted && setState({ status: 'error', items: [], total: 0, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => abort.abort();
    // `params` is keyed by its JSON.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pkey, kind, sort, offset]);
  const switchKind = (k: 'payments' | 'indicators') => {
    setKind(k);
    setSort(k === 'payments' ? '-pay_date' : '-doc_date');
    setOffset(0);
  };
  const cols = columns[kind];
  const cell = (it: DetailItem, key: string) => {
    if (key === 'unit') return `${it.agencyName ?? String(it.agency_code ?? '')}${it.mofDivName ? `（${it.mofDivName}）` : ''}`;
    if (key === 'amount') return formatMoney(it.amountFen, 'yuan');
    const v = it[key];
    return v === null || v === undefined ? '' : String(v);
  };
  const figure = request.figures?.[kind];
  return (
    <Drawer title={`${t('details.title')} · ${request.title}`} onClose={onClose} closeLabel={t('details.close')} testId="details-drawer" wide>
      {!target.ok ? (
        <p className="panel-error" role="alert" data-testid="details-unsupported">
          {t('details.unsupported', { reason: t(target.reason as MessageKey, target.vars) })}
        </p>
      ) : (
        <>
          <div className="drawer-tools">
            <div className="segmented" role="radiogroup">
              {(['payments', 'indicators'] as const).map((k) => (
                <button key={k} type="button" role="radio" aria-checked={k === kind} className={k === kind ? 'on' : ''} onClick={() => switchKind(k)} data-testid={`details-kind-${k}`}>
                  {t(k === 'payments' ? 'details.payments' : 'details.indicators')}
                </button>
              ))}
            </div>
            <span data-testid="details-total" data-total={state.total} data-state={state.status} data-sort={state.sort} data-offset={state.offset}>
              {t('details.total', { n: state.total })}
            </span>
            {figure ? (
              <span>
                {t('details.figure')}：<strong data-testid="details-figure">{figure}</strong>
              </span>
            ) : null}
            <span>
              {t('details.pageSum')}：<span data-testid="details-page-sum">{formatMoney(sumFen(state.items), unit)}</span>
            </span>
          </div>
          {state.status === 'error' ? (
            <p className="panel-error" role="alert">
              {t('panel.error', { message: state.error ?? '' })}
            </p>
          ) : (
            <div className="table-scroll">
              <table className={`data-table ${state.status === 'loading' ? 'stale' : ''}`} data-testid="details-table">
                <thead>
                  <tr>
                    {cols.map((c) => (
                      <th key={c.key} scope="col" className={c.key === 'amount' ? 'num' : undefined}>
                        {c.sort ? (
                          <button type="button" className="sort-button" onClick={() => {
                              setSort((s) => nextSort(s, c.sort!));
                              setOffset(0);
                            }} data-testid={`details-sort-${c.sort}`}>
                            {t(c.key === 'unit' ? 'details.col.unit' : (`details.col.${c.key}` as MessageKey))}
                            {sort === c.sort ? ' ↑' : sort === `-${c.sort}` ? ' ↓' : ''}
                          </button>
                        ) : (
                          t(c.key === 'unit' ? 'details.col.unit' : (`details.col.${c.key}` as MessageKey))
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((it, i) => (
                    <tr key={`${String(it.pay_app_no ?? it.bgt_id)}-${i}`} data-testid="details-row">
                      {cols.map((c) => (
                        <td key={c.key} className={c.key === 'amount' ? 'num' : undefined}>
                          {cell(it, c.key)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="pager">
            <span className="muted">{state.total > 0 ? t('details.page', { from: offset + 1, to: Math.min(state.total, offset + PAGE) }) : ''}</span>
            <button type="button" className="tool" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('details.prev')}
            </button>
            <button type="button" className="tool" disabled={offset + PAGE >= state.total} onClick={() => setOffset(offset + PAGE)} data-testid="details-next">
              {t('details.next')}
            </button>
          </div>
        </>
      )}
    </Drawer>
  );
}
