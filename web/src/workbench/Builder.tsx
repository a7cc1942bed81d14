import { Fragment, useEffect, useMemo, useState } from 'react';
import { viewCubes, type ViewDefinition, type ViewFilter } from '../../../queries/views.ts';
import type { Lang } from '../i18n/lang.ts';
import { pickTable } from '../../../queries/cubes/rollups.ts';
import { rollupRows } from '../data/rollup-rows.ts';
import { runSql } from '../data/slice.ts';
import type { TextKey } from './text.ts';

type T = (k: TextKey) => string;

export interface BuilderProps {
  view: ViewDefinition;
  onChange: (v: ViewDefinition) => void;
  lang: Lang;
  t: T;
  /** A dimension value's display label. */
  valueLabel: (dim: string, v: string | number | null) => string;
  cubeReady: boolean;
}

const OPS = ['<', '<=', '>', '>=', '=', '<>'] as const;

/** The view builder: cube, rows, columns, metrics, filters (multi-select with search, month range), conditions, sort, top-N. */
export function Builder({ view, onChange, lang, t, valueLabel, cubeReady }: BuilderProps) {
  const cube = viewCubes[view.cube];
  const dimLabel = (id: string) => {
    const d = cube.dimensions.find((x) => x.id === id);
    return d ? (lang === 'en' ? d.label.en : d.label.zh) : id;
  };
  const metricLabel = (id: string) => {
    const m = cube.metrics.find((x) => x.id === id);
    return m ? (lang === 'en' ? m.label.en : m.label.zh) : id;
  };
  const used = new Set([...view.rows, ...view.columns]);
  const freeDims = cube.dimensions.filter((d) => !used.has(d.id));
  const set = (patch: Partial<ViewDefinition>) => onChange({ ...view, ...patch });
  const [editing, setEditing] = useState<string | null>(null);
  const [cond, setCond] = useState<{ metric: string; op: (typeof OPS)[number]; value: string }>({ metric: view.metrics[0] ?? '', op: '<', value: '' });

  const dimList = (key: 'rows' | 'columns') => (
    <div className="wb-field" data-testid={`wb-${key}`}>
      <label>{t(key)}</label>
      <div className="wb-chips">
        {view[key].map((d, i) => (
          <span key={d} className="wb-chip" data-testid={`wb-${key}-chip`} data-dim={d}>
            {dimLabel(d)}
            {i > 0 && (
              <button type="button" aria-label="↑" onClick={() => set({ [key]: view[key].map((x, j) => (j === i - 1 ? d : j === i ? view[key][i - 1] : x)) } as Partial<ViewDefinition>)}>
                ↑
              </button>
            )}
            <button type="button" aria-label="×" data-testid={`wb-remove-${d}`} onClick={() => set({ [key]: view[key].filter((x) => x !== d), ...(view.sort?.key === d ? { sort: undefined, topN: undefined } : {}) } as Partial<ViewDefinition>)}>
              ×
            </button>
          </span>
        ))}
      </div>
      <select value="" data-testid={`wb-add-${key}`} onChange={(e) => e.target.value && set({ [key]: [...view[key], e.target.value] } as Partial<ViewDefinition>)}>
        <option value="">{t('add')}</option>
        {freeDims.map((d) => (
          <option key={d.id} value={d.id}>
            {dimLabel(d.id)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="wb-builder-inner">
      <div className="wb-field">
        <label htmlFor="wb-cube">{t('cube')}</label>
        <select
          id="wb-cube"
          data-testid="wb-cube"
          value={view.cube}
          onChange={(e) => {
            const c = viewCubes[e.target.value];
            onChange({ ...view, cube: c.id, rows: [], columns: [], metrics: [c.metrics[0].id], filters: [], conditions: [], sort: undefined, topN: undefined });
          }}
        >
          {Object.values(viewCubes).map((c) => (
            <option key={c.id} value={c.id}>
              {lang === 'en' ? c.label.en : c.label.zh}
            </option>
          ))}
        </select>
      </div>
      {dimList('rows')}
      {dimList('columns')}
      <div className="wb-field" data-testid="wb-metrics">
        <label>{t('metrics')}</label>
        <div className="wb-chips">
          {view.metrics.map((m) => (
            <span key={m} className="wb-chip" data-testid="wb-metrics-chip" data-metric={m}>
              {metricLabel(m)}
              {view.metrics.length > 1 && (
                <button type="button" aria-label="×" data-testid={`wb-remove-${m}`} onClick={() => set({ metrics: view.metrics.filter((x) => x !== m) })}>
                  ×
                </button>
              )}
            </span>
          ))}
        </div>
        <select value="" data-testid="wb-add-metrics" onChange={(e) => e.target.value && set({ metrics: [...view.metrics, e.target.value] })}>
          <option value="">{t('add')}</option>
          {cube.metrics
            .filter((m) => !view.metrics.includes(m.id))
            .map((m) => (
              <option key={m.id} value={m.id}>
                {metricLabel(m.id)}
              </option>
            ))}
        </select>
      </div>
      <div className="wb-field" data-testid="wb-filters">
        <label>{t('filters')}</label>
        {view.filters.map((f, i) => (
          <div key={i} className="wb-filter" data-testid="wb-filter">
            <button type="button" className="wb-link" onClick={() => setEditing(f.dimension)}>
              {filterText(f, dimLabel, valueLabel)}
            </button>
            <button type="button" aria-label="×" onClick={() => set({ filters: view.filters.filter((_, j) => j !== i) })}>
              ×
            </button>
          </div>
        ))}
        <select value="" data-testid="wb-add-filter" onChange={(e) => e.target.value && setEditing(e.target.value)}>
          <option value="">{t('add')}</option>
          {cube.dimensions.map((d) => (
            <option key={d.id} value={d.id}>
              {dimLabel(d.id)}
            </option>
          ))}
        </select>
        {editing && cubeReady && (
          <FilterEditor
            key={editing}
            table={pickTable(cube, { dimensions: [editing], filters: [] }, rollupRows)}
            dim={editing}
            label={dimLabel(editing)}
            current={view.filters.find((f) => f.dimension === editing)}
            valueLabel={valueLabel}
            t={t}
            onCancel={() => setEditing(null)}
            onApply={(f) => {
              const rest = view.filters.filter((x) => x.dimension !== editing);
              set({ filters: f ? [...rest, f] : rest });
              setEditing(null);
            }}
          />
        )}
      </div>
      <div className="wb-field" data-testid="wb-conditions">
        <label>{t('conditions')}</label>
        {view.conditions.map((c, i) => (
          <div key={i} className="wb-filter" data-testid="wb-condition">
            <span>
              {metricLabel(c.metric)} {c.op} {c.value}
            </span>
            <button type="button" aria-label="×" onClick={() => set({ conditions: view.conditions.filter((_, j) => j !== i) })}>
              ×
            </button>
          </div>
        ))}
        <div className="wb-inline">
          <select value={cond.metric} onChange={(e) => setCond({ ...cond, metric: e.target.value })} data-testid="wb-cond-metric">
            {cube.metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {metricLabel(m.id)}
              </option>
            ))}
          </select>
          <select value={cond.op} onChange={(e) => setCond({ ...cond, op: e.target.value as (typeof OPS)[number] })} data-testid="wb-cond-op">
            {OPS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          <input type="number" value={cond.value} onChange={(e) => setCond({ ...cond, value: e.target.value })} data-testid="wb-cond-value" style={{ width: '5rem' }} />
          <button
            type="button"
            data-testid="wb-cond-add"
            disabled={!view.rows.length || cond.value === '' || !Number.isFinite(Number(cond.value))}
            onClick={() => set({ conditions: [...view.conditions, { metric: cond.metric || cube.metrics[0].id, op: cond.op, value: Number(cond.value) }] })}
          >
            +
          </button>
        </div>
      </div>
      <div className="wb-field">
        <label>{t('sort')}</label>
        <div className="wb-inline">
          <select
            data-testid="wb-sort"
            value={view.sort?.key ?? ''}
            onChange={(e) => set(e.target.value ? { sort: { key: e.target.value, desc: view.sort?.desc ?? true } } : { sort: undefined, topN: undefined })}
          >
            <option value="">{t('none')}</option>
            {view.rows.map((d) => (
              <option key={d} value={d}>
                {dimLabel(d)}
              </option>
            ))}
            {cube.metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {metricLabel(m.id)}
              </option>
            ))}
          </select>
          <label className="wb-check">
            <input type="checkbox" checked={view.sort?.desc ?? false} disabled={!view.sort} onChange={(e) => view.sort && set({ sort: { ...view.sort, desc: e.target.checked } })} />
            {t('desc')}
          </label>
        </div>
        <label className="wb-inline">
          {t('topN')}
          <input
            type="number"
            min={1}
            data-testid="wb-topn"
            value={view.topN ?? ''}
            disabled={!view.sort || !cube.metrics.some((m) => m.id === view.sort?.key)}
            onChange={(e) => set({ topN: e.target.value ? Math.max(1, Math.floor(Number(e.target.value))) : undefined })}
            style={{ width: '5rem' }}
          />
        </label>
        <label className="wb-check">
          <input type="checkbox" checked={view.totals} onChange={(e) => set({ totals: e.target.checked })} data-testid="wb-totals" />
          {t('totals')}
        </label>
      </div>
    </div>
  );
}

function filterText(f: ViewFilter, dimLabel: (d: string) => string, valueLabel: (d: string, v: string | number | null) => string): string {
  if (f.dimension === 'org' && f.op === 'subtree') return `${dimLabel('mof_div_code')} ⊂ ${valueLabel('mof_div_code', f.value)}`;
  const name = dimLabel(f.dimension);
  switch (f.op) {
    case 'in':
    case 'not_in': {
      const shown = f.values.slice(0, 3).map((v) => valueLabel(f.dimension, v)).join('、');
      return `${name}${f.op === 'not_in' ? ' ∉ ' : '：'}${shown}${f.values.length > 3 ? ` 等 ${f.values.length} 项` : ''}`;
    }
    case 'between':
      return `${name}：${valueLabel(f.dimension, f.from)} – ${valueLabel(f.dimension, f.to)}`;
    case 'prefix':
      return `${name}：${f.value}*`;
    case 'eq':
    case 'ne':
      return `${name} ${f.op === 'eq' ? '=' : '≠'} ${valueLabel(f.dimension, f.value)}`;
    default:
      return `${name} ${f.op}`;
  }
}

/** A filter's editor: a month range for `month`, otherwise a searchable multi-select of the values in the loaded cube. */
/** A filter editor's 应用 and 取消 buttons. */
function EditorActions({ t, disabled, onApply, onCancel }: { t: T; disabled?: boolean; onApply: () => void; onCancel: () => void }) {
  return (
    <div className="wb-inline">
      <button type="button" data-testid="wb-filter-apply" disabled={disabled} onClick={onApply}>
        {t('apply')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

function FilterEditor({ table, dim, label, current, valueLabel, t, onApply, onCancel }: {
  table: string; dim: string; label: string; current?: ViewFilter; valueLabel: (d: string, v: string | number | null) => string; t: T;
  onApply: (f: ViewFilter | null) => void; onCancel: () => void;
}) {
  const [values, setValues] = useState<Array<string | number>>([]);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set(current && current.op === 'in' ? current.values.map(String) : []));
  const [range, setRange] = useState<{ from: string; to: string }>(current && current.op === 'between' ? { from: String(current.from), to: String(current.to) } : { from: '', to: '' });
  useEffect(() => {
    let live = true;
    // Identifiers come from the cube's declaration (checked against [a-z_][a-z0-9_]*), never from input.
    runSql({ sql: `SELECT DISTINCT ${dim} AS v FROM ${table} WHERE ${dim} IS NOT NULL ORDER BY 1 LIMIT 5000`, params: [] }).then((rows) => live && setValues(rows.map((r) => r.v as string | number)));
    return () => {
      live = false;
    };
  }, [dim, table]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return values.filter((v) => !q || String(v).toLowerCase().includes(q) || valueLabel(dim, v).toLowerCase().includes(q)).slice(0, 300);
  }, [values, query, dim, valueLabel]);
  if (dim === 'month' || dim === 'seen_month') {
    return (
      <div className="wb-editor" data-testid="wb-filter-editor">
        <strong>{label}</strong>
        <div className="wb-inline">
          {(['from', 'to'] as const).map((end) => (
            <Fragment key={end}>
              {t(end)}
              <select value={range[end]} onChange={(e) => setRange({ ...range, [end]: e.target.value })} data-testid={`wb-month-${end}`}>
                <option value="" />
                {values.map((v) => (
                  <option key={String(v)} value={String(v)}>
                    {valueLabel(dim, v)}
                  </option>
                ))}
              </select>
            </Fragment>
          ))}
        </div>
        <EditorActions t={t} disabled={!range.from || !range.to || Number(range.from) > Number(range.to)} onApply={() => onApply({ dimension: dim, op: 'between', from: Number(range.from), to: Number(range.to) })} onCancel={onCancel} />
      </div>
    );
  }
  const toggle = (v: string) =>
    setPicked((s) => {
      const n = new Set(s);
      if (n.has(v)) n.delete(v);
      else n.add(v);
      return n;
    });
  return (
    <div className="wb-editor" data-testid="wb-filter-editor">
      <strong>{label}</strong>
      <input type="search" placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="wb-filter-search" />
      <div className="wb-inline">
        <button type="button" onClick={() => setPicked(new Set([...picked, ...shown.map(String)]))}>
          {t('selectAll')}
        </button>
        <button type="button" onClick={() => setPicked(new Set())}>
          {t('clear')}
        </button>
      </div>
      <div className="wb-options">
        {shown.map((v) => (
          <label key={String(v)} className="wb-check" data-testid="wb-filter-option" data-value={String(v)}>
            <input type="checkbox" checked={picked.has(String(v))} onChange={() => toggle(String(v))} />
            {valueLabel(dim, v)}
          </label>
        ))}
      </div>
      <EditorActions
        t={t}
        onApply={() => {
          const typed = values.filter((v) => picked.has(String(v)));
          onApply(typed.length ? { dimension: dim, op: 'in', values: typed.map((v) => (typeof v === 'bigint' ? Number(v) : v)) } : null);
        }}
        onCancel={onCancel}
      />
    </div>
  );
}
