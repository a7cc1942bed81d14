import { useId, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import type { ECharts } from 'echarts/core';
import type { Panel } from '../../../dashboards/define.ts';
import type { Metric } from '../../../queries/metrics/define.ts';
import type { SeriesSpec } from '../charts/bar-option.ts';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { Category } from './categories.ts';
import { useDashboard } from './env.tsx';
import { exportPanel, exportPng, fileName, recordPngExport } from './export.ts';
import { clickPatch, detailsTarget, warningsTarget } from './interactions.ts';
import { formatMetric, metricUnit } from './metric-value.ts';

/** A metric as charts name and format it. */
export function useSpec() {
  const { label } = useI18n();
  return (m: Metric): SeriesSpec => ({ id: m.id, name: label(m.label), format: m.format });
}

/** A figure with its unit, as in tooltips and drawers: "1,234.56万元", "83.3%", "-1.4个百分点". */
export function useFigure() {
  const { view } = useDashboard();
  const { lang } = useI18n();
  return (v: Category['values'][string] | undefined, m: Pick<Metric, 'format'>) => {
    const u = metricUnit(m.format, view.unit, lang);
    return `${formatMetric(v, m.format, view.unit)}${u ? (lang === 'en' ? ` ${u}` : u) : ''}`;
  };
}

/** One 口径 popover for a panel: every metric it shows, each with its definition, fund types and denominator. */
export function Calibers({ metrics }: { metrics: readonly Metric[] }) {
  const id = useId();
  const { t, label, lang } = useI18n();
  const colon = lang === 'en' ? ': ' : '：';
  return (
    <span className="caliber caliber-panel" tabIndex={0} aria-describedby={id} data-testid={`calibers-${metrics.map((m) => m.id).join('-')}`}>
      {t('caliber.definition')}
      <span aria-hidden="true">ⓘ</span>
      <span role="tooltip" id={id} className="caliber-pop">
        {metrics.map((m) => (
          <span key={m.id} className="caliber-entry" data-testid={`caliber-${m.id}`}>
            <strong>{label(m.label)}</strong>
            <span>
              {t('caliber.definition')}{colon}{label(m.caliber.definition)}
            </span>
            <span>
              {t('caliber.fundTypes')}{colon}{label(m.caliber.fundTypes)}
            </span>
            {m.caliber.denominator ? (
              <span>
                {t('caliber.denominator')}{colon}{label(m.caliber.denominator)}
              </span>
            ) : null}
          </span>
        ))}
      </span>
    </span>
  );
}

/**
 * What a category does when clicked (drill, filter, drill-through), its tooltip hint, and the right-click
 * drill-through; shared by every chart and table of categories.
 */
export function useCategoryActions(panel: Panel, opts: { cumulative?: boolean; figureOf?: (c: Category) => Partial<Record<'payments' | 'indicators', string>> } = {}) {
  const env = useDashboard();
  const { t, label } = useI18n();
  const { scope } = env;
  const canDetails = (c: Category) => detailsTarget(panel, scope, [c.pick], opts).ok || warningsTarget(panel, scope, [c.pick]).ok;
  const drillThrough = (c: Category, extra: Category['pick'][] = []) => {
    const picks = [c.pick, ...extra];
    if (panel.cube.id === 'execution') {
      const f = opts.figureOf?.(c) ?? {};
      const target = detailsTarget(panel, scope, picks, opts);
      env.openDetails({ panel, picks, cumulative: opts.cumulative, title: `${label(panel.title)} · ${c.label}`, figures: f, kind: target.ok ? target.kind : undefined });
      return;
    }
    const w = warningsTarget(panel, scope, picks);
    if (w.ok) env.openWarnings(w.params, `${label(panel.title)} · ${c.label}`);
  };
  const click = (c: Category) => {
    if (panel.onClick === 'drill_through') return drillThrough(c);
    const patch = clickPatch(panel, c.pick, scope);
    if (patch) env.navigate(patch);
  };
  const clickable = (c: Category | undefined) => Boolean(c && (panel.onClick === 'drill_through' ? canDetails(c) : clickPatch(panel, c.pick, scope)));
  const hint = (c: Category): string | null => {
    const lines: string[] = [];
    if (panel.onClick === 'drill_through' && canDetails(c)) lines.push(t('panel.clickDetails'));
    else if (clickPatch(panel, c.pick, scope)) {
      const key: MessageKey = panel.onClick !== 'drill_org' ? 'panel.clickFilter' : c.pick.kind === 'own' ? 'panel.clickOwn' : c.pick.kind === 'unit' ? 'panel.clickUnit' : 'panel.clickDrill';
      lines.push(t(key));
    }
    if (panel.onClick !== 'drill_through' && canDetails(c)) lines.push(t('panel.contextDetails'));
    return lines.length ? lines.join(' · ') : null;
  };
  return { click, clickable, hint, drillThrough, canDetails };
}

/**
 * The panel's toolbar: drill-through of the whole panel (明细), chart/table toggle, and exports (Excel and CSV from the
 * server, PNG of the chart).
 */
export function PanelToolbar({ panel, chart, table, onToggleTable, details }: { panel: Panel; chart?: MutableRefObject<ECharts | null>; table?: boolean; onToggleTable?: () => void; details?: () => void }) {
  const { scope, view } = useDashboard();
  const { t, label } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const title = label(panel.title);
  const run = async (fn: () => Promise<void>) => {
    if (menu.current) menu.current.open = false; // the menu closes once a choice is made
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(t('panel.exportFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {details ? (
        <button type="button" className="tool" onClick={details} title={t('panel.detailsTitle')} data-testid={`details-${panel.id}`}>
          {t('panel.details')}
        </button>
      ) : null}
      {onToggleTable ? (
        <button type="button" className="tool" aria-pressed={table} onClick={onToggleTable} data-testid={`toggle-${panel.id}`}>
          {table ? t('panel.chart') : t('panel.table')}
        </button>
      ) : null}
      <details className="tool-menu" ref={menu}>
        <summary className="tool" data-testid={`export-${panel.id}`}>
          {busy ? t('panel.exporting') : t('panel.export')}
        </summary>
        <div className="tool-menu-list">
          <button type="button" disabled={busy} onClick={() => void run(() => exportPanel(panel, scope, 'xlsx', title))} data-testid={`export-${panel.id}-xlsx`}>
            {t('panel.exportXlsx')}
          </button>
          <button type="button" disabled={busy} onClick={() => void run(() => exportPanel(panel, scope, 'csv', title))} data-testid={`export-${panel.id}-csv`}>
            {t('panel.exportCsv')}
          </button>
          {chart ? (
            <button type="button" disabled={busy} onClick={() => void run(async () => {
              if (chart.current) await exportPng(chart.current, fileName(title, view.asOf, 'png'), () => recordPngExport(panel, scope, title));
            })} data-testid={`export-${panel.id}-png`}>
              {t('panel.exportPng')}
            </button>
          ) : null}
        </div>
      </details>
      {error ? (
        <span className="tool-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** The panel's categories as a table: visually hidden beside a chart (for screen readers and tests), or shown. */
export function CategoryTable({ panel, cats, metrics, visible, onClick, onDetails }: { panel: Panel; cats: readonly Category[]; metrics: readonly Metric[]; visible?: boolean; onClick?: (c: Category) => void; onDetails?: (c: Category) => void }) {
  const { t, label, lang } = useI18n();
  const { view } = useDashboard();
  const units = cats.some((c) => c.pick.kind === 'unit');
  const body = (
    <table className={visible ? 'data-table' : 'sr-only'} data-testid={`rows-${panel.id}`}>
      <thead>
        <tr>
          <th scope="col">{t('panel.name')}</th>
          {units ? <th scope="col">{t('panel.region')}</th> : null}
          {metrics.map((m) => {
            const u = metricUnit(m.format, view.unit, lang);
            return (
              <th key={m.id} scope="col" className="num">
                {label(m.label)}
                {u ? <span className="th-unit">（{u}）</span> : null}
              </th>
            );
          })}
          {visible && onDetails ? <th scope="col" /> : null}
        </tr>
      </thead>
      <tbody>
        {cats.map((c) => (
          <tr key={c.key} data-testid={`row-${panel.id}`} data-kind={c.pick.kind} data-key={c.key}>
            <th scope="row">
              {visible && onClick ? (
                <button type="button" className="link-button" onClick={() => onClick(c)}>
                  {c.label}
                </button>
              ) : (
                c.label
              )}
            </th>
            {units ? <td>{c.regionName ?? ''}</td> : null}
            {metrics.map((m) => (
              <td key={m.id} className="num" data-metric={m.id}>
                {formatMetric(c.values[m.id], m.format, view.unit)}
              </td>
            ))}
            {visible && onDetails ? (
              <td>
                <button type="button" className="link-button" onClick={() => onDetails(c)}>
                  {t('panel.details')}
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return visible ? <div className="table-scroll">{body}</div> : body;
}

/** The frame's subtitle line: a drill state (e.g. 205 教育 下各款) and the 口径 of the panel's metrics. */
export function Subtitle({ note, metrics }: { note?: ReactNode; metrics: readonly Metric[] }) {
  return (
    <>
      {note ? <span className="panel-note">{note}</span> : null}
      <Calibers metrics={metrics} />
    </>
  );
}
