import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KpiCards } from '../web/src/components/KpiCards.tsx';
import { Panel } from '../web/src/components/Panel.tsx';
import type { KpiRow } from '../web/src/data/execution-rows.ts';
import type { QueryState } from '../web/src/data/use-query.ts';

const panel = (query: QueryState<number[]>) =>
  renderToStaticMarkup(
    createElement(Panel<number[]>, {
      title: '测试面板',
      query,
      isEmpty: (d) => d.length === 0,
      testId: 'panel-test',
      children: (d) => createElement('p', null, `共 ${d.length} 行`),
    }),
  );

describe('Panel', () => {
  it('shows loading until the first data, then the content', () => {
    expect(panel({ status: 'loading' })).toContain('data-state="loading"');
    expect(panel({ status: 'loading' })).toContain('加载中…');
    const ok = panel({ status: 'ok', data: [1, 2] });
    expect(ok).toContain('data-state="ready"');
    expect(ok).toContain('共 2 行');
  });

  it('keeps the previous content, dimmed, while new data loads', () => {
    const html = panel({ status: 'loading', data: [1] });
    expect(html).toContain('data-state="refreshing"');
    expect(html).toContain('panel-content stale');
    expect(html).toContain('共 1 行');
  });

  it('says when there is nothing to show', () => {
    const html = panel({ status: 'ok', data: [] });
    expect(html).toContain('data-state="empty"');
    expect(html).toContain('所选范围内暂无数据');
  });

  it('reports its own error inside itself, with its title still shown', () => {
    const html = panel({ status: 'error', error: 'Catalog Error: Table cube_execution does not exist' });
    expect(html).toContain('data-state="error"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('数据查询失败：Catalog Error');
    expect(html).toContain('<h2 id="panel-test-title">测试面板</h2>');
  });
});

describe('KpiCards', () => {
  const k: KpiRow = { budgetFen: 34_265_840_123n, paidFen: 28_078_760_000n, executionRate: 0.8194, timeProgress: 304 / 365, progressGap: -1.36 };
  const html = (query: QueryState<KpiRow | null>, unit: 'yuan' | 'wan' | 'yi' = 'wan') => renderToStaticMarkup(createElement(KpiCards, { query, unit }));
  const value = (s: string, id: string) => new RegExp(`data-testid="kpi-${id}-value">([^<]*)<`).exec(s)?.[1];

  it('formats each figure with the shared formatters, in the chosen unit', () => {
    const s = html({ status: 'ok', data: k });
    expect(value(s, 'budget')).toBe('34,265.84');
    expect(value(s, 'paid')).toBe('28,078.76');
    expect(value(s, 'execution_rate')).toBe('81.9%');
    expect(value(s, 'time_progress')).toBe('83.3%');
    expect(value(s, 'progress_gap')).toBe('-1.4');
    expect(s).toContain('个百分点');
    expect(value(html({ status: 'ok', data: k }, 'yi'), 'budget')).toBe('3.43');
    expect(value(html({ status: 'ok', data: k }, 'yuan'), 'budget')).toBe('342,658,401.23');
  });

  it('carries each metric’s 口径 in its popover', () => {
    const s = html({ status: 'ok', data: k });
    expect(s).toContain('口径：支出数 ÷ 预算数');
    expect(s).toContain('分母：截至所选日期的预算数');
    expect(s).toContain('不含230转移性支出');
  });

  it('flags a lag past the R01 bands and shows a failure in place', () => {
    expect(html({ status: 'ok', data: { ...k, progressGap: -16 } })).toContain('kpi kpi-warn');
    expect(html({ status: 'ok', data: { ...k, progressGap: -30 } })).toContain('kpi kpi-alert');
    const failed = html({ status: 'error', error: 'boom' });
    expect(failed).toContain('data-state="error"');
    expect(failed).toContain('查询失败');
  });
});
