import { rollupRows } from '../data/rollup-rows.ts';
import { useNavigate } from '@tanstack/react-router';
import type { ECharts } from 'echarts/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MoneyUnit } from '../../../queries/format.ts';
import { buildPivot, type DimValue, type PivotRow } from '../../../queries/pivot.ts';
import { compileView, duckdb, viewCubes, type ChartKind, type ViewDefinition } from '../../../queries/index.ts';
import { EChart } from '../charts/EChart.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { postForFile, sendJson } from '../data/api.ts';
import { useEnsureCubes, type LoadedData } from '../data/data-context.tsx';
import { runSql } from '../data/slice.ts';
import { useQuery } from '../data/use-query.ts';
import { saveBlob, exportPng, fileName } from '../dashboards/export.ts';
import type { Lang } from '../i18n/lang.ts';
import { getView, listViews, saveView, type SavedView } from './api.ts';
import { Builder } from './Builder.tsx';
import { chartOption } from './chart-options.ts';
import { drillTarget, type DrillTarget } from './drill.ts';
import { PivotTable } from './PivotTable.tsx';
import { SqlTab } from './SqlTab.tsx';
import { text } from './text.ts';
import { decodeView, encodeView, type WorkbenchSearch } from './url.ts';
import { WorkbenchDetails } from './WorkbenchDetails.tsx';
import './workbench.css';

const CHARTS: Array<Exclude<ChartKind, 'table'>> = ['bar', 'stacked_bar', 'line', 'pie', 'heatmap', 'treemap'];
const CHART_NAMES: Record<Exclude<ChartKind, 'table'>, { zh: string; en: string }> = {
  bar: { zh: '柱状图', en: 'Bar' }, stacked_bar: { zh: '堆叠柱状图', en: 'Stacked bar' }, line: { zh: '折线图', en: 'Line' },
  pie: { zh: '饼图', en: 'Pie' }, heatmap: { zh: '热力图', en: 'Heat map' }, treemap: { zh: '矩形树图', en: 'Treemap' },
};

export type WorkbenchPageSearch = WorkbenchSearch & { lang?: Lang; unit?: MoneyUnit };

/**
 * `/workbench`: build a pivot of any cube by clicking, see it as a table or a chart, drill into vouchers, query the
 * loaded cubes in SQL, save and share the view, export it. The view lives in the URL (`v`), a saved one also by id
 * (`view`), so a view is a link.
 */
