/**
 * The plan of one unit and fiscal year: its indicator lines (with adjustments), its projects, and for every line the
 * exact amount paid in each month up to the horizon (31 December, or asOf in the current year). Payments are then
 * drawn from the plan (payments.ts), so every figure a rule looks at — budget, paid, December share, per-line totals —
 * is fixed in integer fen before a single row is written. This file holds the model and its small helpers; the
 * background lines come from background.ts, calibration from calibrate.ts, planted scenarios from plants.ts.
 */
import { addWorkingDays, DAY_SECONDS } from './calendar.ts';
import type { SeedContext } from './context.ts';
import type { EntrySink } from './manifest.ts';
import type { SupplierKind } from './names.ts';
import type { Unit } from './org.ts';
import type { Payee } from './payees.ts';
import type { Rng } from './random.ts';

export type LineKind =
  | 'salary' | 'bonus' | 'social' | 'housing' | 'utility' | 'goods' | 'labor' | 'sangong' | 'subsidy'
  | 'capital' | 'transfer' | 'carryover' | 'car' | 'plant';

/** Who a line pays: staff, other persons, a utility, or suppliers of a kind. */
export type PayeeRole = 'staff' | 'person' | 'power' | 'water' | 'social' | 'housing' | SupplierKind;

export interface Adjustment {
  bgtId: string;
  source: 'adjust' | 'supplement';
  amount: number;
  docDay: number;
}

/** A payment placed exactly by a scenario (never moved by the background). */
export interface FixedPayment {
  seq: number;
  amount: number;
  applySec: number;
  /** null while pending. */
  approveSec: number | null;
  payDay: number | null;
  payee: Payee;
  payType: 'direct' | 'authorized';
}

export interface Line {
  seq: number;
  bgtId: string;
  kind: LineKind;
  proCode: string;
  func: string;
  eco: string;
  fund: string;
  source: 'initial' | 'transfer' | 'carryover';
  amount: number;
  docDay: number;
  adjustments: Adjustment[];
  /** amount + adjustments issued by the horizon. */
  net: number;
  /** Calibrated by the background (true) or set by a schedule or a scenario (false). */
  flexible: boolean;
  /** Fen paid (rows with a pay_date, returns included) by the horizon. */
  target: number;
  /** Background payments wanted over a full year. */
  count: number;
  role: PayeeRole;
  fixed: FixedPayment[];
  /** Fen paid in each month (index 1..12). */
  monthly: number[];
  /** Background returns and pending applications may be added (never on planted lines). */
  extras: boolean;
}

export interface Project {
  proCode: string;
  name: string;
  cat: '1' | '2' | '3';
  func: string;
  hasGoal: boolean;
  monitored: boolean;
  evalLevel: 'none' | 'self' | 'dept' | 'finance';
  /** In hundredths (9250 = 92.50), null when not evaluated. */
  evalScore: number | null;
  /** Σ net of its lines (filled by finishPlan). */
  amount: number;
}

export interface UnitYearPlan {
  ctx: SeedContext;
  unit: Unit;
  year: number;
  current: boolean;
  yearStart: number;
  horizon: number;
  lines: Line[];
  projects: Project[];
  /** Monthly salary of each staff member, fen. */
  salaries: number[];
  /** Day of the month salaries are paid (the next working day when it falls on a weekend). */
  salaryDay: number;
  /** Relative monthly spending of flexible lines, index 1..12. */
  weights: number[];
  /** No background returns this year (exact December share of an R02 scenario). */
  noReturns: boolean;
  /** R01 is exempt from the clean-background check (a planted R01 scenario). */
  plantedR01: boolean;
  /** R02 is exempt from the clean-background check (a planted R02 scenario). */
  plantedR02: boolean;
  nextPlantSeq: number;
  nextLineSeq: number;
  nextProjectSeq: number;
  entries: EntrySink;
  /** Why the plan cannot be clean, if it cannot. */
  problem: string | null;
}

