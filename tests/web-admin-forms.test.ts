import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../api/src/auth/password.ts';
import { FieldApiError, fieldErrors, unplacedError } from '../web/src/admin/api.ts';
import { generatePassword, passwordAcceptable, passwordChecks } from '../web/src/admin/password-policy.ts';
import { holidayProblems, holidaysBody, holidaysFromApi } from '../web/src/admin/holidays.ts';
import { loginHref } from '../web/src/admin/session.ts';
import { changedThresholds, parseThreshold, rangeHint, unitLabel } from '../web/src/admin/thresholds.ts';
import { groupSecret } from '../web/src/admin/totp-format.ts';
import { filterUsers, statusText, validateUsersSearch } from '../web/src/admin/users-filter.ts';
import type { PublicUser } from '../web/src/admin/api.ts';

describe('password policy in the form', () => {
  const samples: Array<[string, string]> = [
    ['', 'zhang'],
    ['short1A!', 'zhang'],
    ['abcdefghij', 'zhang'],
    ['abcdefghi1', 'zhang'],
    ['Abcdefghi1', 'zhang'],
    ['abcdefgh1!', 'zhang'],
    ['Zhang-2026-pw', 'zhang'],
    ['xx-ZHANG-99a', 'zhang'],
    ['Test-Passw0rd!', 'e2e_analyst'],
    ['长密码长密码长密码长1a', 'li'],
    ['Ab1!'.repeat(33), 'wang'],
  ];
  it('accepts exactly what the server accepts', () => {
    for (const [pw, user] of samples) expect(passwordAcceptable(pw, user), `${pw} / ${user}`).toBe(passwordProblem(pw, user) === null);
  });
  it('says which requirement is missing', () => {
    const failed = (pw: string, u?: string) => passwordChecks(pw, u).filter((c) => !c.ok).map((c) => c.id);
    expect(failed('abc', 'zhang')).toEqual(['length', 'kinds']);
    expect(failed('Zhang-2026-pw', 'zhang')).toEqual(['username']);
    expect(failed('Abcdefghi1')).toEqual([]);
    expect(failed('Ab1!'.repeat(33))).toEqual(['max']);
  });
  it('generates passwords the server accepts, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = generatePassword();
      expect(passwordProblem(pw, 'someone')).toBeNull();
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });
});

describe('thresholds', () => {
  const t = { key: 'red_yuan', label: { zh: '红色金额（元）' }, unit: 'yuan', default: 200_000, min: 0, max: 1e12, value: 200_000 };
  it('parse numbers, with thousands separators, inside the range', () => {
    expect(parseThreshold('250000', t)).toEqual({ ok: true, value: 250_000 });
    expect(parseThreshold(' 1,000,000 ', t)).toEqual({ ok: true, value: 1_000_000 });
    expect(parseThreshold('0.5', { ...t, min: 0.5, max: 60 })).toEqual({ ok: true, value: 0.5 });
    expect(parseThreshold('-15', { ...t, min: -100, max: 0 })).toEqual({ ok: true, value: -15 });
  });
  it('refuse empty, non-numbers and values outside the range, naming the range', () => {
    expect(parseThreshold('', t)).toEqual({ ok: false, message: '请填写数值' });
    expect(parseThreshold('abc', t)).toEqual({ ok: false, message: '请输入数字' });
    expect(parseThreshold('1e400', t)).toEqual({ ok: false, message: '请输入数字' });
    expect(parseThreshold('-1', t)).toEqual({ ok: false, message: '红色金额（元）应在 0 与 1,000,000,000,000 之间' });
  });
  it('send only what changed', () => {
    const saved = [t, { ...t, key: 'orange_yuan', value: 50_000 }];
    expect(changedThresholds(saved, { red_yuan: 200_000, orange_yuan: 60_000 })).toEqual({ orange_yuan: 60_000 });
    expect(changedThresholds(saved, { red_yuan: 200_000 })).toEqual({});
  });
  it('show units and ranges in Chinese', () => {
    expect(unitLabel('pp')).toBe('个百分点');
    expect(unitLabel('count')).toBe('');
    expect(rangeHint(t)).toBe('范围 0 – 1,000,000,000,000 元，默认 200,000');
    expect(rangeHint({ ...t, unit: 'ratio', min: 0, max: 1, default: 0.25 })).toBe('范围 0 – 1 比值，默认 0.25（0.25 即 25%）');
  });
});

