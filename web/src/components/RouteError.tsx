import type { ErrorComponentProps } from '@tanstack/react-router';

/** A page that failed outside any panel (panels catch their own errors). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <main className="page">
      <div className="gate gate-error" role="alert" data-testid="route-error">
        <p>页面出错：{error instanceof Error ? error.message : String(error)}</p>
        <button type="button" onClick={reset}>
          重试
        </button>
      </div>
    </main>
  );
}
