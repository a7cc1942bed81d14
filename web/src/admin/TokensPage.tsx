import { useState } from 'react';
import { screenList } from '../../../dashboards/screens/index.ts';
import type { DisplayTokenInfo } from '../../../dashboards/screens/token.ts';
import { apiRequest, fieldErrors, messageOf, unplacedError, type ListResponse, type Me } from './api.ts';
import { formatChinaTime } from './china-time.ts';
import { CopyButton } from './CopyButton.tsx';
import { Field, FormMessage } from './Field.tsx';
import { ScopeField } from './ScopeField.tsx';
import { useApi } from './use-api.ts';


const screenNames: Record<string, string> = Object.fromEntries(screenList.map((s) => [s.id, s.title.zh]));
const statusNames: Record<DisplayTokenInfo['status'], string> = { active: '有效', revoked: '已撤销', expired: '已过期' };
const time = (s: string | null) => formatChinaTime(s) || '—';

/**
 * 大屏令牌: issue a read-only display token for one scope and screen (its URL is shown once, to copy onto the wall
 * screen), see where each is used, revoke it. The server keeps only a hash and audits every step.
 */
export function TokensPage({ me }: { me: Me }) {
  const list = useApi<ListResponse<DisplayTokenInfo>>('/api/display-tokens');
  const items = list.data?.items ?? null;
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', scope: me.user.scope ?? '', screen: 'overview', days: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<{ url: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body: Record<string, unknown> = { name: form.name, scope: form.scope, screen: form.screen };
      if (form.days) body.expiresInDays = Number(form.days);
      const res = await apiRequest<{ url: string; item: DisplayTokenInfo }>('POST', '/api/display-tokens', body);
      setIssued({ url: res.url, name: res.item.name });
      setForm((f) => ({ ...f, name: '' }));
      list.reload();
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (t: DisplayTokenInfo) => {
    if (!window.confirm(`撤销显示令牌“${t.name}”？使用它的大屏将立即停止显示数据。`)) return;
    try {
      await apiRequest('DELETE', `/api/display-tokens/${t.id}`);
      list.reload();
    } catch (err) {
      setRevokeError(messageOf(err));
    }
  };

  const general = unplacedError(errors, ['name', 'scope', 'expiresInDays']);
  const error = revokeError ?? (list.status === 'error' ? list.error.message : null);
  return (
    <section className="adm-section" data-testid="tokens-page">
      <p className="muted">显示令牌让无人值守的大屏无需登录即可显示所选范围内的数据（只读），可随时撤销；每次使用都记入审计日志。令牌只在签发时显示一次。</p>
      <form className="adm-form" onSubmit={issue} aria-label="签发显示令牌" data-testid="token-form">
        <Field label="名称" required maxLength={60} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} hint="如：指挥中心大屏" />
        <ScopeField value={form.scope} onChange={(scope) => setForm({ ...form, scope })} error={errors.scope} />
        <div className="adm-field">
          <label className="adm-label" htmlFor="token-screen">
            首屏
          </label>
          <select id="token-screen" className="adm-input" value={form.screen} onChange={(e) => setForm({ ...form, screen: e.target.value })}>
            {Object.entries(screenNames).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <Field label="有效天数（留空为长期，直至撤销）" inputMode="numeric" value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value.replace(/\D/g, '') })} error={errors.expiresInDays} />
        {general ? <FormMessage kind="error">{general}</FormMessage> : null}
        <div className="adm-form-actions">
          <button type="submit" className="adm-button adm-button-primary" disabled={busy}>
            签发令牌
          </button>
        </div>
      </form>
      {issued ? (
        <div className="adm-note" role="status" data-testid="token-issued">
          <p>已签发“{issued.name}”。请在大屏浏览器中打开以下地址（仅显示这一次）：</p>
          <input id="token-url" className="adm-input" readOnly value={issued.url} data-testid="token-url" onFocus={(e) => e.target.select()} />
          <CopyButton value={issued.url} targetId="token-url" />
          <p className="muted">可追加参数：rotate=秒（轮播）、refresh=秒（数据检查间隔）、mode=fit|fill|stretch。</p>
        </div>
      ) : null}
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      <div className="adm-table-wrap">
        <table className="adm-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">范围</th>
              <th scope="col">首屏</th>
              <th scope="col">状态</th>
              <th scope="col">签发</th>
              <th scope="col">最近使用</th>
              <th scope="col">到期</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((t) => (
              <tr key={t.id} data-testid={`token-${t.id}`}>
                <td>{t.name}</td>
                <td>{t.scope}</td>
                <td>{screenNames[t.screen] ?? t.screen}</td>
                <td>{statusNames[t.status]}</td>
                <td>
                  {t.createdBy} · {time(t.createdAt)}
                </td>
                <td>{time(t.lastUsedAt)}</td>
                <td>{t.expiresAt ? time(t.expiresAt) : '长期'}</td>
                <td>
                  {t.status === 'active' ? (
                    <button type="button" className="adm-button adm-button-small adm-button-danger" onClick={() => void revoke(t)}>
                      撤销
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
            {items && items.length === 0 ? (
              <tr>
                <td colSpan={8} className="muted">
                  尚未签发显示令牌
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
