/** Colours and type shared by the chart option builders and the page CSS. */

export const fontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

export const colors = {
  bar: '#2f6fdb',
  own: '#7a93c2',
  warn: '#f08c00',
  alert: '#d9363e',
  timeProgress: '#8c5ad8',
  previousYear: '#9aa5b1',
  axis: '#5c6b7a',
  grid: '#e6eaf0',
  text: '#1f2933',
} as const;

/**
 * Lag bands of 进度偏差 used to colour bars: the default thresholds of rule R01 (执行进度滞后), −15 and −30 points.
 */
export const lagBands = { warn: -15, alert: -30 } as const;

export function lagColor(progressGap: number | null, base: string = colors.bar): string {
  if (progressGap === null) return base;
  if (progressGap <= lagBands.alert) return colors.alert;
  if (progressGap <= lagBands.warn) return colors.warn;
  return base;
}

/** Escapes text from the data before it goes into an HTML tooltip. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
