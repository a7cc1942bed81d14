import { useNavigate } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard } from '../../../dashboards/define.ts';
import { SCREEN_CANVAS, SCREEN_ROWS, screenIds, screens } from '../../../dashboards/screens/index.ts';
import { ChartTransformContext } from '../charts/chart-transform.ts';
import { darkOption } from '../charts/dark-option.ts';
import { AnimateFiguresContext } from '../components/AnimatedFigure.tsx';
import { useDataState, type LoadedData } from '../data/data-context.tsx';
import { DashboardContext, type DashboardEnv } from '../dashboards/env.tsx';
import { PanelView } from '../dashboards/PanelView.tsx';
import { scopeOf } from '../dashboards/scope.ts';
import { resolveDashboardView, validateDashboardSearch } from '../dashboards/search.ts';
import { I18nProvider } from '../i18n/context.tsx';
import type { Lang } from '../i18n/lang.ts';
import { fitCanvas, fontPx, type FitMode, type Size } from './fit.ts';
import { clockDate, clockHm, clockHms, screenText } from './labels.ts';
import { useScreenStatus } from './ScreenData.tsx';
import { nextScreen, type ScreenSearch } from './search.ts';
import './screen.css';

const noop = () => undefined;

function useViewport(): Size {
  const read = () => ({ width: window.innerWidth, height: window.innerHeight });
  const [size, setSize] = useState<Size>(read);
  useEffect(() => {
    const on = () => setSize(read());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

/** The document's root font size follows the screen's scale while a screen is shown (everything is drawn in rem). */
function useScreenDocument(scale: number) {
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('screen-mode');
    return () => {
      html.classList.remove('screen-mode');
      html.style.fontSize = '';
    };
  }, []);
  useEffect(() => {
    document.documentElement.style.fontSize = `${fontPx(scale)}px`;
  }, [scale]);
}

function useNow(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * A wall screen: the declaration drawn on a 1920×1080 design canvas fitted to the real screen (`mode`), dark, with a
 * title bar (数据截至, clock, status badges), a carousel (`rotate`; arrows move, space pauses) and no interaction.
 */
export function ScreenPage({ id, search, rejected }: { id: string; search: ScreenSearch; rejected: string[] }) {
  const lang: Lang = search.lang ?? 'zh';
  const tx = screenText(lang);
  const viewport = useViewport();
  const mode: FitMode = search.mode ?? 'fit';
  const box = fitCanvas(viewport, SCREEN_CANVAS, mode);
  useScreenDocument(box.scale);
  const navigate = useNavigate();
  const [paused, setPaused] = useState(false);
  const go = useCallback(
    (step: 1 | -1) => void navigate({ to: '/screen/$id', params: { id: nextScreen(id, step) }, search: ((prev: ScreenSearch) => prev) as never, replace: true }),
    [navigate, id],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown') go(1);
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp') go(-1);
      else if (e.key === ' ' || e.code === 'Space') setPaused((p) => !p);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  useEffect(() => {
    if (!search.rotate || paused) return;
    const t = setTimeout(() => go(1), search.rotate * 1000);
    return () => clearTimeout(t);
  }, [search.rotate, paused, go, id]);
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);

  const dash = screens[id];
  const state = useDataState();
  const status = useScreenStatus();
  const style = { left: box.left, top: box.top, width: box.width, height: box.height };
  let body: React.ReactNode;
  if (!dash) body = <div className="screen-message" data-testid="screen-unknown">{tx.unknown}：{id}</div>;
  else if (status.revoked) {
    body = (
      <div className="screen-message screen-revoked" role="alert" data-testid="screen-revoked">
        <h1>{tx.revokedTitle}</h1>
        <p>{status.revoked}</p>
        <p>{tx.revokedHint}</p>
      </div>
    );
  } else if (state.phase === 'unauthorized') body = <div className="screen-message" role="alert" data-testid="screen-signin"><a href={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`}>{tx.signIn}</a></div>;
  else if (state.phase === 'empty') body = <div className="screen-message">{tx.empty}</div>;
  else if (state.phase === 'error') body = <div className="screen-message" role="alert">{state.message}</div>;
  else if (state.phase !== 'ready') body = <div className="screen-message" role="status" data-testid="screen-preparing">{state.phase === 'preparing' && state.unreachable ? tx.unreachable : tx.preparing}</div>;
  else body = <ScreenBody dash={dash} data={state.data} lang={lang} fontSize={fontPx(box.scale)} paused={paused} rejected={rejected} />;

  return (
    <div className="screen-stage" data-testid="screen-stage">
      <div
        className="screen-canvas"
        style={style}
        data-testid="screen-canvas"
        data-screen={id}
        data-mode={mode}
        data-scale={box.scale.toFixed(4)}
        data-paused={paused ? 'true' : 'false'}
        data-outage={status.outageSince ? 'true' : 'false'}
        data-cached={status.cachedAt ? 'true' : 'false'}
        data-checks={status.checks}
        data-fetches={status.fetches}
        data-renewals={status.renewals}
        data-wasm-bytes={status.wasmBytes ?? ''}
      >
        {body}
      </div>
    </div>
  );
}

function ScreenBody({ dash, data, lang, fontSize, paused, rejected }: { dash: Dashboard; data: LoadedData; lang: Lang; fontSize: number; paused: boolean; rejected: string[] }) {
  const tx = screenText(lang);
  const status = useScreenStatus();
  const now = useNow(1000);
  const view = useMemo(() => resolveDashboardView(dash, validateDashboardSearch({ lang }), { regions: data.regions, dataAsOf: data.ctx.dataAsOf, codes: data.codes }), [dash, lang, data.regions, data.ctx.dataAsOf, data.codes]);
  const scope = useMemo(() => (view ? scopeOf(view, data.regions, false) : null), [view, data.regions]);
  const env = useMemo<DashboardEnv | null>(
    () => (view && scope ? { dash, data, view, scope, fontSize, me: null, navigate: noop, openDetails: noop, openWarnings: noop, openWarning: noop } : null),
    [dash, data, view, scope, fontSize],
  );
  useEffect(() => {
    document.title = `${dash.title[lang]} · 领导驾驶舱`;
  }, [dash, lang]);
  if (!env || !view) return <div className="screen-message">{tx.empty}</div>;
  const orgName = data.regions.consolidatedLabel(view.org.code);
  return (
    <I18nProvider lang={lang}>
      <AnimateFiguresContext.Provider value={true}>
        <ChartTransformContext.Provider value={darkOption}>
          <DashboardContext.Provider value={env}>
            <header className="screen-head">
              <div className="screen-side">
                <span className="screen-org" data-testid="screen-org">{orgName}</span>
                <span className="screen-asof">
                  {tx.dataAsOf} <time data-testid="screen-data-as-of">{data.ctx.dataAsOf}</time>
                </span>
              </div>
              <h1 className="screen-title" data-testid="screen-title">{dash.title[lang]}</h1>
              <div className="screen-side screen-side-right">
                {status.outageSince ? (
                  <span className="screen-badge screen-badge-outage" role="status" data-testid="screen-outage">
                    {tx.interrupted} · {tx.since} {clockHm(status.outageSince)}
                  </span>
                ) : null}
                {status.cachedAt ? (
                  <span className="screen-badge screen-badge-cached" data-testid="screen-cached">
                    {tx.cached} · {tx.savedAt} {clockHm(status.cachedAt)}
                  </span>
                ) : null}
                {paused ? <span className="screen-badge" data-testid="screen-paused">{tx.paused}</span> : null}
                {rejected.length ? <span className="screen-badge" title={rejected.join(', ')}>{tx.badParams}: {rejected.join(', ')}</span> : null}
                <span className="screen-clock">
                  <span className="screen-date">{clockDate(now)}</span>
                  <time className="screen-time" data-testid="screen-clock">{clockHms(now)}</time>
                </span>
              </div>
            </header>
            <div key={dash.id} className="screen-grid" style={{ gridTemplateRows: `repeat(${SCREEN_ROWS}, minmax(0, 1fr))` }} data-testid="screen-grid">
              {dash.panels.map((p) => (
                <PanelView key={p.id} panel={p} reloadKey={0} />
              ))}
            </div>
            <nav className="screen-dots" aria-hidden="true">
              {screenIds.map((s) => (
                <span key={s} className={s === dash.id ? 'on' : ''} />
              ))}
            </nav>
          </DashboardContext.Provider>
        </ChartTransformContext.Provider>
      </AnimateFiguresContext.Provider>
    </I18nProvider>
  );
}
