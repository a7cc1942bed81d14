/**
 * Animated counters: a formatted figure ("1,234.56", "83.3%", "-12.4") is interpolated from the previous figure to the
 * new one keeping the new figure's decimals, separators, sign and suffix, so the animation never shows a longer or
 * differently formatted number than the final one. Pure; the component drives `t` from 0 to 1.
 */
const NUMBER = /^([^\d-]*)(-?)([\d,]*\d)(?:\.(\d+))?(.*)$/;

export interface ParsedFigure {
  prefix: string;
  value: number;
  decimals: number;
  grouped: boolean;
  suffix: string;
}

export function parseFigure(text: string): ParsedFigure | null {
  const m = NUMBER.exec(text.trim());
  if (!m) return null;
  const int = m[3].replace(/,/g, '');
  const decimals = m[4]?.length ?? 0;
  const value = Number(`${m[2]}${int}${decimals ? `.${m[4]}` : ''}`);
  if (!Number.isFinite(value)) return null;
  return { prefix: m[1], value, decimals, grouped: m[3].includes(','), suffix: m[5] };
}

function format(value: number, f: ParsedFigure): string {
  const fixed = Math.abs(value).toFixed(f.decimals);
  const [i, d] = fixed.split('.');
  const int = f.grouped ? i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i;
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${f.prefix}${sign}${int}${d ? `.${d}` : ''}${f.suffix}`;
}

/** Ease-out cubic. */
export const easeOut = (t: number) => 1 - (1 - Math.min(1, Math.max(0, t))) ** 3;

/** The text shown at progress `t` (0…1) from `from` to `to`; exactly `to` at t = 1 or when either is not a number. */
export function figureAt(from: string | null, to: string, t: number): string {
  if (t >= 1) return to;
  const b = parseFigure(to);
  if (!b) return to;
  const a = from === null ? { ...b, value: 0 } : parseFigure(from);
  if (!a) return to;
  return format(a.value + (b.value - a.value) * easeOut(t), b);
}
