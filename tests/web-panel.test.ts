import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Metric } from '../queries/metrics/define.ts';
import { executionRate, progressGap } from '../queries/metrics/execution.ts';
import { CaliberTip } from '../web/src/components/CaliberTip.tsx';
import { Panel } from '../web/src/components/Panel.tsx';
import { watermarkTime } from '../web/src/components/Watermark.tsx';
import type { QueryState } from '../web/src/data/use-query.ts';
import { withData } from '../web/src/data/use-query.ts';
import { I18nProvider } from '../web/src/i18n/context.tsx';

const panel = (query: QueryState<number[]>, lang: 'zh' | 'en' = 'zh') =>
  renderToStaticMarkup(
    createElement(I18nProvider, {
      lang,
      children: createElement(Panel<number[]>, {
        title: '测试面板',
        query,
        isEmpty: (d) => d.length === 0,
        testId: 'panel-test',
        children: (d) => createElement('p', null, `共 ${d.length} 行`),
      }),
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

  it('speaks English when the page does', () => {
    expect(panel({ status: 'loading' }, 'en')).toContain('Loading…');
    expect(panel({ status: 'error', error: 'boom' }, 'en')).toContain('Query failed: boom');
  });
});

describe('withData', () => {
  it('carries derived data with the query’s status', () => {
    expect(withData({ status: 'ok', data: [1] }, 'x')).toEqual({ status: 'ok', data: 'x' });
    expect(withData({ status: 'loading', data: [1] }, 'x')).toEqual({ status: 'loading', data: 'x' });
    expect(withData({ status: 'error', error: 'e' }, undefined)).toEqual({ status: 'error', error: 'e', data: undefined });
  });
});

describe('CaliberTip', () => {
  const html = (lang: 'zh' | 'en', m: Metric = executionRate) => renderToStaticMarkup(createElement(I18nProvider, { lang, children: createElement(CaliberTip, { metric: m }) }));
  it('shows the definition, fund types and denominator from the metric’s definition', () => {
    const s = html('zh');
    expect(s).toContain('口径：支出数 ÷ 预算数');
    expect(s).toContain('分母：截至所选日期的预算数');
    expect(s).toContain('不含230转移性支出');
    expect(s).toContain('data-testid="caliber-execution_rate"');
    expect(html('en', progressGap)).toContain('Definition: Execution rate − time progress, in points (negative = lagging)');
  });
});

describe('watermarkTime', () => {
  it('is China time whatever the browser’s zone', () => {
    expect(watermarkTime(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11-01 00:30');
    expect(watermarkTime(new Date('2026-03-05T01:02:00Z'))).toBe('2026-03-05 09:02');
  });
});
