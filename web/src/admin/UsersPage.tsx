import { useState } from 'react';
import { apiRequest, messageOf, type ListResponse, type Me, type PublicUser } from './api.ts';
import { formatChinaTime } from './china-time.ts';
import { Dialog } from './Dialog.tsx';
import { FormMessage } from './Field.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { rolesText } from './roles.ts';
import { describeScope, parseScopeInput } from './scope.ts';
import { useRegionNames } from './scope-names.ts';
import { TotpDialog } from './TotpDialog.tsx';
import { useApi } from './use-api.ts';
import { UserCreateDialog } from './UserCreateDialog.tsx';
import { UserEditDialog } from './UserEditDialog.tsx';
import { filterUsers, statusText } from './users-filter.ts';

type Open = { kind: 'create' } | { kind: 'edit' | 'password' | 'totp' | 'disable'; user: PublicUser } | null;

/** 用户管理: the users within the administrator's scope, with everything an administrator does to them. */
export function UsersPage({ me, q, onQuery }: { me: Me; q: string | undefined; onQuery: (q: string | undefined) => void }) {
  const list = useApi<ListResponse<PublicUser>>('/api/users');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const regionName = useRegionNames();
  const scopeText = (key: string) => {
    const p = parseScopeInput(key);
    // Without data tables (a pure administrator) the own scope's name still comes from /api/auth/me.
    const code = p.ok ? p.scope.mofDivCode : '';
    const mine = parseScopeInput(me.user.scope);
    return describeScope(key, { region: regionName(code) ?? (mine.ok && mine.scope.mofDivCode === code ? me.user.scopeName : undefined) });
  };
  const users = list.data?.items ?? [];
  const shown = filterUsers(users, q);
  const close = () => setOpen(null);
  const done = (text: string) => {
    setNotice({ kind: 'ok', text });
    list.reload();
  };

  const setDisabled = async (u: PublicUser, disabled: boolean) => {
    try {
      await apiRequest('PATCH', `/api/users/${encodeURIComponent(u.id)}`, { disabled });
      done(disabled ? `已停用 ${u.username}，其会话已结束` : `已启用 ${u.username}`);
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    }
  };

  return (
    <section className="adm-section" aria-labelledby="users-title">
      <div className="adm-toolbar">
        <h2 id="users-title" className="sr-only">
          用户列表
        </h2>
        <label className="adm-search">
          <span className="adm-label">筛选</span>
          <input
            type="search"
            className="adm-input"
            placeholder="用户名、姓名、角色、范围代码"
            defaultValue={q ?? ''}
            onChange={(e) => onQuery(e.target.value.trim() || undefined)}
            data-testid="users-filter"
          />
        </label>
        <span className="muted" aria-live="polite">
          {list.status === 'ok' || list.data ? `共 ${users.length} 个用户${q ? `，显示 ${shown.length} 个` : ''}` : ''}
        </span>
        <button type="button" className="adm-button adm-button-primary" onClick={() => setOpen({ kind: 'create' })} data-testid="user-add">
          新增用户
        </button>
      </div>
      {notice ? (
        <FormMessage kind={notice.kind} testId="users-notice">
          {notice.text}
        </FormMessage>
      ) : null}
      {list.status === 'error' ? (
        <FormMessage kind="error">
          用户列表加载失败：{list.error.message}{' '}
          <button type="button" className="link-button" onClick={list.reload}>
            重试
          </button>
        </FormMessage>
      ) : null}
      {list.status === 'loading' && !list.data ? (
        <div className="gate" role="status">
          <span className="spinner" aria-hidden="true" />
          <p>正在加载用户…</p>
        </div>
      ) : list.data ? (
        <div className={`adm-table-wrap${list.status === 'loading' ? ' stale' : ''}`} aria-busy={list.status === 'loading'}>
          <table className="data-table adm-table" data-testid="users-table">
            <caption className="sr-only">用户列表（{me.user.scopeName ?? me.user.scope} 范围内）</caption>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">角色</th>
                <th scope="col">范围</th>
                <th scope="col">动态口令</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => {
                const status = statusText(u);
                return (
                  <tr key={u.id} data-testid="user-row" data-username={u.username}>
                    <td className="adm-mono">{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{rolesText(u.roles)}</td>
                    <td>{scopeText(u.scope)}</td>
                    <td>
                      {u.totpEnabled ? '已登记' : u.totpRequired ? <span className="adm-warn-text">未登记（须登记）</span> : '未登记'}
                    </td>
                    <td>
                      <span className={`adm-status adm-status-${status === '正常' ? 'ok' : 'off'}`} title={status === '已锁定' ? `锁定至 ${formatChinaTime(u.lockedUntil)}` : undefined}>
                        {status}
                      </span>
                    </td>
                    <td className="adm-row-actions">
                      <button type="button" className="link-button" onClick={() => setOpen({ kind: 'edit', user: u })} aria-label={`编辑 ${u.username}`}>
                        编辑
                      </button>
                      <button type="button" className="link-button" onClick={() => setOpen({ kind: 'password', user: u })} aria-label={`重置 ${u.username} 的密码`}>
                        重置密码
                      </button>
                      <button type="button" className="link-button" onClick={() => setOpen({ kind: 'totp', user: u })} aria-label={`${u.username} 的动态口令`}>
                        动态口令
                      </button>
                      {u.id === me.user.id ? null : u.disabled ? (
                        <button type="button" className="link-button" onClick={() => setDisabled(u, false)} aria-label={`启用 ${u.username}`}>
                          启用
                        </button>
                      ) : (
                        <button type="button" className="link-button adm-danger-link" onClick={() => setOpen({ kind: 'disable', user: u })} aria-label={`停用 ${u.username}`}>
                          停用
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted adm-empty">
                    {users.length === 0 ? '暂无用户' : '没有符合筛选条件的用户'}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}

      {open?.kind === 'create' ? (
        <UserCreateDialog
          defaultScope={me.user.scope}
          onClose={close}
          onCreated={(u) => {
            close();
            done(`已创建用户 ${u.username}${u.totpRequired ? '。其角色要求动态口令，请在“动态口令”中为其登记后再交付使用' : ''}`);
          }}
        />
      ) : null}
      {open?.kind === 'edit' ? (
        <UserEditDialog
          user={open.user}
          onClose={close}
          onSaved={(u) => {
            close();
            done(`已保存 ${u.username}`);
          }}
        />
      ) : null}
      {open?.kind === 'password' ? <ResetPasswordDialog user={open.user} onClose={close} onDone={() => list.reload()} /> : null}
      {open?.kind === 'totp' ? <TotpDialog user={open.user} onClose={close} onChanged={() => list.reload()} /> : null}
      {open?.kind === 'disable' ? (
        <Dialog title={`停用用户 ${open.user.username}`} onClose={close} testId="disable-dialog">
          <div className="adm-form">
            <p>停用后该用户无法登录，现有会话立即结束；可随时重新启用。</p>
            <div className="adm-form-actions">
              <button type="button" className="adm-button" onClick={close}>
                取消
              </button>
              <button
                type="button"
                className="adm-button adm-button-danger"
                onClick={() => {
                  const u = open.user;
                  close();
                  void setDisabled(u, true);
                }}
              >
                停用
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
