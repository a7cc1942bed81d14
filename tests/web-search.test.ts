import { describe, expect, it } from 'vitest';
import { dashboards } from '../dashboards/index.ts';
import { CodeNames } from '../web/src/data/codes.ts';
import { RegionTree, shortName } from '../web/src/data/regions.ts';
import { asOfOptions, dashboardFilters, rejectedFor, rejectedParams, resolveDashboardView, validateDashboardSearch } from '../web/src/dashboards/search.ts';
import { validateLoginSearch } from '../web/src/routes/login-search.ts';
import { translate } from '../web/src/i18n/messages.ts';

const tree = new RegionTree([
  { code: '660000000', name: '新疆生产建设兵团', parentCode: null, level: 1 },
  { code: '660200000', name: '第二师', parentCode: '660000000', level: 2 },
  { code: '660100000', name: '第一师', parentCode: '660000000', level: 2 },
  { code: '660101000', name: '一团', parentCode: '660100000', level: 3 },
  { code: '660101001', name: '一连', parentCode: '660101000', level: 4 },
]);
const codes = new CodeNames([
  { list: 'exp_func', fiscalYear: 2026, code: '205', name: '教育支出' },
  { list: 'exp_func', fiscalYear: 2026, code: '20502', name: '普通教育' },
  { list: 'exp_func', fiscalYear: 2025, code: '20599', name: '其他教育支出（旧）' },
  { list: 'dep_bgt_eco', fiscalYear: 2026, code: '302', name: '商品和服务支出' },
  { list: 'dep_bgt_eco', fiscalYear: 2026, code: '30217', name: '公务接待费' },
]);
const data = { regions: tree, dataAsOf: '2026-10-31', codes };
const { execution, performance, risk } = dashboards;
const text = (n: { key: Parameters<typeof translate>[1]; vars: Record<string, string | number> }) =>
  translate('zh', n.key, Object.fromEntries(Object.entries(n.vars).map(([k, v]) => [k, k === 'name' ? translate('zh', v as never) : v])));

describe('validateDashboardSearch', () => {
  it('keeps valid params: filters, drill level, as-of date, unit and language', () => {
    const s = { org: '660100000', own: '1', fund: '11', func: '205', funcItem: '20502', eco: '302', ecoItem: '30217', month: '202603', asOf: '2026-03-31', unit: 'yi', lang: 'en', rule: 'R01', severity: 'red', status: 'open', agency: '660100000:204001' };
    expect(validateDashboardSearch(s)).toEqual(s);
  });
  it('drops every invalid param so its default applies, without throwing; every key is present', () => {
    const v = validateDashboardSearch({ org: '6601', fund: 'abc', asOf: '2026-02-30', unit: 'usd', lang: 'fr', month: '202613', rule: 'R13', severity: 'pink', status: 'done', own: 'yes', agency: '660100000-204001', func: '20', funcItem: '205' });
    expect(Object.values(v).every((x) => x === undefined)).toBe(true);
    expect(Object.keys(v)).toContain('org'); // the router merges the raw search under this: a missing key would let it through
    expect(validateDashboardSearch({ org: ['660100000'], fund: '0', asOf: '20260331', unit: null })).toEqual(validateDashboardSearch({}));
  });
  it('accepts codes that a JSON search parser turned into numbers', () => {
    expect(validateDashboardSearch({ org: 660100000, fund: 3, month: 202603 })).toMatchObject({ org: '660100000', fund: '3', month: '202603' });
  });
});

describe('rejectedParams', () => {
  it('lists the params that were present but invalid, for the notice', () => {
    expect(rejectedParams({ org: '660100000', fund: 'x', asOf: '2026-13-45', unit: 'usd', other: 'ignored' })).toEqual([
      { key: 'fund', value: 'x' },
      { key: 'asOf', value: '2026-13-45' },
      { key: 'unit', value: 'usd' },
    ]);
  });
});

describe('dashboardFilters', () => {
  it('are the declared controls plus what panels set by clicking', () => {
    expect([...dashboardFilters(execution)].sort()).toEqual(['asOf', 'eco', 'func', 'fund', 'org']);
    expect([...dashboardFilters(risk)].sort()).toEqual(['org', 'rule', 'severity', 'status']);
    expect([...dashboardFilters(performance)].sort()).toEqual(['asOf', 'func', 'org']);
  });
});

