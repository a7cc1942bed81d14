import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import { I18nContext } from '../i18n/context.tsx';

/** Catches a rendering error inside one panel so the rest of the dashboard keeps working. */
/** With `style`, the error shows as a panel in that grid place (for a boundary around a whole panel). */
export class PanelBoundary extends Component<{ children: ReactNode; style?: React.CSSProperties }, { error: Error | null }> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      const { t } = this.context;
      const message = (
        <div className="panel-message panel-error" role="alert">
          {t('panel.renderError', { message: this.state.error.message })}
          <button type="button" className="link-button" onClick={() => this.setState({ error: null })}>
            {t('panel.retry')}
          </button>
        </div>
      );
      return this.props.style ? (
        <section className="panel" style={this.props.style} data-state="error">
          {message}
        </section>
      ) : (
        message
      );
    }
    return this.props.children;
  }
}
