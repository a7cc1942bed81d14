import { describe, expect, it } from 'vitest';
import { RegionTree, shortName } from '../web/src/data/regions.ts';
import { asOfOptions, resolveView, validateExecutionSearch } from '../web/src/routes/execution-search.ts';
import { validateLoginSearch } from '../web/src/routes/login-search.ts';

const tree = new RegionTree([
  { code: '660000000', name: '新疆生产建设兵团', parentCode: null, level: 1 },
  { code: '660200000', name: '第二师', parentCode: '660000000', level: 2 },
  { code: '660100000', name: '第一师', parentCode: '660000000', level: 2 },
  { code: '660101000', name: '一团', parentCode: '660100000', level: 3 },
  { code: '660101001', name: '一连', parentCode: '660101000', level: 4 },
]);

describe('validateExecutionSearch', () => {
  it('keeps valid params', () => {
    expect(validateExecutionSearch({ org: '660100000', fund: '11', asOf: '2026-03-31', unit: 'yi' })).toEqual({ org: '660100000', fund: '11', asOf: '2026-03-31', unit: 'yi' });
  });
  it('drops every invalid param so its default applies, without throwing', () => {
    // Keys are present (undefined) so the router's merge with the raw search cannot bring the bad value back.
    expect(validateExecutionSearch({ org: '6601', fund: 'abc', asOf: '2026-02-30', unit: 'usd' })).toStrictEqual({ org: undefined, fund: undefined, asOf: undefined, unit: undefined });
    expect(validateExecutionSearch({ org: ['660100000'], fund: '0', asOf: '20260331', unit: null })).toEqual({});
    expect(validateExecutionSearch({ fund: '1234' })).toEqual({});
  });
  it('accepts codes that a JSON search parser turned into numbers', () => {
    expect(validateExecutionSearch({ org: 660100000, fund: 3 })).toEqual({ org: '660100000', fund: '3' });
  });
});

describe('resolveView', () => {
  it('defaults to the top region, all funds, the data as-of date and 万元', () => {
    expect(resolveView({}, { regions: tree, dataAsOf: '2026-10-31' })).toMatchObject({ org: { code: '660000000' }, fund: undefined, asOf: '2026-10-31', unit: 'wan', notices: [] });
  });
  it('never claims a date after the data: asOf is the earlier of the chosen date and dataAsOf', () => {
    expect(resolveView({ asOf: '2027-01-31' }, { regions: tree, dataAsOf: '2026-10-31' })?.asOf).toBe('2026-10-31');
    expect(resolveView({ asOf: '2026-03-31' }, { regions: tree, dataAsOf: '2026-10-31' })?.asOf).toBe('2026-03-31');
  });
  it('falls back to the top for an unknown region and says so', () => {
    const v = resolveView({ org: '669900000' }, { regions: tree, dataAsOf: '2026-10-31' });
    expect(v?.org.code).toBe('660000000');
    expect(v?.notices).toEqual(['未找到财政区划 669900000，已显示全兵团']);
  });
  it('returns null without regions', () => {
    expect(resolveView({}, { regions: new RegionTree([]), dataAsOf: '2026-10-31' })).toBeNull();
  });
});

describe('asOfOptions', () => {
  it('lists month ends of the data years up to dataAsOf, latest first', () => {
    const o = asOfOptions('2026-03-31', [2025, 2026]);
    expect(o).toHaveLength(15);
    expect(o[0]).toEqual({ value: '2026-03-31', label: '2026年3月', year: 2026 });
    expect(o[2]).toEqual({ value: '2026-01-31', label: '2026年1月', year: 2026 });
    expect(o[3]).toEqual({ value: '2025-12-31', label: '2025年12月', year: 2025 });
    expect(o[13].value).toBe('2025-02-28');
    expect(o[14].value).toBe('2025-01-31');
  });
  it('ends with dataAsOf itself when it falls mid-month', () => {
    expect(asOfOptions('2024-02-15', [2024]).map((x) => x.value)).toEqual(['2024-02-15', '2024-01-31']);
    expect(asOfOptions('2024-02-15', [2024])[0].label).toBe('2024年2月15日');
  });
});

describe('RegionTree', () => {
  it('knows children (sorted by code), paths and a depth-first order to any depth', () => {
    expect(tree.top()?.code).toBe('660000000');
    expect(tree.children('660000000').map((r) => r.name)).toEqual(['第一师', '第二师']);
    expect(tree.children('660101001')).toEqual([]);
    expect(tree.path('660101001').map((r) => r.name)).toEqual(['新疆生产建设兵团', '第一师', '一团', '一连']);
    expect(tree.walk().map((r) => r.code)).toEqual(['660000000', '660100000', '660101000', '660101001', '660200000']);
  });
  it('labels 汇总 and 本级: 全兵团 / 兵团本级 at the top, the plain name below', () => {
    expect(tree.consolidatedLabel('660000000')).toBe('全兵团');
    expect(tree.ownLabel('660000000')).toBe('兵团本级');
    expect(tree.consolidatedLabel('660100000')).toBe('第一师');
    expect(tree.ownLabel('660100000')).toBe('第一师本级');
  });
  it('shortens top names of other kinds of government', () => {
    expect(shortName('示范省')).toBe('省');
    expect(shortName('广西壮族自治区')).toBe('区');
    expect(shortName('北京市')).toBe('市');
    expect(shortName('兵团本级')).toBe('兵团');
    expect(shortName('某地')).toBe('某地');
  });
});

describe('validateLoginSearch', () => {
  it('keeps a same-origin path with its query', () => {
    expect(validateLoginSearch({ redirect: '/dashboards/execution?org=660100000' })).toEqual({ redirect: '/dashboards/execution?org=660100000' });
  });
  it('refuses anything that could leave the site', () => {
    for (const redirect of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', 42]) {
      expect(validateLoginSearch({ redirect })).toStrictEqual({ redirect: undefined });
    }
  });
});
