import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Catches a rendering error inside one panel so the rest of the dashboard keeps working. */
export class PanelBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="panel-message panel-error" role="alert">
          本面板显示出错：{this.state.error.message}
          <button type="button" className="link-button" onClick={() => this.setState({ error: null })}>
            重试
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
