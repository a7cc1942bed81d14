import type { Me, RulesResponse } from './api.ts';
import { FormMessage } from './Field.tsx';
import { HolidayEditor } from './HolidayEditor.tsx';
import { holidaysFromApi } from './holidays.ts';
import { RuleCard } from './RuleCard.tsx';
import { useApi } from './use-api.ts';

/** 预警规则设置: the twelve rules and the R11 holiday list. Reading needs data.read or settings.manage, saving settings.manage. */
export function RulesPage({ me }: { me: Me }) {
  const rules = useApi<RulesResponse>('/api/rules');
  const editable = me.actions.includes('settings.manage');
  if (rules.status === 'error' && !rules.data) {
    const forbidden = rules.error.status === 403;
    return (
      <div className="gate" role="alert" data-testid="rules-error">
        {forbidden ? (
          <>
            <p>当前账号不能读取预警规则</p>
            <p className="muted">读取规则需要数据查看权限（查看者、分析员或领导角色）；系统管理员角色本身不含此权限。请为本账号同时授予分析员角色，或联系系统管理员。</p>
          </>
        ) : (
          <>
            <p>预警规则加载失败：{rules.error.message}</p>
            <button type="button" onClick={rules.reload}>
              重试
            </button>
          </>
        )}
      </div>
    );
  }
  if (!rules.data) {
    return (
      <div className="gate" role="status">
        <span className="spinner" aria-hidden="true" />
        <p>正在加载预警规则…</p>
      </div>
    );
  }
  return (
    <>
      {editable ? null : <FormMessage kind="info">只读：修改阈值需要系统管理员的“预警阈值等设置”权限。</FormMessage>}
      <p className="muted adm-lead">阈值与启用状态保存后，于下次评估预警时生效；每次保存都记入审计日志。</p>
      <div className="adm-rules" data-testid="rules">
        {rules.data.items.map((r) => (
          <RuleCard key={r.id} rule={r} editable={editable} onSaved={rules.reload} />
        ))}
      </div>
      <HolidayEditor initial={holidaysFromApi(rules.data.holidays)} editable={editable} onSaved={rules.reload} />
    </>
  );
}
