/**
 * Business calendar of the generator. Days are epoch days (days since 1970-01-01, see queries/time.ts); instants are
 * China-local seconds (`epochDay * 86400 + seconds of the day`), written as `yyyy-mm-dd hh:mm:ss+08`. Working days are
 * Monday to Friday (R11 counts working hours that way; no holiday list by default).
 */
import { epochDay, fromEpochDay } from '../queries/time.ts';

export const DAY_SECONDS = 86_400;
const HOUR = 3_600;

const dayText = new Map<number, string>();
/** `yyyy-mm-dd` of an epoch day (cached: a few hundred distinct days per run). */
export function dateText(day: number): string {
  let s = dayText.get(day);
  if (s === undefined) {
    s = fromEpochDay(day);
    dayText.set(day, s);
  }
  return s;
}

const two = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + i);
/** `yyyy-mm-dd hh:mm:ss+08` of a China-local instant. */
export function timestampText(sec: number): string {
  const day = Math.floor(sec / DAY_SECONDS);
  let s = sec - day * DAY_SECONDS;
  const h = Math.floor(s / HOUR);
  s -= h * HOUR;
  const m = Math.floor(s / 60);
  return `${dateText(day)} ${two[h]}:${two[m]}:${two[s - m * 60]}+08`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Working seconds (Mon–Fri, whole days) between two China-local instants, `a` ≤ `b`. */
export function workingSeconds(a: number, b: number): number {
  let total = 0;
  for (let day = Math.floor(a / DAY_SECONDS); day * DAY_SECONDS < b; day++) {
    if (!isWorkingDay(day)) continue;
    const lo = Math.max(a, day * DAY_SECONDS);
    const hi = Math.min(b, (day + 1) * DAY_SECONDS);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** The `n`-th working day after `day` (n ≥ 0; n = 0 is `day` itself when it is a working day, else the next one). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  while (!isWorkingDay(d)) d++;
  for (let i = 0; i < n; i++) {
    d++;
    while (!isWorkingDay(d)) d++;
  }
  return d;
}

/** The `n`-th working day before `day` (n = 0: `day` if it is a working day, else the previous one). */
export function subWorkingDays(day: number, n: number): number {
  let d = day;
  while (!isWorkingDay(d)) d--;
  for (let i = 0; i < n; i++) {
    d--;
    while (!isWorkingDay(d)) d--;
  }
  return d;
}

/** Epoch days of the first day of each month of `year` (index 1..12) and of the next year's January (index 13). */
export function monthStarts(year: number): number[] {
  const out = [0];
  for (let m = 1; m <= 12; m++) out.push(epochDay(`${year}-${String(m).padStart(2, '0')}-01`));
  out.push(epochDay(`${year + 1}-01-01`));
  return out;
}

/** Working days in [lo, hi] (epoch days), ascending. */
export function workingDaysBetween(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let d = lo; d <= hi; d++) if (isWorkingDay(d)) out.push(d);
  return out;
}
