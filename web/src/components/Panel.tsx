import type { ReactNode } from 'react';
import type { QueryState } from '../data/use-query.ts';
import { PanelBoundary } from './PanelBoundary.tsx';

export interface PanelProps<T> {
  title: string;
  subtitle?: ReactNode;
  /** The panel's query; the panel shows its loading, empty and error states. */
  query: QueryState<T>;
  isEmpty: (data: T) => boolean;
  emptyText?: string;
  className?: string;
  testId: string;
  children: (data: T) => ReactNode;
}

/**
 * A dashboard panel with its own loading / empty / error states: a failing panel reports its error inside itself and
 * never blanks the page. While new data loads the previous content stays, dimmed.
 */
export function Panel<T>({ title, subtitle, query, isEmpty, emptyText = '所选范围内暂无数据', className, testId, children }: PanelProps<T>) {
  const data = query.data;
  const state = query.status === 'error' ? 'error' : data === undefined ? 'loading' : isEmpty(data) ? 'empty' : query.status === 'loading' ? 'refreshing' : 'ready';
  const titleId = `${testId}-title`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={titleId} data-testid={testId} data-state={state} aria-busy={query.status === 'loading'}>
      <header className="panel-head">
        <h2 id={titleId}>{title}</h2>
        {subtitle ? <div className="panel-sub">{subtitle}</div> : null}
      </header>
      <div className="panel-body">
        <PanelBoundary>
          {query.status === 'error' ? (
            <div className="panel-message panel-error" role="alert">
              数据查询失败：{query.error}
            </div>
          ) : data === undefined ? (
            <div className="panel-message" role="status">
              <span className="spinner" aria-hidden="true" />
              加载中…
            </div>
          ) : isEmpty(data) ? (
            <div className="panel-message" role="status">
              {emptyText}
            </div>
          ) : (
            <div className={query.status === 'loading' ? 'panel-content stale' : 'panel-content'}>{children(data)}</div>
          )}
        </PanelBoundary>
      </div>
    </section>
  );
}
