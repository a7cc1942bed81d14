import { useState } from 'react';
import { apiRequest, messageOf, type AuditVerifyResult } from './api.ts';
import { formatChinaTime } from './china-time.ts';

/** 校验完整性: GET /api/audit/verify re-computes the hash chain; green 完整, or red naming the first bad entry. */
export function AuditVerify() {
  const [state, setState] = useState<{ status: 'idle' } | { status: 'busy' } | { status: 'done'; result: AuditVerifyResult; at: Date } | { status: 'error'; message: string }>({ status: 'idle' });
  const run = async () => {
    setState({ status: 'busy' });
    try {
      setState({ status: 'done', result: await apiRequest<AuditVerifyResult>('GET', '/api/audit/verify'), at: new Date() });
    } catch (e) {
      setState({ status: 'error', message: messageOf(e) });
    }
  };
  return (
    <section className="adm-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title" className="adm-h2">
        完整性校验
      </h2>
      <button type="button" className="adm-button adm-button-primary" onClick={run} disabled={state.status === 'busy'} data-testid="audit-verify">
        {state.status === 'busy' ? '正在校验…' : '校验完整性'}
      </button>
      <div aria-live="polite" className="adm-verify-result">
        {state.status === 'done' ? (
          state.result.ok ? (
            <div className="adm-verdict adm-verdict-ok" data-testid="audit-verdict" data-ok="true">
              <strong>完整</strong>
              <span>
                {state.result.message}（校验于 {formatChinaTime(state.at)}）
              </span>
            </div>
          ) : (
            <div className="adm-verdict adm-verdict-bad" role="alert" data-testid="audit-verdict" data-ok="false">
              <strong>{state.result.firstBadId != null ? `第 ${state.result.firstBadId} 条起不完整` : '不完整'}</strong>
              <span>{state.result.message}</span>
            </div>
          )
        ) : state.status === 'error' ? (
          <div className="adm-verdict adm-verdict-bad" role="alert">
            校验失败：{state.message}
          </div>
        ) : null}
      </div>
    </section>
  );
}
