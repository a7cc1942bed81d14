import { describe, expect, it } from 'vitest';
import { actionLabel, auditApiQuery, auditFilterProblems, pageCount, validateAuditSearch } from '../web/src/admin/audit-search.ts';
import { formatChinaTime, parseInstant } from '../web/src/admin/china-time.ts';

describe('validateAuditSearch', () => {
  it('keeps valid filters', () => {
    expect(validateAuditSearch({ action: 'user.create', username: 'admin1', outcome: 'denied', from: '2026-10-01', to: '2026-10-31', page: '3' })).toEqual({
      action: 'user.create', username: 'admin1', outcome: 'denied', from: '2026-10-01', to: '2026-10-31', page: 3,
    });
  });
  it('drops what the server would refuse, keeping every key so the raw value cannot come back', () => {
    expect(validateAuditSearch({ action: 'DROP TABLE', outcome: 'maybe', from: '2026-02-30', to: '31/10/2026', page: '0', username: 'x'.repeat(65) })).toStrictEqual({
      action: undefined, username: undefined, outcome: undefined, from: undefined, to: undefined, page: undefined,
    });
    expect(validateAuditSearch({ page: '1' }).page).toBeUndefined(); // page 1 is the default: not in the URL
    expect(validateAuditSearch({ page: 2 }).page).toBe(2);
  });
});

describe('auditApiQuery', () => {
  it('pages by 100 from offset 0', () => {
    expect(auditApiQuery({})).toBe('limit=100&offset=0');
    expect(auditApiQuery({ page: 3, outcome: 'failed', username: '张 三' })).toBe('username=%E5%BC%A0+%E4%B8%89&outcome=failed&limit=100&offset=200');
  });
  it('counts pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(100)).toBe(1);
    expect(pageCount(101)).toBe(2);
  });
  it('refuses an end date before the start date', () => {
    expect(auditFilterProblems({ from: '2026-10-31', to: '2026-10-01' })).toEqual({ to: '结束日期不能早于开始日期' });
    expect(auditFilterProblems({ from: '2026-10-01', to: '2026-10-01' })).toEqual({});
  });
  it('names actions in Chinese, unknown ones as they are', () => {
    expect(actionLabel('user.create')).toBe('创建用户');
    expect(actionLabel('something.new')).toBe('something.new');
  });
});

describe('China time', () => {
  it(`shows instants in Asia/Shanghai whatever the process time zone (TZ=${process.env.TZ ?? 'unset'})`, () => {
    expect(formatChinaTime('2026-10-31T16:30:05.123Z')).toBe('2026-11-01 00:30:05');
    expect(formatChinaTime('2026-10-31 12:00:00+08')).toBe('2026-10-31 12:00:00');
    expect(formatChinaTime('2026-10-31 04:00:00.5+00')).toBe('2026-10-31 12:00:00');
    expect(formatChinaTime('2026-10-31T06:30:00+05:30')).toBe('2026-10-31 09:00:00');
    expect(formatChinaTime('2026-12-31 23:59:59+0800')).toBe('2026-12-31 23:59:59');
  });
  it('refuses what is not an instant', () => {
    expect(parseInstant('2026-10-31')).toBeNull();
    expect(parseInstant('2026-10-31 12:00:00')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
    expect(formatChinaTime(null)).toBe('');
    expect(formatChinaTime('2026-13-01T00:00:00Z')).toBe('');
  });
});
