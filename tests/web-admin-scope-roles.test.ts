import { describe, expect, it } from 'vitest';
import { matrix, roleLabels as serverRoleLabels, roles as serverRoles, totpRequired } from '../api/src/auth/roles.ts';
import { parseScope, scopeKey } from '../api/src/auth/scope.ts';
import { landingPath, linksFor, needsTotp, roleIds, roleLabels, rolesText, totpRoles } from '../web/src/admin/roles.ts';
import { describeScope, parseScopeInput } from '../web/src/admin/scope.ts';

describe('parseScopeInput', () => {
  it('reads the three kinds', () => {
    expect(parseScopeInput('660100000')).toEqual({ ok: true, scope: { kind: 'region', mofDivCode: '660100000' }, key: '660100000' });
    expect(parseScopeInput('660100000:204')).toEqual({ ok: true, scope: { kind: 'dept', mofDivCode: '660100000', deptCode: '204' }, key: '660100000:204' });
    expect(parseScopeInput('660100000:204001')).toEqual({ ok: true, scope: { kind: 'agency', mofDivCode: '660100000', agencyCode: '204001' }, key: '660100000:204001' });
  });
  it('forgives spaces and a full-width colon, and returns the canonical key', () => {
    expect(parseScopeInput('  660100000 ： 204001 ')).toMatchObject({ ok: true, key: '660100000:204001' });
    expect(parseScopeInput('660100000 :204')).toMatchObject({ ok: true, key: '660100000:204' });
  });
  it('refuses anything else with a message that shows the format', () => {
    for (const bad of ['', '   ', '6601', '66010000x', '660100000:20', '660100000:2040', '660100000:204001:1', '660100000:', 'abc']) {
      const r = parseScopeInput(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(bad.trim() === '' ? /请填写范围/ : /财政区划代码\[:部门代码\|:单位代码\]/);
    }
  });
  it('agrees with the server parser on every canonical key', () => {
    for (const key of ['660000000', '660100000:204', '660100000:204001', '110000000:001']) {
      const r = parseScopeInput(key);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.scope).toEqual(parseScope(key));
        expect(r.key).toBe(scopeKey(parseScope(key)));
      }
    }
  });
});

describe('describeScope', () => {
  it('names what it can and keeps the code beside the name', () => {
    expect(describeScope('660100000', { region: '第一师' })).toBe('第一师（660100000）');
    expect(describeScope('660100000:204', { region: '第一师', dept: '教育局' })).toBe('第一师 · 教育局（660100000:204）');
    expect(describeScope('660100000:204001', { region: '第一师', agency: '第一中学' })).toBe('第一师 · 第一中学（660100000:204001）');
    expect(describeScope('660100000:204001', { region: '第一师' })).toBe('第一师 · 单位 204001（660100000:204001）');
  });
  it('falls back to the codes alone', () => {
    expect(describeScope('660100000')).toBe('区划 660100000');
    expect(describeScope('660100000:204')).toBe('660100000 · 部门 204');
    expect(describeScope('660100000:204001', { region: null })).toBe('660100000 · 单位 204001');
    expect(describeScope('not a scope')).toBe('not a scope');
  });
});

describe('roles', () => {
  it('are the server roles with the same Chinese names and TOTP requirement', () => {
    expect([...roleIds].sort()).toEqual([...serverRoles].sort());
    expect(roleLabels).toEqual(serverRoleLabels);
    expect([...totpRoles].sort()).toEqual([...totpRequired].sort());
  });
  it('read in a fixed order, unknown ones kept', () => {
    expect(rolesText(['viewer', 'admin'])).toBe('系统管理员、查看者');
    expect(rolesText(['analyst', 'auditor', 'leader'])).toBe('安全审计员、领导、分析员');
    expect(rolesText(['ghost'])).toBe('ghost');
    expect(rolesText([])).toBe('');
    expect(needsTotp(['viewer', 'auditor'])).toBe(true);
    expect(needsTotp(['leader'])).toBe(false);
  });
  it('open the administration pages and the landing page that their server actions allow', () => {
    const acts = (...rs: Array<keyof typeof matrix>) => [...new Set(rs.flatMap((r) => matrix[r]))];
    expect(linksFor(acts('admin')).map((l) => l.label)).toEqual(['用户管理', '预警规则设置', '月结与报告归档', '大屏令牌']);
    expect(linksFor(acts('auditor')).map((l) => l.label)).toEqual(['审计日志']);
    expect(linksFor(acts('analyst'))).toEqual([]);
    expect(landingPath(acts('viewer'))).toBe('/dashboards/execution');
    expect(landingPath(acts('admin', 'analyst'))).toBe('/dashboards/execution');
    expect(landingPath(acts('admin'))).toBe('/admin/users');
    expect(landingPath(acts('auditor'))).toBe('/admin/audit');
    expect(landingPath([])).toBe('/account/password');
  });
});
