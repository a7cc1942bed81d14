/** CSV rows of the dimension tables and of indicators and projects, from the organisation and the unit plans. */
import { dateText } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { fenText } from './money.ts';
import type { Org, Unit } from './org.ts';
import type { UnitYearPlan } from './plan.ts';

export const REGION_COLUMNS = ['mof_div_code', 'mof_div_name', 'parent_code', 'level'] as const;
export const AGENCY_COLUMNS = ['mof_div_code', 'agency_code', 'agency_name', 'dept_code', 'dept_name'] as const;
export const BGT_INDICATOR_COLUMNS = [
  'bgt_id', 'fiscal_year', 'mof_div_code', 'agency_code', 'pro_code', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code',
  'bgt_source', 'src_bgt_id', 'amount', 'doc_date',
] as const;
export const PROJECT_COLUMNS = [
  'pro_code', 'fiscal_year', 'mof_div_code', 'agency_code', 'pro_name', 'pro_cat_code', 'exp_func_code', 'amount',
  'has_perf_goal', 'monitored', 'eval_level', 'eval_score',
] as const;

export function regionCsv(org: Org): string {
  return org.regions.map((r) => `${r.code},${r.name},${r.parentCode ?? ''},${r.level}\n`).join('');
}

export function agencyCsv(org: Org): string {
  return org.units.map((u) => `${u.region.code},${u.code},${u.name},${u.deptCode},${u.deptName}\n`).join('');
}

/** Indicator lines and their adjustments (adjustments carry the codes of the line they change). */
export function indicatorCsv(plan: UnitYearPlan): { csv: string; rows: number } {
  const { unit, year } = plan;
  let csv = '';
  let rows = 0;
  for (const l of plan.lines) {
    const codes = `${year},${unit.region.code},${unit.code},${l.proCode},${l.func},${l.eco},${l.fund}`;
    csv += `${l.bgtId},${codes},${l.source},,${fenText(l.amount)},${dateText(l.docDay)}\n`;
    rows++;
    for (const a of l.adjustments) {
      csv += `${a.bgtId},${codes},${a.source},${l.bgtId},${fenText(a.amount)},${dateText(a.docDay)}\n`;
      rows++;
    }
  }
  return { csv, rows };
}

export function projectCsv(plan: UnitYearPlan): { csv: string; rows: number } {
  const { unit, year } = plan;
  let csv = '';
  for (const p of plan.projects) {
    const score = p.evalScore === null ? '' : fenText(p.evalScore);
    csv += `${p.proCode},${year},${unit.region.code},${unit.code},${p.name},${p.cat},${p.func},${fenText(p.amount)},${p.hasGoal},${p.monitored},${p.evalLevel},${score}\n`;
  }
  return { csv, rows: plan.projects.length };
}

/** Every unit with its plans of the previous and the current year, in organisation order. */
export function* eachUnit(ctx: SeedContext, plan: (u: Unit, year: number) => UnitYearPlan): Generator<[Unit, UnitYearPlan, UnitYearPlan]> {
  for (const u of ctx.org.units) yield [u, plan(u, ctx.prevYear), plan(u, ctx.year)];
}
