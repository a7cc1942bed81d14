import { colors, palette } from './theme.ts';

/** The large screens' dark palette for the colours the option builders use for text, axes and grid lines. */
export const darkColors: Record<string, string> = {
  [colors.text]: '#eef3ff',
  [colors.axis]: '#b8c6de',
  [colors.grid]: '#2a3a57',
  [colors.selected]: '#8fb8ff',
  [colors.previousYear]: '#7d8aa3',
  [colors.bar]: '#4d8dff',
  '#ffffff': '#0f1b33',
  '#fff': '#0f1b33',
};

/**
 * Recolours a chart option for a dark background: every colour string the builders take from the light theme is
 * swapped for its dark counterpart; functions, numbers and other colours (severity, palette) stay. Pure.
 */
export function darkOption<T>(option: T, map: Record<string, string> = darkColors): T {
  const lower = Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return lower[v.toLowerCase()] ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = walk(option) as Record<string, unknown>;
  // Series coloured per data item (bars) take their legend symbol from the option's palette, ECharts' own by default
  // (its second colour is a yellow-green): give the legend the builders' palette, recoloured.
  if (out && typeof out === 'object' && !('color' in out)) out.color = walk([...palette]);
  // Legends default to ECharts' dark grey text: make it the screen's muted text unless a builder chose a colour.
  const legendText = (l: unknown) => {
    if (!l || typeof l !== 'object') return l;
    const legend = l as { textStyle?: Record<string, unknown> };
    return { ...legend, textStyle: { color: darkLegend, ...legend.textStyle }, inactiveColor: '#4b5a75' };
  };
  if (out && typeof out === 'object' && 'legend' in out) out.legend = Array.isArray(out.legend) ? out.legend.map(legendText) : legendText(out.legend);
  return out as T;
}

const darkLegend = '#b8c6de';
