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
  selected: '#0b3d91',
} as const;

/** Series colours in order (the first is the main bar colour). */
export const palette = ['#2f6fdb', '#13a8a8', '#f0a020', '#8c5ad8', '#e8684a', '#5b8ff9', '#6dc8ec', '#945fb9'] as const;

/** 预警等级 colours (红 / 橙 / 黄), shared by the pie, badges and the heat map legend. */
export const severityColors: Record<string, string> = { red: '#d9363e', orange: '#f08c00', yellow: '#e6b800' };

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
