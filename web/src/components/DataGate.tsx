import { Link } from '@tanstack/react-router';
import type { DataState } from '../data/data-context.tsx';

/** What the page shows until the data is in the browser: 数据准备中… while the server prepares, then load progress. */
export function DataGate({ state }: { state: Exclude<DataState, { phase: 'ready' }> }) {
  switch (state.phase) {
    case 'connecting':
      return <Notice testId="data-connecting" text="正在连接服务…" />;
    case 'preparing':
      return (
        <Notice
          testId="data-preparing"
          text="数据准备中…"
          detail={state.unreachable ? '暂时无法连接服务，稍后自动重试' : '服务端正在生成数据立方体，完成后自动加载'}
        />
      );
    case 'loading':
      return <Notice testId="data-loading" text="正在加载数据…" />;
    case 'empty':
      return <Notice testId="data-empty" text="暂无数据" detail="服务端尚未导入或生成任何数据，导入后自动显示" />;
    case 'unauthorized':
      return (
        <div className="gate" role="status" data-testid="data-unauthorized">
          <p>请先登录</p>
          <Link to="/login" search={{ redirect: currentPath() }}>
            前往登录
          </Link>
        </div>
      );
    case 'error':
      return (
        <div className="gate gate-error" role="alert" data-testid="data-error">
          <p>数据加载失败：{state.message}</p>
          <button type="button" onClick={state.retry}>
            重新加载
          </button>
        </div>
      );
  }
}

function Notice({ text, detail, testId }: { text: string; detail?: string; testId: string }) {
  return (
    <div className="gate" role="status" aria-live="polite" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      <p>{text}</p>
      {detail ? <p className="muted">{detail}</p> : null}
    </div>
  );
}

/** The current path and query, to come back to after signing in. */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}
