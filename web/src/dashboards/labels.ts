import type { Label } from '../../../queries/labels.ts';
import { gradeLabels } from '../../../queries/cubes/performance.ts';
import { ruleById, severityLabels } from '../../../queries/rules/index.ts';
import type { CodeList, CodeNames } from '../data/codes.ts';
import { pick, type Lang } from '../i18n/lang.ts';

/**
 * The handling statuses of a warning (api/src/warnings/workflow.ts is the authority; the web app may not import the
 * API, so the names are repeated here for display only — the server decides what is allowed).
 */
export const warningStatuses = ['open', 'confirmed', 'cleared', 'rectified'] as const;
export type WarningStatus = (typeof warningStatuses)[number];
export const statusLabels: Record<WarningStatus, Label> = {
  open: { zh: '待核实', en: 'Open' },
  confirmed: { zh: '确认违规', en: 'Confirmed' },
  cleared: { zh: '核实正常', en: 'Cleared' },
  rectified: { zh: '已整改', en: 'Rectified' },
};

const evalLevelLabels: Record<string, Label> = {
  none: { zh: '未评价', en: 'None' },
  self: { zh: '单位自评', en: 'Self' },
  dept: { zh: '部门评价', en: 'Department' },
  finance: { zh: '财政评价', en: 'Finance' },
};
const proCatLabels: Record<string, Label> = { '1': { zh: '人员类', en: 'Personnel' }, '2': { zh: '运转类', en: 'Operations' }, '3': { zh: '特定目标类', en: 'Specific purpose' } };
const payTypeLabels: Record<string, Label> = { direct: { zh: '直接支付', en: 'Direct' }, authorized: { zh: '授权支付', en: 'Authorized' } };
const yesNo: Record<string, Label> = { '1': { zh: '是', en: 'Yes' }, '0': { zh: '否', en: 'No' } };

const codeLists: Record<string, CodeList> = {
  exp_func_class: 'exp_func',
  exp_func_item: 'exp_func',
  eco_class: 'dep_bgt_eco',
  eco_item: 'dep_bgt_eco',
  fund_type_code: 'fund_type',
};

/** The code list that names a dimension's values, if any. */
export const codeListOf = (dimension: string): CodeList | undefined => codeLists[dimension];

/**
 * The display name of a dimension value that is not an org (regions and units are named from their tables):
 * classification codes from the code lists (as "205 教育"), rules, severities, statuses and grades from their
 * definitions, months as 3月 / 2026年3月.
 */
export function valueLabel(dimension: string, value: string | null, ctx: { codes?: CodeNames; lang: Lang; year?: number; monthWithYear?: boolean }): string {
  if (value === null) return '—';
  const list = codeLists[dimension];
  if (list) return ctx.codes ? ctx.codes.label(list, value, ctx.year) : value;
  const l = ctx.lang;
  switch (dimension) {
    case 'rule_id': {
      const r = ruleById(value);
      return r ? `${value} ${pick(r.name, l)}` : value;
    }
    case 'severity':
      return pick(severityLabels[value as keyof typeof severityLabels], l) || value;
    case 'status':
      return pick(statusLabels[value as WarningStatus], l) || value;
    case 'grade':
      return pick(gradeLabels[value as keyof typeof gradeLabels], l) || value;
    case 'eval_level':
      return pick(evalLevelLabels[value], l) || value;
    case 'pro_cat_code':
      return pick(proCatLabels[value], l) || value;
    case 'pay_type':
      return pick(payTypeLabels[value], l) || value;
    case 'has_goal':
    case 'monitored':
    case 'resolved':
      return pick(yesNo[value], l) || value;
    case 'month':
    case 'seen_month':
      return monthLabel(Number(value), l, ctx.monthWithYear ?? false);
    default:
      return value;
  }
}

/** 3月 or 2026年3月 (zh); Mar or 2026-03 (en). */
export function monthLabel(yyyymm: number, lang: Lang, withYear = false): string {
  const y = Math.floor(yyyymm / 100);
  const m = yyyymm % 100;
  if (lang === 'en') return withYear ? `${y}-${String(m).padStart(2, '0')}` : ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return withYear ? `${y}年${m}月` : `${m}月`;
}