/** A scenario's hooks into a plan. */
export interface PlanHook {
  before?(plan: UnitYearPlan): void;
  after?(plan: UnitYearPlan): void;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** 100 元 in fen: indicator amounts are whole hundreds of 元. */
export const H = 10_000;

/** Who is paid under an economic 款. */
export function roleOfEco(eco: string, unitKind: Unit['kind']): PayeeRole {
  switch (eco) {
    case '30211': return 'staff'; // 差旅费 reimbursed to staff
    case '30202': return 'print';
    case '30207': return 'it';
    case '30209': case '30216': return 'service';
    case '30213': return 'construction';
    case '30215': case '30217': return 'catering';
    case '30218': return unitKind === 'hospital' ? 'medical' : 'goods';
    case '30225': case '30231': case '30913': case '31013': return 'vehicle';
    case '30227': return 'it';
    case '30212': return 'travel';
    case '30226': return 'person';
    case '30901': case '30905': case '30906': case '31001': case '31005': case '31006': return 'construction';
    case '30903': case '31003': return unitKind === 'hospital' ? 'medical' : 'goods';
    case '30907': case '31007': return 'it';
    default: return eco.startsWith('303') ? 'person' : 'goods';
  }
}

export function bgtIdOf(plan: UnitYearPlan, seq: number): string {
  return `ZB${plan.year}${plan.unit.region.code}${plan.unit.code}${pad(seq, 4)}`;
}

export function proCodeOf(plan: UnitYearPlan, seq: number): string {
  return `${plan.unit.region.code}${plan.year}${plan.unit.code}${pad(seq, 3)}`;
}

export function payAppNoOf(year: number, unit: Unit, seq: number): string {
  return `ZF${year}${unit.region.code}${unit.code}${pad(seq, 6)}`;
}

/** Adds a line (before finishPlan computes nets and targets). */
export function addLine(plan: UnitYearPlan, l: Omit<Line, 'seq' | 'bgtId' | 'net' | 'target' | 'monthly' | 'fixed' | 'adjustments' | 'extras' | 'count'> & Partial<Pick<Line, 'adjustments' | 'extras' | 'count' | 'fixed' | 'target'>>): Line {
  const seq = plan.nextLineSeq++;
  const line: Line = {
    adjustments: [],
    extras: l.flexible,
    count: 0,
    fixed: [],
    target: 0,
    ...l,
    seq,
    bgtId: bgtIdOf(plan, seq),
    net: 0,
    monthly: new Array(13).fill(0),
  };
  plan.lines.push(line);
  return line;
}

export function addAdjustment(plan: UnitYearPlan, line: Line, source: Adjustment['source'], amount: number, docDay: number): Adjustment {
  const a: Adjustment = { bgtId: bgtIdOf(plan, plan.nextLineSeq++), source, amount, docDay };
  line.adjustments.push(a);
  return a;
}

export function addProject(plan: UnitYearPlan, p: Omit<Project, 'proCode' | 'amount'>): Project {
  const proj: Project = { ...p, proCode: proCodeOf(plan, plan.nextProjectSeq++), amount: 0 };
  plan.projects.push(proj);
  return proj;
}

/** A month (1..12) of an epoch day within the plan's year. */
export function monthOf(plan: UnitYearPlan, day: number): number {
  const starts = plan.ctx.months.get(plan.year)!;
  let m = 1;
  while (m < 12 && day >= starts[m + 1]) m++;
  return m;
}

/** Adds a fixed (scenario) payment to a line and its month. */
export function addFixed(plan: UnitYearPlan, line: Line, p: Omit<FixedPayment, 'seq'>): FixedPayment {
  const fp: FixedPayment = { ...p, seq: plan.nextPlantSeq++ };
  line.fixed.push(fp);
  return fp;
}

/** Timestamps of a payment approved on `day`: applied the same morning, approved a few hours later. */
export function sameDayTimes(day: number, rng: Rng): { applySec: number; approveSec: number } {
  const apply = day * DAY_SECONDS + rng.int(9 * 3600, 12 * 3600);
  return { applySec: apply, approveSec: apply + rng.int(1800, 4 * 3600) };
}

/** Salary-like schedule: the pay day of month m. */
export function salaryPayDay(plan: UnitYearPlan, m: number): number {
  return addWorkingDays(plan.ctx.months.get(plan.year)![m] + plan.salaryDay - 1, 0);
}

/** Year-end one-off bonus of each staff member: 1.2 monthly salaries, never equal to a salary (R06). */
export function bonusesOf(plan: UnitYearPlan): number[] {
  return plan.salaries.map((s) => Math.round((s * 1.2) / 100) * 100);
}

export function bonusPayDay(plan: UnitYearPlan): number {
  return addWorkingDays(plan.ctx.months.get(plan.year)![12] + 19, 0);
}

export const budgetOf = (plan: UnitYearPlan) => plan.lines.reduce((a, l) => a + l.net, 0);
export const paidOf = (plan: UnitYearPlan) => plan.lines.reduce((a, l) => a + l.target, 0);

/** R01's figures for a current-year plan: gap in percentage points. */
export function gapPp(plan: UnitYearPlan): number {
  const b = budgetOf(plan);
  return b === 0 ? 0 : (paidOf(plan) / b - plan.ctx.tp) * 100;
}

/** December share of a plan (R02). */
export function decemberShare(plan: UnitYearPlan): number {
  let dec = 0;
  let all = 0;
  for (const l of plan.lines) {
    dec += l.monthly[12];
    all += l.target;
  }
  return all === 0 ? 0 : dec / all;
}

