/**
 * The background plan of a unit and year: staff and salaries, 人员类 / 运转类 / 特定目标类 lines with real shapes
 * (utilities monthly, 三公, capital projects, 提前下达 and mid-year transfers, 上年结转, mid-year adjustments), before
 * scenarios and calibration.
 */
import { horizonOf, type SeedContext } from './context.ts';
import { EntrySink } from './manifest.ts';
import { KIND3_PROJECTS, TRANSFER_PROJECTS } from './names.ts';
import type { Unit } from './org.ts';
import { addAdjustment, addLine, addProject, H, roleOfEco, type Line, type LineKind, type PayeeRole, type Project, type UnitYearPlan } from './plan.ts';
import { Rng } from './random.ts';

const roundTo = (fen: number, step: number) => Math.max(step, Math.round(fen / step) * step);
const yuanToFen = (y: number) => Math.round(y) * 100;

// Monthly shape of flexible spending: slow first quarter, December spike.
const BASE_WEIGHTS = [0, 4.5, 5.5, 7, 7.5, 8, 9, 8, 8, 9, 8, 11, 14.5];
const SALARY_BASE: Record<Unit['kind'], number> = { hospital: 7500, school: 6800, police: 7200, office: 6500, institution: 5800 };

const GOODS_ECO: Record<Unit['kind'], string[]> = {
  office: ['30201', '30207', '30211', '30213', '30215', '30216', '30227', '30299'],
  school: ['30201', '30202', '30211', '30213', '30216', '30218', '30299'],
  hospital: ['30218', '30213', '30209', '30201', '30211', '30299'],
  police: ['30224', '30225', '30213', '30201', '30211'],
  institution: ['30201', '30211', '30213', '30227', '30299'],
};

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
    const proj = kind3(rng.pick(TRANSFER_PROJECTS[unit.kind]), unit.func);
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

