import { escapeHtml } from './theme.ts';

/** One line of a chart tooltip: a label and its formatted value (with its unit). */
export interface TooltipLine {
  label: string;
  value: string;
  marker?: string;
}

/**
 * The HTML of a tooltip: the category's name in bold, then one `label：value` line per figure, then a hint in a
 * class (not a style attribute). Every text from the data is escaped.
 */
export function tooltipHtml(title: string, lines: readonly TooltipLine[], hint?: string | null, lang: 'zh' | 'en' = 'zh'): string {
  const sep = lang === 'en' ? ': ' : '：';
  const out = [`<strong>${escapeHtml(title)}</strong>`, ...lines.map((l) => `${l.marker ?? ''}${escapeHtml(l.label)}${sep}${escapeHtml(l.value)}`)];
  if (hint) out.push(`<span class="tip-hint">${escapeHtml(hint)}</span>`);
  return out.join('<br/>');
}
