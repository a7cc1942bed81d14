import { useState } from 'react';
import { apiError, filenameOf } from '../data/api.ts';
import { can, useMe } from '../data/me.ts';
import { saveBlob } from '../dashboards/export.ts';
import { useI18n } from '../i18n/context.tsx';

/**
 * 月度报告: downloads the monthly execution analysis report (xlsx or PDF) of the org and month shown, or opens its
 * printable page. Shown to users who may export (the server checks role and scope again).
 */
export function ReportMenu({ org, asOf }: { org: string; asOf: string }) {
  const { t } = useI18n();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!can(me, 'exports.create')) return null;
  const month = asOf.slice(0, 7);
  const url = (format: string) => `/api/reports/monthly?month=${month}&org=${org}&format=${format}`;
  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(url(format));
      if (!res.ok) throw await apiError(res);
      saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition')) ?? `report-${org}-${month}.${format}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="tool-menu report-menu">
      <summary className="tool" data-testid="report-menu">
        {busy ? t('report.busy') : t('report.button')}
      </summary>
      <div className="tool-menu-list">
        <button type="button" disabled={busy} onClick={() => void download('xlsx')} data-testid="report-xlsx">
          {t('report.xlsx')}
        </button>
        <button type="button" disabled={busy} onClick={() => void download('pdf')} data-testid="report-pdf">
          {t('report.pdf')}
        </button>
        <a href={url('html')} target="_blank" rel="noopener" data-testid="report-html">
          {t('report.print')}
        </a>
      </div>
      {error ? (
        <span className="tool-error" role="alert">
          {error}
        </span>
      ) : null}
    </details>
  );
}
