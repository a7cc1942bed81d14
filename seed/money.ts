/** Money in the generator is integer fen (分); it becomes text of 元 with two decimals only when written. */

/** `123456` → `"1234.56"`, `-5` → `"-0.05"`. Exact for any safe integer. */
export function fenText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const neg = fen < 0;
  const a = neg ? -fen : fen;
  const y = Math.floor(a / 100);
  const f = a - y * 100;
  return `${neg ? '-' : ''}${y}.${f < 10 ? '0' : ''}${f}`;
}

/** Whole 元 → fen. */
export const yuan = (y: number): number => Math.round(y * 100);
