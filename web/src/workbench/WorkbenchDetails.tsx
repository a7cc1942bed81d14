import { useEffect, useState } from 'react';
import { formatMoney, type MoneyUnit } from '../../../queries/format.ts';
import { Drawer } from '../components/Drawer.tsx';
import { fetchJson, queryString } from '../data/api.ts';
import type { DrillTarget } from './drill.ts';

interface Item {
  [k: string]: unknown;
  amountFen: string;
  agencyName: string | null;
  mofDivName: string | null;
}

const PAGE = 50;

/** Drill-through from a pivot cell: the vouchers (or indicators) behind it from `GET /api/details`, paged, with count and sum. */
export function WorkbenchDetails({ target, title, unit, onClose, t }: { target: DrillTarget; title: string; unit: MoneyUnit; onClose: () => void; t: (k: 'drillTitle' | 'close' | 'noDrill') => string }) {
  const [offset, setOffset] = useState(0);
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; items: Item[]; total: number; sumFen?: string; error?: string }>({ status: 'loading', items: [], total: 0 });
  const params = target.ok ? target.params : null;
  const key = JSON.stringify(params);
  useEffect(() => {
    if (!target.ok) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, status: 'loading' }));
    const sort = target.kind === 'payments' ? '-pay_date' : '-doc_date';
    fetchJson<{ items: Item[]; total: number; sumFen?: string }>(`/api/details${queryString({ kind: target.kind, ...target.params, sort, limit: PAGE, offset })}`, abort.signal).then(
      (r) => setState({ status: 'ok', items: r.items, total: r.total, sumFen: r.sumFen }),
      (e: unknown) => !abort.signal.aborted && setState({ status: 'error', items: [], total: 0, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, offset]);
  return (
    <Drawer title={`${t('drillTitle')} · ${title}`} onClose={onClose} closeLabel={t('close')} testId="details-drawer" wide>
      {!target.ok ? (
        <p className="wb-error" data-testid="details-refused">
          {t('noDrill')}：{target.reason}
        </p>
      ) : state.status === 'error' ? (
        <p className="wb-error">{state.error}</p>
      ) : (
        <>
          <p className="wb-muted" data-testid="details-total" data-total={state.total} data-sum-fen={state.sumFen ?? ''}>
            {state.status === 'loading' ? '…' : `${state.total} 条${state.sumFen !== undefined ? `，合计 ${formatMoney(state.sumFen, unit)}` : ''}`}
          </p>
          <table className="wb-details">
            <thead>
              <tr>
                <th>{target.kind === 'payments' ? '支付日期' : '下达日期'}</th>
                <th>{target.kind === 'payments' ? '支付申请编号' : '指标编号'}</th>
                <th>单位</th>
                <th>功能分类</th>
                <th>经济分类</th>
                <th>资金性质</th>
                <th>金额</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((it, i) => (
                <tr key={i} data-testid="details-row">
                  <td>{String(target.kind === 'payments' ? it.pay_date : it.doc_date)}</td>
                  <td>{String(target.kind === 'payments' ? it.pay_app_no : it.bgt_id)}</td>
                  <td>{`${it.agencyName ?? String(it.agency_code ?? '')}${it.mofDivName ? `（${it.mofDivName}）` : ''}`}</td>
                  <td>{String(it.exp_func_code ?? '')}</td>
                  <td>{String(it.dep_bgt_eco_code ?? '')}</td>
                  <td>{String(it.fund_type_code ?? '')}</td>
                  <td className="num">{formatMoney(it.amountFen, 'yuan')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.total > PAGE && (
            <div className="wb-pager">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                ‹
              </button>
              <span>
                {offset + 1}–{Math.min(state.total, offset + PAGE)} / {state.total}
              </span>
              <button type="button" disabled={offset + PAGE >= state.total} onClick={() => setOffset(offset + PAGE)}>
                ›
              </button>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
