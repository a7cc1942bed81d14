/** What every part of one generation run shares: options, the calendar of both years, the organisation. */
import { epochDay, timeProgress, type TimeProgressBasis } from '../queries/time.ts';
import { monthStarts } from './calendar.ts';
import type { Org } from './org.ts';

export interface SeedContext {
  seed: number;
  asOf: string;
  asOfDay: number;
  /** The fiscal year of asOf (current, up to asOf) and the one before (complete). */
  year: number;
  prevYear: number;
  basis: TimeProgressBasis;
  /** 序时进度 at asOf with the chosen basis. */
  tp: number;
  org: Org;
  /** Background payments per unit and full year. */
  paymentsPerUnit: number;
  /** monthStarts(year) for both years. */
  months: Map<number, number[]>;
}

export function createContext(opts: { seed: number; asOf: string; basis?: TimeProgressBasis; org: Org; paymentsPerUnit: number }): SeedContext {
  const asOfDay = epochDay(opts.asOf);
  const year = Number(opts.asOf.slice(0, 4));
  const basis = opts.basis ?? 'day';
  return {
    seed: opts.seed,
    asOf: opts.asOf,
    asOfDay,
    year,
    prevYear: year - 1,
    basis,
    tp: timeProgress(opts.asOf, basis),
    org: opts.org,
    paymentsPerUnit: opts.paymentsPerUnit,
    months: new Map([
      [year - 1, monthStarts(year - 1)],
      [year, monthStarts(year)],
    ]),
  };
}

/** Last day a fact of `year` may carry: 31 December, or asOf in the current year. */
export function horizonOf(ctx: SeedContext, year: number): number {
  return year === ctx.year ? ctx.asOfDay : ctx.months.get(year)![13] - 1;
}

/** 30 September of the current year: R08's deadline for a first payment. */
export function sep30(ctx: SeedContext): number {
  return epochDay(`${ctx.year}-09-30`);
}
