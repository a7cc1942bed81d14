import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AuditEntry, ListResponse } from './api.ts';
import { actionLabel, AUDIT_PAGE_SIZE, auditActionLabels, auditApiQuery, auditFilterProblems, auditOutcomes, outcomeLabels, pageCount, type AuditSearch } from './audit-search.ts';
import { AuditVerify } from './AuditVerify.tsx';
import { formatChinaTime } from './china-time.ts';
import { FormMessage } from './Field.tsx';
import { useApi } from './use-api.ts';

/** 审计日志: filters in the URL, 100 entries a page, newest first, time in China time, detail on demand, verification. */
export function AuditPage({ search, onSearch }: { search: AuditSearch; onSearch: (s: AuditSearch) => void }) {
  const list = useApi<ListResponse<AuditEntry>>(`/api/audit?${auditApiQuery(search)}`);
  const page = search.page ?? 1;
  const pages = list.data ? pageCount(list.data.total) : 1;
  return (
    <>
      <AuditFilters search={search} onApply={(s) => onSearch({ ...s, page: undefined })} />
      <AuditVerify />
      <section className="adm-section" aria-labelledby="audit-list-title">
        <div className="adm-toolbar">
          <h2 id="audit-list-title" className="adm-h2">
            审计记录
          </h2>
          <span className="muted" aria-live="polite" data-testid="audit-total">
            {list.data ? `共 ${list.data.total} 条，第 ${page} / ${pages} 页（每页 ${AUDIT_PAGE_SIZE} 条，时间为北京时间）` : ''}
          </span>
          <button type="button" className="adm-button" onClick={list.reload} disabled={list.status === 'loading'}>
            刷新
          </button>
        </div>
        {list.status === 'error' ? <FormMessage kind="error">审计记录加载失败：{list.error.message}</FormMessage> : null}
        {list.status === 'loading' && !list.data ? (
          <div className="gate" role="status">
            <span className="spinner" aria-hidden="true" />
            <p>正在加载审计记录…</p>
          </div>
        ) : list.data ? (
          <div className={`adm-table-wrap${list.status === 'loading' ? ' stale' : ''}`} aria-busy={list.status === 'loading'}>
            <table className="data-table adm-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col" className="num">编号</th>
                  <th scope="col">时间</th>
                  <th scope="col">用户</th>
                  <th scope="col">操作</th>
                  <th scope="col">对象</th>
                  <th scope="col">结果</th>
                  <th scope="col">地址</th>
                  <th scope="col">详情</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <AuditRow key={e.id} entry={e} />
                ))}
                {list.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="muted adm-empty">
                      没有符合条件的记录
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        ) : null}
        {list.data && pages > 1 ? (
          <nav className="adm-pager" aria-label="分页">
            <button type="button" className="adm-button" disabled={page <= 1} onClick={() => onSearch({ ...search, page: page - 1 > 1 ? page - 1 : undefined })}>
              上一页
            </button>
            <span>
              第 {page} / {pages} 页
            </span>
            <button type="button" className="adm-button" disabled={page >= pages} onClick={() => onSearch({ ...search, page: page + 1 })}>
              下一页
            </button>
          </nav>
        ) : null}
      </section>
    </>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const hasDetail = e.detail !== null && e.detail !== undefined && !(typeof e.detail === 'object' && Object.keys(e.detail as object).length === 0);
  return (
    <>
      <tr data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
        <td className="num muted">{e.id}</td>
        <td className="adm-mono">{formatChinaTime(e.at)}</td>
        <td>{e.username ?? '—'}</td>
        <td title={e.action}>
          {actionLabel(e.action)}
          <span className="code">{e.action}</span>
        </td>
        <td className="adm-cell-wrap">{e.target ?? ''}</td>
        <td>
          <span className={`adm-outcome adm-outcome-${e.outcome}`}>{outcomeLabels[e.outcome as keyof typeof outcomeLabels] ?? e.outcome}</span>
        </td>
        <td className="adm-mono muted">{e.address ?? ''}</td>
        <td>
          {hasDetail ? (
            <button type="button" className="link-button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen((o) => !o)}>
              {open ? '收起' : '展开'}
            </button>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
      </tr>
      {open ? (
        <tr className="adm-detail-row">
          <td colSpan={8} id={detailId}>
            <pre className="adm-json" data-testid="audit-detail">
              {JSON.stringify(e.detail, null, 2)}
            </pre>
            <div className="adm-hint">
              范围 {e.scope ?? '—'} · 哈希 <span className="adm-mono">{e.hash}</span>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function AuditFilters({ search, onApply }: { search: AuditSearch; onApply: (s: AuditSearch) => void }) {
  const [form, setForm] = useState<AuditSearch>(search);
  const id = useId();
  // The URL is the truth: back/forward or a shared link resets the form.
  useEffect(() => setForm(search), [search]);
  const problems = auditFilterProblems(form);
  const set = (patch: Partial<AuditSearch>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(problems).length) return;
    onApply({ action: form.action?.trim() || undefined, username: form.username?.trim() || undefined, outcome: form.outcome, from: form.from || undefined, to: form.to || undefined });
  };
  return (
    <form className="adm-filters" onSubmit={submit} aria-label="筛选审计记录" data-testid="audit-filters">
      <div className="adm-field">
        <label className="adm-label" htmlFor={`${id}-action`}>
          操作
        </label>
        <input
          id={`${id}-action`}
          className="adm-input"
          name="action"
          list={`${id}-actions`}
          value={form.action ?? ''}
          onChange={(e) => set({ action: e.target.value })}
          placeholder="全部"
          spellCheck={false}
          autoComplete="off"
        />
        <datalist id={`${id}-actions`}>
          {Object.entries(auditActionLabels).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </datalist>
      </div>
      <div className="adm-field">
        <label className="adm-label" htmlFor={`${id}-user`}>
          用户
        </label>
        <input id={`${id}-user`} className="adm-input" name="username" value={form.username ?? ''} onChange={(e) => set({ username: e.target.value })} placeholder="用户名" spellCheck={false} autoComplete="off" />
      </div>
      <div className="adm-field">
        <label className="adm-label" htmlFor={`${id}-outcome`}>
          结果
        </label>
        <select id={`${id}-outcome`} className="adm-input" name="outcome" value={form.outcome ?? ''} onChange={(e) => set({ outcome: (e.target.value || undefined) as AuditSearch['outcome'] })}>
          <option value="">全部</option>
          {auditOutcomes.map((o) => (
            <option key={o} value={o}>
              {outcomeLabels[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="adm-field">
        <label className="adm-label" htmlFor={`${id}-from`}>
          开始日期
        </label>
        <input id={`${id}-from`} className="adm-input" type="date" name="from" value={form.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </div>
      <div className="adm-field">
        <label className="adm-label" htmlFor={`${id}-to`}>
          结束日期
        </label>
        <input
          id={`${id}-to`}
          className="adm-input"
          type="date"
          name="to"
          value={form.to ?? ''}
          aria-invalid={problems.to ? true : undefined}
          aria-describedby={problems.to ? `${id}-to-error` : undefined}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
        {problems.to ? (
          <span id={`${id}-to-error`} className="adm-field-error" role="alert">
            {problems.to}
          </span>
        ) : null}
      </div>
      <div className="adm-filter-actions">
        <button type="submit" className="adm-button adm-button-primary" disabled={Object.keys(problems).length > 0}>
          查询
        </button>
        <button type="button" className="adm-button" onClick={() => onApply({})}>
          清除条件
        </button>
      </div>
    </form>
  );
}