describe('resolveDashboardView', () => {
  it('defaults to the top region, the data as-of date, 万元 and Chinese', () => {
    expect(resolveDashboardView(execution, {}, data)).toMatchObject({ org: { code: '660000000' }, own: false, fund: undefined, asOf: '2026-10-31', unit: 'wan', lang: 'zh', notices: [] });
  });
  it('never claims a date after the data: asOf is the earlier of the chosen date and dataAsOf', () => {
    expect(resolveDashboardView(execution, { asOf: '2027-01-31' }, data)?.asOf).toBe('2026-10-31');
    expect(resolveDashboardView(execution, { asOf: '2026-03-31' }, data)?.asOf).toBe('2026-03-31');
  });
  it('falls back to the top for an unknown region and says so', () => {
    const v = resolveDashboardView(execution, { org: '669900000' }, data)!;
    expect(v.org.code).toBe('660000000');
    expect(v.notices.map(text)).toEqual(['未找到财政区划 669900000，已显示全兵团']);
  });
  it('reports invalid params from the URL with the value it could not use', () => {
    const v = resolveDashboardView(execution, {}, { ...data, rejected: [{ key: 'fund', value: 'x' }] })!;
    expect(v.notices.map(text)).toEqual(['链接参数 fund=x 无效，已使用默认值']);
  });
  it('drills to 本级 only where there are children, and to a unit by its pair of codes', () => {
    expect(resolveDashboardView(execution, { org: '660100000', own: '1' }, data)).toMatchObject({ org: { code: '660100000' }, own: true });
    expect(resolveDashboardView(execution, { org: '660101001', own: '1' }, data)?.own).toBe(false);
    const u = resolveDashboardView(execution, { agency: '660101000:205001' }, data)!;
    expect(u).toMatchObject({ org: { code: '660101000' }, agency: { mofDivCode: '660101000', agencyCode: '205001' }, own: false });
    const moved = resolveDashboardView(execution, { org: '660200000', agency: '660101000:205001' }, data)!;
    expect(moved.org.code).toBe('660101000');
    expect(moved.notices.map(text)).toEqual(['单位 660101000:205001 不在所选区划内，已显示该单位所属区划']);
  });
  it('keeps 类 and 款 consistent: a 款 implies its 类; a 款 of another 类 is dropped; unknown codes are dropped with a notice', () => {
    expect(resolveDashboardView(execution, { funcItem: '20502' }, data)).toMatchObject({ func: '205', funcItem: '20502' });
    expect(resolveDashboardView(execution, { func: '205', funcItem: '30217' }, data)).toMatchObject({ func: '205', funcItem: undefined });
    const v = resolveDashboardView(execution, { func: '999' }, data)!;
    expect(v.func).toBeUndefined();
    expect(v.notices.map(text)).toEqual(['未找到功能分类代码 999，已忽略']);
  });
  it('keeps a month only inside the as-of date’s fiscal year, up to its month', () => {
    const monthly = { ...execution, filters: [...execution.filters, 'month' as const] };
    expect(resolveDashboardView(monthly, { month: '202603' }, data)?.month).toBe(202603);
    const v = resolveDashboardView(monthly, { month: '202611' }, data)!;
    expect(v.month).toBeUndefined();
    expect(v.notices.map(text)).toEqual(['月份 202611 不在统计期内，已忽略']);
  });
  it('ignores, with a notice, a filter the dashboard does not take', () => {
    const v = resolveDashboardView(performance, { fund: '11', rule: 'R01' }, data)!;
    expect(v.fund).toBeUndefined();
    expect(v.rule).toBeUndefined();
    expect(v.notices.map(text)).toEqual(['本看板不按「资金性质」筛选，已忽略链接中的 fund', '本看板不按「预警规则」筛选，已忽略链接中的 rule']);
    expect(resolveDashboardView(risk, { rule: 'R01', severity: 'red', status: 'open' }, data)).toMatchObject({ rule: 'R01', severity: 'red', status: 'open' });
  });
  it('returns null without regions', () => {
    expect(resolveDashboardView(execution, {}, { regions: new RegionTree([]), dataAsOf: '2026-10-31' })).toBeNull();
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
  it('ends with dataAsOf itself when it falls mid-month, in either language', () => {
    expect(asOfOptions('2024-02-15', [2024]).map((x) => x.value)).toEqual(['2024-02-15', '2024-01-31']);
    expect(asOfOptions('2024-02-15', [2024])[0].label).toBe('2024年2月15日');
    expect(asOfOptions('2024-02-15', [2024], 'en').map((x) => x.label)).toEqual(['2024-02-15', '2024-01']);
  });
});

describe('CodeNames', () => {
  it('names a code from its year’s list, else the nearest earlier year, else any', () => {
    expect(codes.label('exp_func', '205', 2026)).toBe('205 教育支出');
    expect(codes.name('exp_func', '20599', 2026)).toBe('其他教育支出（旧）');
    expect(codes.name('exp_func', '205', 2024)).toBe('教育支出');
    expect(codes.label('exp_func', '999')).toBe('999');
    expect(codes.years).toEqual([2025, 2026]);
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

describe('rejectedFor', () => {
  it('remembers the bad params of the last link for the state it led to (the router rewrites the URL without them)', () => {
    const v = validateDashboardSearch({ severity: 'pink', rule: 'R01' });
    expect(rejectedFor(v)).toEqual([{ key: 'severity', value: 'pink' }]);
    expect(rejectedFor(validateDashboardSearch({ rule: 'R01' }))).toEqual([{ key: 'severity', value: 'pink' }]); // the rewritten URL
    expect(rejectedFor(validateDashboardSearch({ rule: 'R02' }))).toEqual([]); // a later state
  });
});
