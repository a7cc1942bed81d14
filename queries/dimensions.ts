import type { Label } from './labels.ts';

/** How a dimension's values are stored in a cube's Arrow: small integers, or dictionary-encoded codes. */
export type DimensionStorage = 'int16' | 'int32' | 'code';

export interface Dimension<Id extends string = string> {
  readonly id: Id;
  readonly label: Label;
  readonly storage: DimensionStorage;
  /** Which code list names its values (for display), if any. */
  readonly names?: 'region' | 'agency' | 'dept' | 'exp_func' | 'dep_bgt_eco' | 'fund_type';
}

const dim = <Id extends string>(id: Id, zh: string, en: string, storage: DimensionStorage, names?: Dimension['names']): Dimension<Id> => ({
  id,
  label: { zh, en },
  storage,
  names,
});

/** Every dimension of the finance cubes, defined once. Column names follow the conventions table of STYLE.md. */
export const dimensions = {
  fiscal_year: dim('fiscal_year', '预算年度', 'Fiscal year', 'int16'),
  month: dim('month', '月份', 'Month', 'int32'),
  lvl1_code: dim('lvl1_code', '一级区划', 'Region level 1', 'code', 'region'),
  lvl2_code: dim('lvl2_code', '二级区划', 'Region level 2', 'code', 'region'),
  lvl3_code: dim('lvl3_code', '三级区划', 'Region level 3', 'code', 'region'),
  lvl4_code: dim('lvl4_code', '四级区划', 'Region level 4', 'code', 'region'),
  mof_div_code: dim('mof_div_code', '财政区划', 'Fiscal region', 'code', 'region'),
  agency_code: dim('agency_code', '预算单位', 'Budget unit', 'code', 'agency'),
  dept_code: dim('dept_code', '主管部门', 'Department', 'code', 'dept'),
  exp_func_class: dim('exp_func_class', '功能分类（类）', 'Function class', 'code', 'exp_func'),
  exp_func_item: dim('exp_func_item', '功能分类（款）', 'Function item', 'code', 'exp_func'),
  eco_class: dim('eco_class', '经济分类（类）', 'Economic class', 'code', 'dep_bgt_eco'),
  eco_item: dim('eco_item', '经济分类（款）', 'Economic item', 'code', 'dep_bgt_eco'),
  fund_type_code: dim('fund_type_code', '资金性质', 'Fund type', 'code', 'fund_type'),
  pro_cat_code: dim('pro_cat_code', '项目类别', 'Project kind', 'code'),
  has_goal: dim('has_goal', '已设绩效目标', 'Has a goal', 'int16'),
  monitored: dim('monitored', '已开展绩效监控', 'Monitored', 'int16'),
  eval_level: dim('eval_level', '评价方式', 'Evaluation', 'code'),
  grade: dim('grade', '评价等级', 'Grade', 'code'),
  pay_type: dim('pay_type', '支付方式', 'Payment type', 'code'),
  rule_id: dim('rule_id', '预警规则', 'Rule', 'code'),
  severity: dim('severity', '预警等级', 'Severity', 'code'),
  status: dim('status', '处理状态', 'Handling status', 'code'),
  resolved: dim('resolved', '已消除', 'Resolved', 'int16'),
  seen_month: dim('seen_month', '首次发现月份', 'Month first seen', 'int32'),
} as const;

export type DimensionId = keyof typeof dimensions;

/** The region path columns, top first. */
export const regionLevels = ['lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code'] as const;
export type RegionLevelColumn = (typeof regionLevels)[number];

export function regionLevelColumn(level: number): RegionLevelColumn {
  const c = regionLevels[level - 1];
  if (!c) throw new RangeError(`region level must be 1–4, got ${level}`);
  return c;
}
