/**
 * Display formatting of figures. Money arrives as integer fen (bigint or integer string) and is scaled and rounded
 * half-up on integers — never through a float — so a shown figure is exactly the rounded total.
 */

export type MoneyUnit = 'yuan' | 'wan' | 'yi';

export const moneyUnits: Record<MoneyUnit, { fen: bigint; zh: string; en: string }> = {
  yuan: { fen: 100n, zh: '元', en: 'yuan' },
  wan: { fen: 1_000_000n, zh: '万元', en: '10k yuan' },
  yi: { fen: 10_000_000_000n, zh: '亿元', en: '100M yuan' },
};

export function toFen(v: bigint | number | string | null | undefined): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError(`fen must be an integer: ${v}`);
    return BigInt(v);
  }
  if (!/^-?\d+$/.test(v)) throw new RangeError(`fen must be an integer: ${v}`);
  return BigInt(v);
}

/** Rounds `fen / unit` half away from zero to `decimals` places; returns the scaled integer and the divisor. */
function roundScaled(fen: bigint, unitFen: bigint, decimals: number): { scaled: bigint; pow: bigint } {
  const pow = 10n ** BigInt(decimals);
  const num = fen * pow;
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / unitFen;
  if ((abs % unitFen) * 2n >= unitFen) q += 1n;
  return { scaled: neg ? -q : q, pow };
}

/** `fen` in `unit` with `decimals` places and thousands separators, e.g. 123456789n fen, 'wan', 2 → "123.46". */
export function formatMoney(fen: bigint | number | string | null | undefined, unit: MoneyUnit = 'wan', decimals = 2): string {
  const { scaled, pow } = roundScaled(toFen(fen), moneyUnits[unit].fen, decimals);
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const int = (abs / pow).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = decimals > 0 ? '.' + (abs % pow).toString().padStart(decimals, '0') : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** The value of `fen` in `unit` as a JS number, for chart axes only (never for shown totals). */
export function moneyValue(fen: bigint | number | string | null | undefined, unit: MoneyUnit = 'wan'): number {
  const { scaled, pow } = roundScaled(toFen(fen), moneyUnits[unit].fen, 4);
  return Number(scaled) / Number(pow);
}

/** `fen` as a string of 元 with two decimals (the JSON convention): 123456n → "1234.56". */
export function fenToYuanString(fen: bigint | number | string): string {
  const f = toFen(fen);
  const neg = f < 0n;
  const abs = neg ? -f : f;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A ratio as a percentage with `decimals` places: 0.83123 → "83.1%". Null → "—". */
export function formatPercent(ratio: number | null | undefined, decimals = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${roundHalfUp(ratio * 100, decimals).toFixed(decimals)}%`;
}

/** Percentage points with sign: −0.23 → "-0.2个百分点" (zh) or "-0.2 pp" (en). */
export function formatPoints(pp: number | null | undefined, lang: 'zh' | 'en' = 'zh', decimals = 1): string {
  if (pp === null || pp === undefined || !Number.isFinite(pp)) return '—';
  const v = roundHalfUp(pp, decimals);
  const s = `${v > 0 ? '+' : ''}${v.toFixed(decimals)}`;
  return lang === 'zh' ? `${s}个百分点` : `${s} pp`;
}

/** Half-up rounding of a float to `decimals` places, robust to binary representation (1.005 → 1.01). */
export function roundHalfUp(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const x = Math.abs(v) * f;
  const r = Math.floor(x + 0.5 + 1e-9);
  return (Math.sign(v) * r) / f || 0;
}
