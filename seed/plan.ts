/**
 * The plan of one unit and fiscal year: its indicator lines (with adjustments), its projects, and for every line the
 * exact amount paid in each month up to the horizon (31 December, or asOf in the current year). Payments are then
 * drawn from the plan (payments.ts), so every figure a rule looks at — budget, paid, December share, per-line totals —
 * is fixed here, in integer fen, before a single row is written.
 *
 * Background plans are calibrated to be clean: R01 gap within ±9 pp of time progress at asOf, December share under
 * 20 %, every line paid at most 96 % of its net amount, every line of the current year paid before 30 September.
 * Planted scenarios (plants.ts) hook in before and after calibration.
 */
import { addWorkingDays, DAY_SECONDS } from './calendar.ts';
import { horizonOf, type SeedContext } from './context.ts';
import { EntrySink } from './manifest.ts';
import { KIND3_PROJECTS, TRANSFER_PROJECTS, type SupplierKind } from './names.ts';
import type { Unit } from './org.ts';
import type { Payee } from './payees.ts';
import { Rng } from './random.ts';

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
const roundTo = (fen: number, step: number) => Math.max(step, Math.round(fen / step) * step);
const yuanToFen = (y: number) => Math.round(y) * 100;
/** 100 元 in fen: indicator amounts are whole hundreds of 元. */
export const H = 10_000;

// Monthly shape of flexible spending: slow first quarter, December spike.
const BASE_WEIGHTS = [0, 4.5, 5.5, 7, 7.5, 8, 9, 8, 8, 9, 8, 11, 14.5];
const SALARY_BASE: Record<Unit['kind'], number> = { hospital: 7500, school: 6800, police: 7200, office: 6500, institution: 5800 };
/** Share of a line's active weight that December may take (keeps every unit's December share under 20 %). */
const DEC_CAP = 0.18;
/** Background lines are paid at most this share of their net amount; the rest leaves room for returns and pending ones. */
export const FLEX_CAP = 0.96;

const GOODS_ECO: Record<Unit['kind'], string[]> = {
  office: ['30201', '30207', '30211', '30213', '30215', '30216', '30227', '30299'],
  school: ['30201', '30202', '30211', '30213', '30216', '30218', '30299'],
  hospital: ['30218', '30213', '30209', '30201', '30211', '30299'],
  police: ['30224', '30225', '30213', '30201', '30211'],
  institution: ['30201', '30211', '30213', '30227', '30299'],
};

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

function evalOf(rng: Rng): Pick<Project, 'evalLevel' | 'evalScore'> {
  const r = rng.next();
  const evalLevel = r < 0.7 ? 'self' : r < 0.85 ? 'dept' : r < 0.93 ? 'finance' : 'none';
  if (evalLevel === 'none') return { evalLevel, evalScore: null };
  // Grades 优 [90,100], 良 [80,90), 中 [60,80), 差 [0,60); now and then exactly on a boundary.
  const g = rng.weighted([40, 35, 20, 5]);
  const [lo, hi] = [[9000, 10000], [8000, 8999], [6000, 7999], [3500, 5999]][g];
  const evalScore = rng.chance(0.05) ? lo : rng.int(lo, hi);
  return { evalLevel, evalScore };
}

