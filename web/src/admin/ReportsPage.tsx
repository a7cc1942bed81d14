import { useEffect, useState } from 'react';
import { lastCompleteMonthEnd } from '../../../queries/time.ts';
import { apiRequest, messageOf, type Me } from './api.ts';
import { FormMessage } from './Field.tsx';
import { useApi } from './use-api.ts';

interface ArchiveItem {
  id: string;
  month: string;
  org: string;
  orgName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  dataAsOf: string | null;
  xlsx: boolean;
  pdf: boolean;
  error: string | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
}
interface ArchiveResponse {
  items: ArchiveItem[];
  total: number;
  closedMonths: Array<{ month: string; closedAt: string; closedBy: string; dataAsOf: string }>;
}

const statusText: Record<ArchiveItem['status'], string> = { queued: '排队中', running: '生成中', done: '已生成', failed: '失败' };

/** The month before today's (business time), the usual month to close. */
const lastMonth = () => lastCompleteMonthEnd(new Date()).slice(0, 7);

/**
 * 月结与报告归档: close a month (months.close) — the monthly report of every configured region is generated in the
 * background — and the archive: status, the dataAsOf each report was built from, downloads, regeneration.
 */
export function ReportsPage({ me }: { me: Me }) {
  const archive = useApi<ArchiveResponse>('/api/reports/archive?limit=500');
  const [month, setMonth] = useState(lastMonth());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const canClose = me.actions.includes('months.close');
  const canDownload = me.actions.includes('exports.create');
  const pending = archive.data?.items.some((i) => i.status === 'queued' || i.status === 'running');
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(archive.reload, 2000);
    return () => clearTimeout(t);
  }, [pending, archive]);

  const close = async () => {
    setMessage(null);
    try {
      const r = await apiRequest<{ month: string; reports: unknown[] }>('POST', `/api/months/${month}/close`);
      setMessage({ kind: 'ok', text: `${r.month} 已月结，${r.reports.length} 份报告已排队生成` });
      archive.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  const regenerate = async (id: string) => {
    try {
      await apiRequest('POST', `/api/reports/archive/${id}/regenerate`);
      archive.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };

  return (
    <>
      {canClose ? (
        <form className="adm-form" onSubmit={(e) => { e.preventDefault(); void close(); }} data-testid="month-close-form">
          <label>
            月份
            <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required data-testid="month-input" />
          </label>
          <button type="submit" data-testid="month-close">月结并生成报告</button>
          <p className="muted">月结后，系统在后台为全辖区及各二级区划生成当月《预算执行分析报告》（Excel 与 PDF），并记录所用数据的截至日期；操作记入审计日志。</p>
        </form>
      ) : null}
      {message ? <FormMessage kind={message.kind}>{message.text}</FormMessage> : null}
      {archive.status === 'error' && !archive.data ? <FormMessage kind="error">{archive.error.message}</FormMessage> : null}
      {archive.data ? (
        <>
          <h2>已月结月份</h2>
          <ul data-testid="closed-months">
            {archive.data.closedMonths.map((m) => (
              <li key={m.month}>{m.month}（{m.closedBy} 于 {m.closedAt.slice(0, 16).replace('T', ' ')} 月结，数据截至 {m.dataAsOf}）</li>
            ))}
          </ul>
          <h2>报告归档</h2>
          <table className="adm-table" data-testid="archive">
            <thead>
              <tr><th>月份</th><th>区划</th><th>状态</th><th>数据截至</th><th>申请人</th><th>完成时间</th><th>下载</th><th>说明</th>{canClose ? <th /> : null}</tr>
            </thead>
            <tbody>
              {archive.data.items.map((i) => (
                <tr key={i.id} data-status={i.status}>
                  <td>{i.month}</td>
                  <td>{i.orgName}（{i.org}）</td>
                  <td>{statusText[i.status]}</td>
                  <td>{i.dataAsOf ?? '—'}</td>
                  <td>{i.requestedBy}</td>
                  <td>{i.finishedAt ? i.finishedAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                  <td>
                    {canDownload && i.xlsx ? <a href={`/api/reports/archive/${i.id}/download?format=xlsx`}>Excel</a> : null}{' '}
                    {canDownload && i.pdf ? <a href={`/api/reports/archive/${i.id}/download?format=pdf`}>PDF</a> : null}
                  </td>
                  <td className="muted">{i.error ?? ''}</td>
                  {canClose ? (
                    <td>
                      {i.status === 'done' || i.status === 'failed' ? <button type="button" onClick={() => void regenerate(i.id)}>重新生成</button> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