describe('holidays', () => {
  it('read days or named days from the API, sorted, each with a name', () => {
    expect(holidaysFromApi(['2026-10-02', '2026-10-01'])).toEqual([
      { day: '2026-10-01', name: '节假日' },
      { day: '2026-10-02', name: '节假日' },
    ]);
    expect(holidaysFromApi([{ day: '2026-05-01', name: '劳动节' }])).toEqual([{ day: '2026-05-01', name: '劳动节' }]);
    expect(holidaysFromApi(undefined)).toEqual([]);
  });
  it('flag bad dates, duplicates and missing names by row', () => {
    const rows = [
      { day: '2026-10-01', name: '国庆节' },
      { day: '2026-02-30', name: '春节' },
      { day: '2026-10-01', name: '国庆节' },
      { day: '2026-10-03', name: '  ' },
    ];
    expect(holidayProblems(rows)).toEqual({
      1: { day: '日期格式应为 yyyy-mm-dd' },
      2: { day: '与第 1 行日期重复' },
      3: { name: '请填写名称' },
    });
    expect(holidayProblems(rows.slice(0, 1))).toEqual({});
  });
  it('save trimmed and in date order', () => {
    expect(holidaysBody([{ day: '2026-10-02', name: ' 国庆节 ' }, { day: '2026-05-01', name: '劳动节' }])).toEqual({
      items: [
        { day: '2026-05-01', name: '劳动节' },
        { day: '2026-10-02', name: '国庆节' },
      ],
    });
  });
});

describe('users table', () => {
  const u = (p: Partial<PublicUser>): PublicUser => ({
    id: '1', username: 'x', displayName: 'x', roles: ['viewer'], scope: '660000000', totpEnabled: false, totpRequired: false, disabled: false, lockedUntil: null, ...p,
  });
  const users = [
    u({ id: '1', username: 'zhang_san', displayName: '张三', roles: ['analyst'], scope: '660100000' }),
    u({ id: '2', username: 'li_si', displayName: '李四', roles: ['admin'], scope: '660000000', disabled: true }),
    u({ id: '3', username: 'wang', displayName: '王五', roles: ['viewer'], scope: '660100000:204001' }),
  ];
  it('filter on every word across name, account, roles in Chinese, scope and status', () => {
    expect(filterUsers(users, '张').map((x) => x.id)).toEqual(['1']);
    expect(filterUsers(users, '系统管理员').map((x) => x.id)).toEqual(['2']);
    expect(filterUsers(users, '660100000').map((x) => x.id)).toEqual(['1', '3']);
    expect(filterUsers(users, '660100000 查看者').map((x) => x.id)).toEqual(['3']);
    expect(filterUsers(users, '已停用').map((x) => x.id)).toEqual(['2']);
    expect(filterUsers(users, undefined)).toHaveLength(3);
  });
  it('show a lock only while it lasts', () => {
    const now = Date.parse('2026-10-31T04:00:00Z');
    expect(statusText(u({ lockedUntil: '2026-10-31 12:10:00+08' }), now)).toBe('已锁定');
    expect(statusText(u({ lockedUntil: '2026-10-31 11:50:00+08' }), now)).toBe('正常');
    expect(statusText(u({ disabled: true, lockedUntil: '2026-10-31 12:10:00+08' }), now)).toBe('已停用');
  });
  it('keep the filter in the URL', () => {
    expect(validateUsersSearch({ q: ' 张 ' })).toEqual({ q: '张' });
    expect(validateUsersSearch({ q: '' })).toStrictEqual({ q: undefined });
    expect(validateUsersSearch({ q: ['x'] })).toStrictEqual({ q: undefined });
  });
});

describe('server errors in forms', () => {
  it('go under the field the server names; others are shown for the form', () => {
    const e = new FieldApiError('用户名 x 已存在', 400, 'bad_request', 'username');
    expect(fieldErrors(e)).toEqual({ username: '用户名 x 已存在' });
    expect(fieldErrors(new FieldApiError('不能在自己的管理范围之外创建用户', 403, 'forbidden'))).toEqual({ '': '不能在自己的管理范围之外创建用户' });
    expect(unplacedError({ username: 'a' }, ['username'])).toBeUndefined();
    expect(unplacedError({ id: '无效的用户编号' }, ['username'])).toBe('无效的用户编号');
    expect(unplacedError({ '': 'x' }, ['username'])).toBe('x');
  });
});

describe('sign-in links and TOTP secrets', () => {
  it('come back to the page after signing in, never to the sign-in page itself', () => {
    expect(loginHref('/dashboards/execution?org=660100000&fund=11')).toBe('/login?redirect=%2Fdashboards%2Fexecution%3Forg%3D660100000%26fund%3D11');
    expect(loginHref('/login?redirect=%2Fx')).toBe('/login');
    expect(loginHref('/')).toBe('/login');
    expect(loginHref()).toBe('/login');
  });
  it('group a base32 secret in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
  });
});
