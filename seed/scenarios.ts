/**
 * Which unit carries which planted scenario: chosen once per run from a seeded shuffle of the units, each scenario on
 * the first unit whose plan stays clean otherwise (plants.ts has the scenarios themselves).
 */
import { basePlan } from './background.ts';
import { finishPlan } from './calibrate.ts';
import { sep30, type SeedContext } from './context.ts';
import type { ManifestEntry, RuleId } from './manifest.ts';
import { fenText } from './money.ts';
import type { Unit } from './org.ts';
import { budgetOf, type UnitYearPlan } from './plan.ts';
import { FACTORIES, Planter } from './plants.ts';
import { Rng } from './random.ts';

export interface Scenario {
  rule: RuleId;
  variant: string;
  /** Which fiscal year it lives in. */
  year: 'current' | 'previous';
}

/** Scenarios per scale multiplier: [rule, variant, year, how many per multiplier]. */
const SPECS: Array<[RuleId, string, Scenario['year'], number]> = [
  ['R01', 'orange', 'current', 2], ['R01', 'red', 'current', 1], ['R01', 'near', 'current', 1],
  ['R02', 'orange', 'previous', 2], ['R02', 'red', 'previous', 1], ['R02', 'near', 'previous', 1],
  ['R03', 'over', 'current', 2], ['R03', 'equal', 'current', 1],
  ['R04', 'orange302', 'current', 2], ['R04', 'red310', 'current', 1], ['R04', 'near302', 'current', 1], ['R04', 'near303', 'current', 1], ['R04', 'near301', 'current', 1],
  ['R05', 'v302', 'current', 1], ['R05', 'v309', 'current', 1], ['R05', 'near302', 'current', 1], ['R05', 'near309', 'current', 1],
  ['R06', 'dup', 'current', 2], ['R06', 'near', 'current', 1],
  ['R08', 'plain', 'current', 1], ['R08', 'supplement', 'current', 1], ['R08', 'under', 'current', 1], ['R08', 'sep30', 'current', 1], ['R08', 'reduced', 'current', 1],
  ['R09', 'missing', 'current', 2], ['R09', 'zero', 'current', 1],
  ['R10', 'plain', 'current', 1], ['R10', 'reduced', 'current', 1], ['R10', 'exact', 'current', 1], ['R10', 'rescued', 'current', 1],
  ['R11', 'slow', 'current', 2], ['R11', 'pending', 'current', 1], ['R11', 'exact72', 'current', 1], ['R11', 'weekend71', 'current', 1],
];

/** The scenarios of each unit, chosen once per run, and the manifest entries they produce. */
export class UnitScenarios {
  private readonly byUnit = new Map<number, Scenario[]>();
  readonly entries: ManifestEntry[] = [];

  constructor(private readonly ctx: SeedContext, multiplier: number) {
    const rng = new Rng(ctx.seed, 'scenarios');
    const pool = rng.shuffled(ctx.org.units.filter((u) => !u.tiny));
    const lists = { current: pool, previous: rng.shuffled(pool) };
    const used = { current: new Set<number>(), previous: new Set<number>() };
    const cursor = { current: 0, previous: 0 };
    for (const [rule, variant, year, perM] of SPECS) {
      if (rule === 'R08' && ctx.asOfDay <= sep30(ctx)) continue; // R08 is meaningful only after 30 September
      for (let k = 0; k < perM * multiplier; k++) {
        const s: Scenario = { rule, variant, year };
        // Try candidates in turn; a scenario lands on the first unit whose plan stays clean otherwise.
        const candidates = lists[year];
        for (let tries = 0; tries < 40 && cursor[year] < candidates.length; tries++) {
          const unit = candidates[cursor[year]++];
          if (used[year].has(unit.index)) continue;
          const plan = this.planWith(unit, year === 'current' ? ctx.year : ctx.prevYear, [s]);
          if (plan.problem) {
            cursor[year]--; // keep the unit for a later scenario
            candidates.push(candidates.splice(cursor[year], 1)[0]);
            continue;
          }
          used[year].add(unit.index);
          this.byUnit.set(unit.index, [...(this.byUnit.get(unit.index) ?? []), s]);
          this.entries.push(...plan.entries.violations, ...plan.entries.nearMisses);
          break;
        }
      }
    }
    // The tiny unit: budget 99,999.99, nothing paid — below R01's floor.
    const tiny = ctx.org.units.find((u) => u.tiny)!;
    const tp = this.plan(tiny, ctx.year);
    if (tp.lines.length > 0) {
      this.entries.push({
        rule: 'R01', key: `${ctx.year}:${tiny.region.code}:${tiny.code}`, mofDivCode: tiny.region.code, agencyCode: tiny.code, fiscalYear: ctx.year,
        evidence: { budget: fenText(budgetOf(tp)), paid: '0.00' }, note: 'nothing paid, but the budget is under the 100,000 floor',
      });
    }
  }

  private planWith(unit: Unit, year: number, scenarios: readonly Scenario[]): UnitYearPlan {
    const plan = basePlan(this.ctx, unit, year);
    const hooks = scenarios.map((s) => FACTORIES[s.rule]!(new Planter(plan, s)));
    return finishPlan(plan, hooks);
  }

  /** The finished plan of a unit and year, with its scenarios. Throws if the background cannot be made clean. */
  plan(unit: Unit, year: number): UnitYearPlan {
    const want = year === this.ctx.year ? 'current' : 'previous';
    const plan = this.planWith(unit, year, (this.byUnit.get(unit.index) ?? []).filter((s) => s.year === want));
    if (plan.problem) throw new Error(`seed: unit ${unit.region.code}:${unit.code} ${year}: ${plan.problem}`);
    return plan;
  }
}
