/**
 * Completing a plan: nets, salary-like schedules, calibration of the flexible lines and their months, scenarios'
 * hooks, project amounts and the clean-background checks. Background plans come out clean: R01 gap within ±9 pp of
 * time progress at asOf, December share under 20 %, every line paid at most 96 % of its net amount, every line of
 * the current year first paid by 30 September.
 */
import { bonusesOf, bonusPayDay, budgetOf, decemberShare, gapPp, monthOf, salaryPayDay, type Line, type PlanHook, type UnitYearPlan } from './plan.ts';
import { Rng } from './random.ts';

/** Share of a line's active weight that December may take (keeps every unit's December share under 20 %). */
const DEC_CAP = 0.18;
/** Background lines are paid at most this share of their net amount; the rest leaves room for returns and pending ones. */
export const FLEX_CAP = 0.96;

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
