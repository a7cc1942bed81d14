import { useState } from 'react';
import { apiRequest, messageOf } from './api.ts';
import { FormMessage } from './Field.tsx';
import { holidayProblems, holidaysBody, type HolidayRow } from './holidays.ts';

/** R11's holiday list (days not counted as working time), edited as rows and saved whole with PUT /api/holidays. */
export function HolidayEditor({ initial, editable, onSaved }: { initial: HolidayRow[]; editable: boolean; onSaved: () => void }) {
  const [rows, setRows] = useState<HolidayRow[]>(initial);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const problems = holidayProblems(rows);
  const bad = Object.keys(problems).length > 0;
  const update = (i: number, patch: Partial<HolidayRow>) => {
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    setMessage(null);
  };

  const save = async () => {
    setTried(true);
    if (bad) return;
    setBusy(true);
    try {
      const body = holidaysBody(rows);
      await apiRequest('PUT', '/api/holidays', body);
      setRows(body.items);
      setMessage({ kind: 'ok', text: `已保存 ${body.items.length} 个节假日，下次评估预警时生效。` });
      setTried(false);
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="adm-rule adm-holidays" aria-labelledby="holidays-title" data-testid="holiday-editor">
      <header className="adm-rule-head">
        <h2 id="holidays-title" className="adm-h2">
          <span className="adm-rule-id">R11</span> 节假日（不计入工作时间）
        </h2>
      </header>
      <p className="adm-rule-desc">支付审批超时按周一至周五的工作时间计算，此处列出的日期整天不计。调休上班日暂不支持。</p>
      {rows.length === 0 ? <p className="muted">尚未设置节假日。</p> : null}
      <table className="adm-holiday-table">
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">名称</th>
            <th scope="col">
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const p = tried || r.day !== '' ? problems[i] : undefined;
            return (
              <tr key={i}>
                <td>
                  <input
                    className="adm-input"
                    type="date"
                    aria-label={`第 ${i + 1} 行日期`}
                    value={r.day}
                    readOnly={!editable}
                    aria-invalid={p?.day ? true : undefined}
                    onChange={(e) => update(i, { day: e.target.value })}
                  />
                  {p?.day ? <div className="adm-field-error">{p.day}</div> : null}
                </td>
                <td>
                  <input
                    className="adm-input"
                    aria-label={`第 ${i + 1} 行名称`}
                    value={r.name}
                    readOnly={!editable}
                    maxLength={40}
                    aria-invalid={p?.name && tried ? true : undefined}
                    onChange={(e) => update(i, { name: e.target.value })}
                  />
                  {p?.name && tried ? <div className="adm-field-error">{p.name}</div> : null}
                </td>
                <td>
                  {editable ? (
                    <button type="button" className="link-button adm-danger-link" onClick={() => setRows((x) => x.filter((_, j) => j !== i))} aria-label={`删除第 ${i + 1} 行`}>
                      删除
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message ? <FormMessage kind={message.kind}>{message.text}</FormMessage> : null}
      {tried && bad ? <FormMessage kind="error">请先改正标出的行。</FormMessage> : null}
      {editable ? (
        <div className="adm-form-actions">
          <button type="button" className="adm-button" onClick={() => setRows((x) => [...x, { day: '', name: '' }])}>
            添加一行
          </button>
          <button type="button" className="adm-button adm-button-primary" onClick={save} disabled={busy}>
            {busy ? '正在保存…' : '保存节假日'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