/** The background plan of a unit and year, before scenarios and calibration. */
export function basePlan(ctx: SeedContext, unit: Unit, year: number): UnitYearPlan {
  const current = year === ctx.year;
  const starts = ctx.months.get(year)!;
  const plan: UnitYearPlan = {
    ctx, unit, year, current,
    yearStart: starts[1],
    horizon: horizonOf(ctx, year),
    lines: [], projects: [], salaries: [], salaryDay: 10, weights: [],
    noReturns: false, plantedR01: false, plantedR02: false,
    nextPlantSeq: 900001, nextLineSeq: 1, nextProjectSeq: 1,
    entries: new EntrySink(),
    problem: null,
  };
  // Staff and salaries are the same people in both years (3 % raise in the current one).
  const staffRng = new Rng(ctx.seed, 'salaries', unit.region.code, unit.code);
  const k = ctx.paymentsPerUnit * unit.size;
  const staff = Math.max(2, Math.round((k * 0.3) / 13));
  for (let i = 0; i < staff; i++) {
    const base = Math.round((SALARY_BASE[unit.kind] * staffRng.range(0.7, 1.5)) / 10) * 1000;
    plan.salaries.push(current ? Math.round((base * 1.03) / 1000) * 1000 : base);
  }
  const rng = new Rng(ctx.seed, 'plan', unit.region.code, unit.code, year);
  plan.salaryDay = rng.int(10, 15);
  plan.weights = BASE_WEIGHTS.map((w) => w * rng.range(0.85, 1.15));
  if (unit.tiny) {
    const p2 = addProject(plan, { name: '日常公用经费', cat: '2', func: unit.func, hasGoal: false, monitored: false, evalLevel: 'none', evalScore: null });
    addLine(plan, { kind: 'goods', proCode: p2.proCode, func: unit.func, eco: '30299', fund: '111', source: 'initial', amount: 9_999_999, docDay: plan.yearStart + 4, flexible: false, role: 'goods', extras: false });
    return plan;
  }
  const S = plan.salaries.reduce((a, b) => a + b, 0);
  const initialDay = () => plan.yearStart + rng.int(0, 6);

  const p1 = addProject(plan, { name: '人员经费', cat: '1', func: unit.func, hasGoal: rng.chance(0.3), monitored: false, evalLevel: 'none', evalScore: null });
  const p2 = addProject(plan, { name: '日常公用经费', cat: '2', func: unit.func, hasGoal: rng.chance(0.3), monitored: false, evalLevel: 'none', evalScore: null });
  const kind3 = (name: string, func: string) => {
    const monitored = current ? rng.chance(ctx.asOfDay - plan.yearStart > 180 ? 0.9 : 0.3) : rng.chance(0.95);
    const ev = current ? { evalLevel: 'none' as const, evalScore: null } : evalOf(rng);
    return addProject(plan, { name, cat: '3', func, hasGoal: true, monitored, ...ev });
  };
  const fixedLine = (kind: LineKind, eco: string, func: string, amount: number, role: PayeeRole) =>
    addLine(plan, { kind, proCode: p1.proCode, func, eco, fund: '111', source: 'initial', amount, docDay: initialDay(), flexible: false, role, extras: false });

  // 人员类: salaries to staff monthly, the year-end bonus in December, pension and housing fund contributions.
  fixedLine('salary', '30101', unit.func, roundTo(S * 12 * 1.03, H), 'staff');
  fixedLine('bonus', '30103', unit.func, roundTo(S * 1.25, H), 'staff');
  fixedLine('social', '30108', '2080505', roundTo(Math.round((S * 0.16) / 100) * 100 * 12 * 1.02, H), 'social');
  fixedLine('housing', '30113', '2210201', roundTo(Math.round((S * 0.12) / 100) * 100 * 12 * 1.02, H), 'housing');

  const flex = (kind: LineKind, proCode: string, func: string, eco: string, fund: string, amount: number, weight: number, source: Line['source'] = 'initial', docDay = initialDay()) =>
    addLine(plan, { kind, proCode, func, eco, fund, source, amount: roundTo(amount, H), docDay, flexible: true, role: roleOfEco(eco, unit.kind), count: weight });

  // 运转类: goods and services, utilities, 劳务费, 三公.
  const annualSalary = S * 12;
  const goodsFactor = { hospital: 1.6, school: 0.7, police: 1.0, office: 0.8, institution: 0.8 }[unit.kind];
  const goods = annualSalary * rng.range(0.4, 1.0) * goodsFactor;
  const ecos = rng.shuffled(GOODS_ECO[unit.kind]).slice(0, rng.int(2, 4));
  ecos.forEach((eco, i) => {
    const fund = i === 1 && (unit.kind === 'school' || unit.kind === 'hospital') && rng.chance(0.5) ? '31' : '111';
    flex('goods', p2.proCode, unit.func, eco, fund, Math.max(2_000_000, goods / ecos.length), 1);
  });
  const power = flex('utility', p2.proCode, unit.func, '30206', '111', Math.max(2_000_000, annualSalary * 0.04), 0);
  power.role = 'power';
  power.count = 12;
  if (rng.chance(0.5)) {
    const water = flex('utility', p2.proCode, unit.func, '30205', '111', Math.max(1_000_000, annualSalary * 0.015), 0);
    water.role = 'water';
    water.count = 12;
  }
  if (rng.chance(0.5)) flex('labor', p2.proCode, unit.func, '30226', '111', Math.max(1_000_000, annualSalary * rng.range(0.03, 0.08)), 0.6);
  if (rng.chance(unit.kind === 'office' ? 0.9 : 0.4)) flex('sangong', p2.proCode, unit.func, '30217', '111', rng.int(10, 60) * 100_000 * Math.sqrt(unit.size), 0.25);
  if (rng.chance(0.6)) flex('sangong', p2.proCode, unit.func, '30231', '111', rng.int(20, 120) * 100_000 * Math.sqrt(unit.size), 0.25);
  if (rng.chance(0.03)) flex('sangong', p2.proCode, unit.func, '30212', '111', rng.int(30, 80) * 100_000, 0.1);
  // 对个人和家庭的补助 (人员类).
  if (rng.chance(0.4)) {
    const eco = unit.kind === 'school' ? rng.pick(['30308', '30305', '30309']) : rng.pick(['30305', '30309', '30304', '30302']);
    const func = eco === '30304' ? '2080801' : eco === '30302' ? '2080502' : unit.func;
    flex('subsidy', p1.proCode, func, eco, '111', annualSalary * rng.range(0.05, 0.2), 0.6);
  }
  // 特定目标类: capital projects.
  const n3 = rng.weighted(unit.kind === 'school' || unit.kind === 'hospital' ? [0.2, 0.5, 0.3] : [0.35, 0.45, 0.2]);
  for (let i = 0; i < n3; i++) {
    const proj = kind3(rng.pick(KIND3_PROJECTS[unit.kind]), unit.func);
    const eco = rng.pick(['30905', '30906', '30901', '31002', '31003', '31006', '31007']);
    const r = rng.next();
    // 政府性基金 (121) and 专项债券 (122) finance works of 住建, 水利 and 交通.
    const works = unit.deptCode === '212' || unit.deptCode === '225' || unit.deptCode === '214';
    const fund = works && r < 0.3 ? '121' : r < 0.65 ? '111' : r < 0.8 ? '112' : r < 0.9 && eco.startsWith('309') ? '122' : '111';
    flex('capital', proj.proCode, unit.func, eco, fund, yuanToFen(rng.range(200_000, 3_000_000) * Math.sqrt(unit.size)), 0.1);
  }
  // 上级转移支付: some issued in advance (提前下达, Q4 of the year before), others during the year.
  if (rng.chance(0.35)) {
    const proj = kind3(rng.pick(TRANSFER_PROJECTS), unit.func);
    const early = rng.chance(0.3);
    const doc = early ? plan.yearStart - rng.int(12, 75) : starts[3] + rng.int(0, 170);
    const eco = rng.pick(['30227', '31002', '30213', '31003']);
    flex('transfer', proj.proCode, unit.func, eco, '111', yuanToFen(rng.range(50_000, 1_000_000) * Math.sqrt(unit.size)), 0.2, 'transfer', doc);
  }
  // 上年结转.
  if (rng.chance(0.25)) {
    const proj = kind3('上年结转' + rng.pick(KIND3_PROJECTS[unit.kind]), unit.func);
    flex('carryover', proj.proCode, unit.func, rng.pick(['30213', '31002', '30227']), '111', yuanToFen(rng.range(50_000, 800_000)), 0.15, 'carryover', plan.yearStart + rng.int(19, 78));
  }
  // 公务用车购置 (三公), once in a while.
  if (rng.chance(0.03)) {
    const proj = kind3('公务用车更新', unit.func);
    const l = flex('car', proj.proCode, unit.func, '31013', '111', rng.int(18, 30) * 1_000_000, 0);
    l.count = 1;
  }
  // Mid-year adjustments (调整 / 追加), each against the original line.
  for (const l of plan.lines) {
    if (!l.flexible || l.kind === 'utility' || !rng.chance(0.2)) continue;
    const doc = Math.max(starts[4] + 14 + rng.int(0, 150), l.docDay + 20);
    if (rng.chance(0.6)) addAdjustment(plan, l, 'supplement', roundTo(l.amount * rng.range(0.1, 0.4), H), doc);
    else if (rng.chance(0.7)) addAdjustment(plan, l, 'adjust', -roundTo(l.amount * rng.range(0.05, 0.2), H), doc);
    else addAdjustment(plan, l, 'adjust', roundTo(l.amount * rng.range(0.05, 0.15), H), doc);
  }
  // Payment counts: what staff, contributions and utilities leave of the unit's share, by line weight.
  const utilities = plan.lines.filter((l) => l.kind === 'utility').length;
  const rest = Math.max(15, k - 13 * staff - 24 - 12 * utilities);
  const weighted = plan.lines.filter((l) => l.flexible && l.kind !== 'utility' && l.kind !== 'car');
  const wsum = weighted.reduce((a, l) => a + l.count, 0);
  for (const l of weighted) l.count = Math.max(1, Math.round((rest * l.count) / wsum));
  return plan;
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

/** Monthly amounts of salary-like lines, from the schedule. */
function scheduleMonthly(plan: UnitYearPlan, line: Line): void {
  const S = plan.salaries.reduce((a, b) => a + b, 0);
  const per = line.kind === 'salary' ? S : line.kind === 'social' ? Math.round((S * 0.16) / 100) * 100 : Math.round((S * 0.12) / 100) * 100;
  if (line.kind === 'bonus') {
    const d = bonusPayDay(plan);
    if (d <= plan.horizon && d >= line.docDay) line.monthly[12] = bonusesOf(plan).reduce((a, b) => a + b, 0);
  } else {
    for (let m = 1; m <= 12; m++) {
      const d = salaryPayDay(plan, m);
      if (d <= plan.horizon && d >= line.docDay && d < plan.yearStart + 366) line.monthly[m] = per;
    }
  }
}

/** Active months of a line with the weight of each (partial months pro rata), December capped. */
export function activeWeights(plan: UnitYearPlan, line: Line): number[] {
  const starts = plan.ctx.months.get(plan.year)!;
  const from = Math.max(line.docDay, plan.yearStart);
  const w = new Array(13).fill(0);
  for (let m = 1; m <= 12; m++) {
    const lo = Math.max(from, starts[m]);
    const hi = Math.min(plan.horizon, starts[m + 1] - 1);
    if (hi < lo) continue;
    w[m] = (plan.weights[m] * (hi - lo + 1)) / (starts[m + 1] - starts[m]);
  }
  const total = w.reduce((a, b) => a + b, 0);
  if (w[12] > 0 && total > w[12] && w[12] / total > DEC_CAP) w[12] = (DEC_CAP / (1 - DEC_CAP)) * (total - w[12]);
  return w;
}

/** Splits `total` fen over months in proportion to `w`; the remainder goes to the heaviest month. */
export function spread(total: number, w: number[]): number[] {
  const out = new Array(13).fill(0);
  const sum = w.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return out;
  let given = 0;
  let heavy = 1;
  for (let m = 1; m <= 12; m++) {
    out[m] = Math.floor((total * w[m]) / sum);
    given += out[m];
    if (w[m] > w[heavy]) heavy = m;
  }
  out[heavy] += total - given;
  return out;
}

/** Net, monthly amounts and target of a non-flexible line from its fixed payments (also for lines added late). */
export function settleFixed(plan: UnitYearPlan, line: Line): void {
  line.adjustments = line.adjustments.filter((a) => a.docDay <= plan.horizon);
  line.net = line.amount + line.adjustments.reduce((a, x) => a + x.amount, 0);
  fixedMonthly(plan, line);
}

function fixedMonthly(plan: UnitYearPlan, line: Line): void {
  line.monthly.fill(0);
  line.target = 0;
  for (const p of line.fixed) {
    if (p.payDay === null) continue;
    line.monthly[monthOf(plan, p.payDay)] += p.amount;
    line.target += p.amount;
  }
}

export const budgetOf = (plan: UnitYearPlan) => plan.lines.reduce((a, l) => a + l.net, 0);
export const paidOf = (plan: UnitYearPlan) => plan.lines.reduce((a, l) => a + l.target, 0);

/** Water-filling: shares `need` over lines by weight without exceeding caps. Returns what could not be placed. */
function fill(lines: Line[], caps: number[], weights: number[], need: number): number {
  const alloc = new Array(lines.length).fill(0);
  let active = lines.map((_, i) => i).filter((i) => caps[i] > 0 && weights[i] > 0);
  let rest = need;
  while (rest > 0 && active.length > 0) {
    const wsum = active.reduce((a, i) => a + weights[i], 0);
    const over = active.filter((i) => alloc[i] + (rest * weights[i]) / wsum >= caps[i]);
    if (over.length === 0) {
      let given = 0;
      for (const i of active) {
        const add = Math.floor((rest * weights[i]) / wsum);
        alloc[i] += add;
        given += add;
      }
      rest -= given;
      // Leftover fen to the line with most room.
      let best = active[0];
      for (const i of active) if (caps[i] - alloc[i] > caps[best] - alloc[best]) best = i;
      const add = Math.min(rest, caps[best] - alloc[best]);
      alloc[best] += add;
      rest -= add;
      if (rest > 0) active = active.filter((i) => alloc[i] < caps[i]);
      continue;
    }
    for (const i of over) {
      rest -= caps[i] - alloc[i];
      alloc[i] = caps[i];
    }
    active = active.filter((i) => !over.includes(i));
  }
  lines.forEach((l, i) => (l.target = alloc[i]));
  return rest;
}

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

/**
 * Completes a plan: scenarios' `before` hooks, drops what is issued after the horizon, nets, schedules, calibration of
 * flexible lines, monthly amounts, scenarios' `after` hooks, project amounts, and the clean-background checks.
 */
export function finishPlan(plan: UnitYearPlan, hooks: readonly PlanHook[] = []): UnitYearPlan {
  const { ctx } = plan;
  for (const h of hooks) h.before?.(plan);
  plan.lines = plan.lines.filter((l) => l.docDay <= plan.horizon);
  for (const l of plan.lines) {
    l.adjustments = l.adjustments.filter((a) => a.docDay <= plan.horizon);
    l.net = l.amount + l.adjustments.reduce((a, x) => a + x.amount, 0);
  }
  const rng = new Rng(ctx.seed, 'calibrate', plan.unit.region.code, plan.unit.code, plan.year);
  for (const l of plan.lines) {
    if (l.kind === 'salary' || l.kind === 'bonus' || l.kind === 'social' || l.kind === 'housing') {
      scheduleMonthly(plan, l);
      l.target = l.monthly.reduce((a, b) => a + b, 0);
    } else if (!l.flexible) fixedMonthly(plan, l);
  }
  const flex = plan.lines.filter((l) => l.flexible);
  const caps = flex.map((l) => Math.floor(l.net * FLEX_CAP));
  const span = plan.horizon - plan.yearStart + 1;
  const weights = flex.map((l) => l.net * ((plan.horizon - Math.max(l.docDay, plan.yearStart) + 1) / span) * rng.range(0.7, 1.3));
  if (plan.current) {
    // Calibrate the unit's execution rate to time progress ± 4 pp.
    const B = budgetOf(plan);
    const fixedPaid = plan.lines.filter((l) => !l.flexible).reduce((a, l) => a + l.target, 0);
    const e = Math.min(0.95, Math.max(0, ctx.tp + rng.range(-0.04, 0.04)));
    const need = Math.max(0, Math.round(e * B) - fixedPaid);
    fill(flex, caps, weights, need);
  } else {
    flex.forEach((l, i) => (l.target = Math.min(caps[i], Math.round(l.net * rng.range(0.9, 0.97)))));
  }
  for (const l of flex) {
    l.monthly = spread(l.target, activeWeights(plan, l));
    // Every line of the current year is first paid by 30 September (R08 stays clean).
    if (plan.current && l.target > 0) {
      let early = 0;
      for (let m = 1; m <= 9; m++) early += l.monthly[m];
      const firstMonth = monthOf(plan, Math.max(l.docDay, plan.yearStart));
      if (early === 0 && firstMonth <= 9) {
        const move = Math.min(l.target, Math.max(10_000, Math.floor(l.target / 10)));
        for (let m = 12; m > 9 && l.monthly[firstMonth] < move; m--) {
          const t = Math.min(l.monthly[m], move - l.monthly[firstMonth]);
          l.monthly[m] -= t;
          l.monthly[firstMonth] += t;
        }
      }
    }
  }
  for (const h of hooks) h.after?.(plan);
  for (const p of plan.projects) p.amount = plan.lines.filter((l) => l.proCode === p.proCode).reduce((a, l) => a + l.net, 0);
  // Clean-background checks.
  if (plan.current && !plan.plantedR01 && budgetOf(plan) >= 10_000_000 && Math.abs(gapPp(plan)) > 9) {
    plan.problem ??= `R01 gap ${gapPp(plan).toFixed(2)} pp`;
  }
  const decOpen = !plan.current || monthOf(plan, plan.horizon) === 12;
  if (decOpen && !plan.plantedR02 && decemberShare(plan) > 0.2) plan.problem ??= `December share ${(decemberShare(plan) * 100).toFixed(1)} %`;
  return plan;
}
