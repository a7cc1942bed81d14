/** The p-th percentile (nearest rank) of `xs`; NaN for no values. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

/** Rounded to one decimal, as the bench figures are reported. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

/** The median and p95 of `xs`, each rounded to one decimal. */
export const quantiles = (xs: readonly number[]) => ({ p50: round1(percentile(xs, 50)), p95: round1(percentile(xs, 95)) });