export function WorkbenchPage({ data, search }: { data: LoadedData; search: WorkbenchPageSearch }) {
  const lang: Lang = search.lang ?? 'zh';
  const t = useMemo(() => text(lang), [lang]);
  const unit: MoneyUnit = search.unit ?? 'wan';
  const navigate = useNavigate();
  const [saved, setSaved] = useState<SavedView | null>(null);
  const [savedError, setSavedError] = useState<string | null>(null);
  // A saved view's definition opens it; edits then live in `v` beside the id.
  useEffect(() => {
    if (!search.view) return setSaved(null);
    let live = true;
    getView(search.view).then(
      (v) => live && (setSaved(v), setSavedError(null)),
      (e: unknown) => live && setSavedError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [search.view]);
  const decoded = useMemo(() => decodeView(search.v), [search.v]);
  const view: ViewDefinition = search.v ? decoded.view : saved && saved.id === search.view ? saved.definition : decoded.view;
  const waitingForSaved = !!search.view && !search.v && (!saved || saved.id !== search.view) && !savedError;
  const tab = search.tab ?? (view.chart === 'table' ? 'pivot' : 'chart');
  const go = useCallback(
    (patch: Partial<WorkbenchPageSearch>) => void navigate({ to: '/workbench', search: { ...search, ...patch } as never }),
    [navigate, search],
  );
  const setView = (v: ViewDefinition) => go({ v: encodeView(v) });

  const cube = viewCubes[view.cube];
  useEnsureCubes([cube.id]);
  const load = data.cubes[cube.id];
  const cubeReady = load?.status === 'ready';

  const [agencyNames, setAgencyNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    runSql({ sql: 'SELECT mof_div_code, agency_code, agency_name FROM dim_agency', params: [] }).then(
      (rows) => setAgencyNames(new Map(rows.map((r) => [`${r.mof_div_code}:${r.agency_code}`, String(r.agency_name)]))),
      () => undefined,
    );
  }, [data.version]);
  const year = Number((view.asOf ?? data.ctx.dataAsOf).slice(0, 4));
  const valueLabel = useCallback(
    (dim: string, v: string | number | null, path?: readonly DimValue[], rows?: readonly string[]): string => {
      if (v === null) return dim.startsWith('lvl') ? t('own') : '—';
      const s = String(v);
      if (dim === 'month' || dim === 'seen_month') return `${s.slice(0, 4)}-${s.slice(4)}`;
      if (dim.startsWith('lvl') || dim === 'mof_div_code') return data.regions.get(s)?.name ?? s;
      if (dim === 'agency_code') {
        const i = rows?.indexOf('mof_div_code') ?? -1;
        const name = i >= 0 && path ? agencyNames.get(`${path[i]}:${s}`) : undefined;
        return name ? `${s} ${name}` : s;
      }
      const list = dim.startsWith('exp_func') ? 'exp_func' : dim.startsWith('eco_') ? 'dep_bgt_eco' : dim === 'fund_type_code' ? 'fund_type' : null;
      const name = list ? data.codes.name(list, s, year) : undefined;
      return name ? `${s} ${name}` : s;
    },
    [agencyNames, data.codes, data.regions, t, year],
  );

  const compiled = useMemo(() => {
    try {
      return { ok: true as const, q: compileView(view, duckdb, data.ctx, { rollups: rollupRows }) };
    } catch (e) {
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
  }, [view, data.ctx]);
  const key = cubeReady && compiled.ok && !waitingForSaved ? `${load.version}:${compiled.q.sql}:${JSON.stringify(compiled.q.params)}` : null;
  const result = useQuery(key, async () => {
    const t0 = performance.now();
    const rows = await runSql(compiled.ok ? compiled.q : { sql: 'SELECT 1', params: [] });
    const pivot = buildPivot(view, rows);
    const ms = performance.now() - t0;
    performance.mark('fc:workbench-result', { detail: { ms, rows: rows.length } });
    return { pivot, ms, cells: rows.length };
  });
  const pivot = result.data?.pivot;

  const metricDefs = useMemo(() => view.metrics.map((id) => {
    const m = cube.metrics.find((x) => x.id === id)!;
    return { id, label: lang === 'en' ? m.label.en : m.label.zh, format: m.format };
  }), [view.metrics, cube, lang]);
  const rowLabel = useCallback(
    (row: PivotRow) => (row.level === 0 ? t('total') : valueLabel(view.rows[row.level - 1], row.path[row.level - 1], row.path, view.rows)),
    [t, valueLabel, view.rows],
  );
  const colLabel = useCallback((level: number, v: DimValue) => valueLabel(view.columns[level], v), [valueLabel, view.columns]);
  const totalLabel = useCallback((level: number) => (level === 0 ? t('total') : t('subtotal')), [t]);

  const [drill, setDrill] = useState<{ target: DrillTarget; title: string } | null>(null);
  const onCell = (row: PivotRow, colPath: DimValue[], metric: string) => {
    const title = [rowLabel(row), ...colPath.map((v, i) => colLabel(i, v)), metricDefs.find((m) => m.id === metric)?.label].filter(Boolean).join(' · ');
    setDrill({ target: drillTarget(view, row.path, colPath, metric, data.ctx.dataAsOf), title });
  };

  const [saving, setSaving] = useState(false);
  const [views, setViews] = useState<SavedView[]>([]);
  const refreshViews = () => listViews().then((r) => setViews(r.items), () => undefined);
  useEffect(() => {
    void refreshViews();
  }, []);
  const chartRef = useRef<ECharts | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const title = saved?.name ?? `${lang === 'en' ? cube.label.en : cube.label.zh}`;
  const exportFile = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const { blob, filename } = await postForFile('/api/exports', { view, format, title: title.slice(0, 60) });
      saveBlob(blob, filename ?? fileName(title, data.ctx.dataAsOf, format));
    } finally {
      setBusy(null);
    }
  };
  const chartKind: Exclude<ChartKind, 'table'> = view.chart === 'table' ? 'bar' : view.chart;
  const option = useMemo(
    () =>
      pivot
        ? chartOption(chartKind, {
            view,
            pivot,
            unit,
            metricLabel: (id) => metricDefs.find((m) => m.id === id)?.label ?? id,
            metricFormat: (id) => metricDefs.find((m) => m.id === id)?.format ?? 'count',
            rowLabel,
            colLabel: (path) => path.map((v, i) => colLabel(i, v as DimValue)).join(' / '),
          })
        : null,
    [pivot, chartKind, view, unit, metricDefs, rowLabel, colLabel],
  );

  // Each ready cube's table and its rollups (loaded when a query first names them), then the name tables.
  const tables = Object.entries(data.cubes)
    .filter(([, c]) => c.status === 'ready')
    .flatMap(([id]) => {
      const t = viewCubes[id]?.table ?? id;
      return [t, ...[...rollupRows.keys()].filter((r) => r.startsWith(`${t}__`))];
    })
    .concat(['dim_region', 'dim_agency', 'dim_code']);
  return (
    <main className="page workbench" data-testid="workbench">
      <header className="page-head">
        <div className="title-block">
          <h1>{t('title')}</h1>
          {saved && (
            <span className="wb-muted" data-testid="wb-saved-name">
              {saved.name}
              {!saved.mine && ` · ${t('owner')} ${saved.owner}`}
            </span>
          )}
        </div>
        <div className="wb-inline">
          <select value="" data-testid="wb-open" onChange={(e) => e.target.value && go({ view: e.target.value, v: undefined, tab: undefined })} aria-label={t('savedViews')}>
            <option value="">{`${t('savedViews')}（${views.length}）`}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.mine ? '' : ` — ${v.owner}`}
              </option>
            ))}
          </select>
          <select value={unit} onChange={(e) => go({ unit: e.target.value === 'wan' ? undefined : (e.target.value as MoneyUnit) })} data-testid="wb-unit" aria-label={t('unit')}>
            <option value="yuan">元</option>
            <option value="wan">万元</option>
            <option value="yi">亿元</option>
          </select>
          <button type="button" onClick={() => go({ lang: lang === 'zh' ? 'en' : undefined })}>
            {lang === 'zh' ? 'EN' : '中文'}
          </button>
          <UserMenu />
        </div>
      </header>
      {(decoded.error || savedError) && (
        <p className="wb-error" role="alert">
          {decoded.error ?? savedError}
        </p>
      )}
      <div className="wb-layout">
        <aside className="wb-builder" data-testid="wb-builder">
          <Builder view={view} onChange={setView} lang={lang} t={t} valueLabel={valueLabel} cubeReady={cubeReady} />
        </aside>
        <section className="wb-main">
          <div className="wb-toolbar">
            <div className="wb-tabs" role="tablist">
              {(['pivot', 'chart', 'sql'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  aria-selected={tab === k}
                  data-testid={`wb-tab-${k}`}
                  className={tab === k ? 'active' : ''}
                  onClick={() => (k === 'pivot' ? go({ tab: undefined, v: encodeView({ ...view, chart: 'table' }) }) : k === 'chart' ? go({ tab: undefined, v: encodeView({ ...view, chart: chartKind }) }) : go({ tab: 'sql' }))}
                >
                  {t(k)}
                </button>
              ))}
            </div>
            {tab === 'chart' && (
              <div className="wb-tabs" data-testid="wb-chart-kinds">
                {CHARTS.map((k) => (
                  <button key={k} type="button" className={chartKind === k ? 'active' : ''} data-testid={`wb-chart-${k}`} onClick={() => setView({ ...view, chart: k })}>
                    {lang === 'en' ? CHART_NAMES[k].en : CHART_NAMES[k].zh}
                  </button>
                ))}
              </div>
            )}
            <div className="wb-inline wb-actions">
              <button type="button" data-testid="wb-save" onClick={() => setSaving(true)}>
                {t('save')}
              </button>
              <button type="button" data-testid="wb-export-xlsx" disabled={!!busy} onClick={() => void exportFile('xlsx')}>
                {t('exportXlsx')}
              </button>
              <button type="button" data-testid="wb-export-csv" disabled={!!busy} onClick={() => void exportFile('csv')}>
                {t('exportCsv')}
              </button>
              {tab === 'chart' && (
                <button
                  type="button"
                  data-testid="wb-export-png"
                  onClick={() =>
                    chartRef.current &&
                    void exportPng(chartRef.current, fileName(title, data.ctx.dataAsOf, 'png'), () => sendJson('POST', '/api/exports/events', { cube: view.cube, format: 'png', title: title.slice(0, 60) }))
                  }
                >
                  {t('exportPng')}
                </button>
              )}
            </div>
          </div>
          {tab !== 'sql' && (
            <div className="wb-status wb-muted" data-testid="wb-status" data-status={result.status} data-ms={result.data?.ms.toFixed(1) ?? ''} data-rows={pivot?.rows.length ?? ''}>
              {!compiled.ok
                ? compiled.error
                : load?.status === 'error'
                  ? load.message
                  : result.status === 'error'
                    ? result.error
                    : result.status === 'loading' || !pivot
                      ? t('running')
                      : `${pivot.rows.length} ${t('rowsShown')} × ${pivot.columns.length * view.metrics.length} · ${result.data!.ms.toFixed(0)} ms${view.metrics.includes('progress_gap') ? ` · ${t('lagging')}` : ''}`}
            </div>
          )}
          {tab === 'pivot' && pivot && (
            <PivotTable view={view} pivot={pivot} metrics={metricDefs} unit={unit} rowLabel={rowLabel} colLabel={colLabel} totalLabel={totalLabel} onCell={onCell} rowHeader={view.rows.map((d) => { const x = cube.dimensions.find((y) => y.id === d); return x ? (lang === 'en' ? x.label.en : x.label.zh) : d; }).join(' › ')} />
          )}
          {tab === 'chart' && option && (
            <div className="wb-chart" data-testid="wb-chart" data-kind={chartKind}>
              <EChart option={option} ariaLabel={`${title} ${CHART_NAMES[chartKind].zh}`} instanceRef={chartRef} />
            </div>
          )}
          {tab === 'sql' && <SqlTab tables={tables} initial={`SELECT lvl2_code, sum(paid_fen) AS paid_fen\nFROM ${cube.table}\nGROUP BY 1\nORDER BY 2 DESC`} t={t} />}
        </section>
      </div>
      {drill && <WorkbenchDetails target={drill.target} title={drill.title} unit={unit} onClose={() => setDrill(null)} t={t} />}
      {saving && (
        <SaveDialog
          t={t}
          initial={saved?.mine ? saved : null}
          onCancel={() => setSaving(false)}
          onSave={async (body, asNew) => {
            const v = await saveView({ ...body, definition: view }, saved?.mine && !asNew ? saved.id : undefined);
            setSaving(false);
            setSaved(v);
            void refreshViews();
            go({ view: v.id, v: undefined });
          }}
        />
      )}
    </main>
  );
}

