import type { Panel } from '../../../dashboards/define.ts';
import type { SliceRequest } from '../../../queries/slice.ts';
import { postForFile, sendJson } from '../data/api.ts';
import { mainSlice } from './slices.ts';
import type { PageScope } from './scope.ts';

/** The body of `POST /api/exports` for a panel: its main slice (the server adds the user's scope) and a title. */
export function exportBody(panel: Panel, scope: PageScope, format: 'xlsx' | 'csv', title: string): { cube: string; slice: SliceRequest; format: 'xlsx' | 'csv'; title: string } {
  const { request } = mainSlice(panel, scope);
  return { cube: panel.cube.id, slice: request, format, title: title.slice(0, 60) };
}

/** Saves a blob under `filename` through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Exports a panel's data as xlsx or CSV, computed and scoped by the server, and downloads it. */
export async function exportPanel(panel: Panel, scope: PageScope, format: 'xlsx' | 'csv', title: string): Promise<void> {
  const { blob, filename } = await postForFile('/api/exports', exportBody(panel, scope, format, title));
  saveBlob(blob, filename ?? `${title}.${format}`);
}

/** A file name safe on every OS: the title without path or reserved characters, plus the date and extension. */
export function fileName(title: string, asOf: string, ext: string): string {
  return `${title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60)}-${asOf}.${ext}`;
}

/** Records a chart exported as PNG in the server's audit log (`POST /api/exports/events`). */
export async function recordPngExport(panel: Panel, scope: PageScope, title: string): Promise<void> {
  const { slice } = exportBody(panel, scope, 'xlsx', title);
  await sendJson('POST', '/api/exports/events', { cube: panel.cube.id, format: 'png', title: title.slice(0, 60), slice });
}

/** Downloads a chart as PNG (ECharts renders it at twice the pixels on a white background); `onExported` audits it. */
export async function exportPng(chart: { getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string }, name: string, onExported?: () => Promise<void> | void): Promise<void> {
  // A data: URL downloads through a link directly (fetching it would need `connect-src data:` in the CSP).
  const a = document.createElement('a');
  a.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  await onExported?.();
}
