/**
 * Business dates: plain `yyyy-mm-dd` strings and `yyyymm` integers, computed with UTC arithmetic so that results
 * never depend on the process's TZ. The business time zone (Asia/Shanghai by default) only matters when turning an
 * instant into a date ({@link businessDate}).
 */

export type IsoDate = string;
export type TimeProgressBasis = 'day' | 'month';

const DAY_MS = 86_400_000;

export function parseIsoDate(d: IsoDate): { y: number; m: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) throw new RangeError(`not a yyyy-mm-dd date: ${d}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  const t = Date.UTC(y, mo - 1, day);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${d}`);
  }
  return { y, m: mo, day };
}

export function isIsoDate(d: string): boolean {
  try {
    parseIsoDate(d);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 for a business date. */
export function epochDay(d: IsoDate): number {
  const { y, m, day } = parseIsoDate(d);
  return Date.UTC(y, m - 1, day) / DAY_MS;
}

export function fromEpochDay(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromEpochDay(epochDay(d) + n);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 1-based day of the year. */
export function dayOfYear(d: IsoDate): number {
  const { y } = parseIsoDate(d);
  return epochDay(d) - Date.UTC(y, 0, 1) / DAY_MS + 1;
}

/** `yyyymm` of a date. */
export function monthKey(d: IsoDate): number {
  const { y, m } = parseIsoDate(d);
  return y * 100 + m;
}

export function monthEnd(yyyymm: number): IsoDate {
  const y = Math.floor(yyyymm / 100);
  const m = yyyymm % 100;
  return `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

export function yearOf(d: IsoDate): number {
  return parseIsoDate(d).y;
}

/**
 * 序时进度: share of the fiscal year elapsed at `asOf`. Day basis: days elapsed including `asOf` ÷ days in the year
 * (2026-10-31 → 304/365). Month basis: the month of `asOf` counts in full (2026-10-31 → 10/12).
 */
export function timeProgress(asOf: IsoDate, basis: TimeProgressBasis = 'day'): number {
  const { y, m } = parseIsoDate(asOf);
  return basis === 'month' ? m / 12 : dayOfYear(asOf) / daysInYear(y);
}

/** 序时进度 as an exact fraction [elapsed, total]: days (day basis) or months (month basis). */
export function timeProgressFraction(asOf: IsoDate, basis: TimeProgressBasis = 'day'): [number, number] {
  const { y, m } = parseIsoDate(asOf);
  return basis === 'month' ? [m, 12] : [dayOfYear(asOf), daysInYear(y)];
}

/** The as-of date that figures use: the earlier of the chosen date and the data's as-of date. */
export function effectiveAsOf(chosen: IsoDate | undefined, dataAsOf: IsoDate): IsoDate {
  return chosen && chosen < dataAsOf ? chosen : dataAsOf;
}

/** The business date (in `timeZone`) of an instant. */
export function businessDate(instant: Date, timeZone = 'Asia/Shanghai'): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** End of the last complete month before the business date of `now` — the default as-of date of the seed. */
export function lastCompleteMonthEnd(now: Date, timeZone = 'Asia/Shanghai'): IsoDate {
  const today = parseIsoDate(businessDate(now, timeZone));
  const prev = today.m === 1 ? (today.y - 1) * 100 + 12 : today.y * 100 + today.m - 1;
  return monthEnd(prev);
}