function SaveDialog({ t, initial, onSave, onCancel }: {
  t: (k: Parameters<ReturnType<typeof text>>[0]) => string;
  initial: SavedView | null;
  onSave: (body: { name: string; description: string; visibility: 'private' | 'shared' }, asNew: boolean) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [shared, setShared] = useState(initial?.visibility === 'shared');
  const [error, setError] = useState<string | null>(null);
  const submit = (asNew: boolean) =>
    onSave({ name: name.trim(), description, visibility: shared ? 'shared' : 'private' }, asNew).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  return (
    <div className="drawer-backdrop" onClick={onCancel}>
      <form
        className="wb-dialog"
        role="dialog"
        aria-modal="true"
        data-testid="wb-save-dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <h2>{t('save')}</h2>
        <label>
          {t('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required data-testid="wb-save-name" autoFocus />
        </label>
        <label>
          {t('description')}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} rows={3} data-testid="wb-save-description" />
        </label>
        <label className="wb-check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} data-testid="wb-save-shared" />
          {t('shared')}
        </label>
        {error && <p className="wb-error">{error}</p>}
        <div className="wb-inline">
          <button type="submit" data-testid="wb-save-submit" disabled={!name.trim()}>
            {t('save')}
          </button>
          {initial && (
            <button type="button" onClick={() => void submit(true)}>
              {t('saveAs')}
            </button>
          )}
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
