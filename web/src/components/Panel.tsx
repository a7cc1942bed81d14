import type { ReactNode } from 'react';
import type { QueryState } from '../data/use-query.ts';
import { useI18n } from '../i18n/context.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';

export interface PanelProps<T> {
  title: string;
  subtitle?: ReactNode;
  /** Buttons of the panel's toolbar (drill-through, table, exports). */
  actions?: ReactNode;
  /** The panel's query; the panel shows its loading, empty and error states. */
  query: QueryState<T>;
  isEmpty: (data: T) => boolean;
  emptyText?: string;
  className?: string;
  style?: React.CSSProperties;
  testId: string;
  children: (data: T) => ReactNode;
}

/**
 * A dashboard panel with its own loading / empty / error states: a failing panel reports its error inside itself and
 * never blanks the page. While new data loads the previous content stays, dimmed.
 */
export function Panel<T>({ title, subtitle, actions, query, isEmpty, emptyText, className, style, testId, children }: PanelProps<T>) {
  const { t } = useI18n();
  const data = query.data;
  const state = query.status === 'error' ? 'error' : data === undefined ? 'loading' : isEmpty(data) ? 'empty' : query.status === 'loading' ? 'refreshing' : 'ready';
  const titleId = `${testId}-title`;
  return (
    <section className={`panel ${className ?? ''}`} style={style} aria-labelledby={titleId} data-testid={testId} data-state={state} aria-busy={query.status === 'loading'}>
      <header className="panel-head">
        <h2 id={titleId}>{title}</h2>
        {subtitle ? <div className="panel-sub">{subtitle}</div> : null}
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">
        <PanelBoundary>
          {query.status === 'error' ? (
            <div className="panel-message panel-error" role="alert">
              {t('panel.error', { message: query.error })}
            </div>
          ) : data === undefined ? (
            <div className="panel-message" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('panel.loading')}
            </div>
          ) : isEmpty(data) ? (
            <div className="panel-message" role="status">
              {emptyText ?? t('panel.empty')}
            </div>
          ) : (
            <div className={query.status === 'loading' ? 'panel-content stale' : 'panel-content'}>{children(data)}</div>
          )}
        </PanelBoundary>
      </div>
    </section>
  );
}
