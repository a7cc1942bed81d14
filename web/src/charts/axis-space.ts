import type { MetricFormat } from '../../../queries/metrics/define.ts';
import { formatAxisTick } from '../dashboards/metric-value.ts';
import { fontFamily } from './theme.ts';

/**
 * The room a chart's axis labels take, computed here so a grid can be given as plain margins: ECharts' `containLabel`
 * (and ECharts 6's default `outerBoundsMode: 'auto'`) lays out and measures every axis label on each update to shrink
 * the plot to fit — about a quarter of a bar chart's update on a dashboard click. The option builders set
 * `outerBoundsMode: 'none'` and add these widths to their margins instead.
 */

/** ECharts' default gap between an axis line and its labels (`axisLabel.margin`), in px. */
export const LABEL_GAP = 8;

const widths = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/**
 * The width in px of `text` in the charts' font at `fontSize` px: measured on a canvas (as ECharts measures it) and
 * kept; where there is no canvas (unit tests under Node), estimated — a CJK character one font size, others 0.6.
 */
export function textWidth(text: string, fontSize: number): number {
  const key = `${fontSize}|${text}`;
  let w = widths.get(key);
  if (w !== undefined) return w;
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (context) {
    context.font = `${fontSize}px ${fontFamily}`;
    w = context.measureText(text).width;
  } else {
    w = 0;
    for (const ch of text) w += (ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6) * fontSize;
  }
  if (widths.size >= 4000) widths.clear();
  widths.set(key, w);
  return w;
}

/** The widest of `labels` at `fontSize`, at most `cap` px (a label ECharts truncates to `cap`). */
export function widestLabel(labels: readonly string[], fontSize: number, cap = Infinity): number {
  let w = 0;
  for (const l of labels) {
    w = Math.max(w, textWidth(l, fontSize));
    if (w >= cap) return cap;
  }
  return w;
}

/**
 * The ticks ECharts puts on a value axis from 0 to `max` (five intervals rounded to a "nice" 1, 2, 3, 5 or 10 × 10ⁿ as
 * its `nice` rounds them, the last tick at or above `max`), as formatted labels: their widest is the room the axis
 * needs beside the plot. Where the option fixes the axis's max (a rate's axis, at least 100%), ECharts ends on `max`
 * itself (0…120%, 137%) rather than the next nice tick (150%): the prediction is then as wide or wider, never narrower.
 */
export function valueTickLabels(max: number, format: MetricFormat): string[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / 5;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const step = (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * base;
  const out: string[] = [];
  for (let i = 0; i <= 10; i++) {
    const v = Number((i * step).toFixed(Math.max(0, -exp + 1)));
    out.push(formatAxisTick(v, format));
    if (v >= top) break;
  }
  return out;
}

/** The height of one line of axis labels at `fontSize` (ECharts' line height for plain text is about 1.2 em). */
export function labelHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.25);
}
