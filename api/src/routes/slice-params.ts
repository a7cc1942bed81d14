import { z } from 'zod';
import { isoDate } from '../middleware/validate.ts';
import type { SliceFilter } from '../../../queries/index.ts';

const code = (n: string, msg: string) => z.string().regex(new RegExp(`^${n}$`), msg);

/**
 * The URL form of a slice's filters, shared by drill-through and exports: `org`, `agency=mof:agency`, `dept=mof:dept`,
 * `fund` (fund type prefix), `func`/`funcItem`, `eco`/`ecoItem`, `month` or `monthFrom`/`monthTo` (yyyymm), `asOf`;
 * `own=<mof_div_code>` keeps a region's own units only (本级); `funcItems`/`ecoItems` take comma-separated 款 lists.
 */
export const sliceParams = {
  asOf: isoDate.optional(),
  org: code('\\d{9}', '财政区划代码为 9 位数字').optional(),
  agency: code('\\d{9}:\\d{6}', '单位格式：财政区划代码:单位代码').optional(),
  dept: code('\\d{9}:\\d{3}', '部门格式：财政区划代码:部门代码').optional(),
  fund: code('\\d{1,3}', '资金性质代码为 1–3 位数字').optional(),
  func: code('\\d{3}', '功能分类（类）为 3 位数字').optional(),
  funcItem: code('\\d{5}', '功能分类（款）为 5 位数字').optional(),
  eco: code('\\d{3}', '经济分类（类）为 3 位数字').optional(),
  ecoItem: code('\\d{5}', '经济分类（款）为 5 位数字').optional(),
  own: code('\\d{9}', '财政区划代码为 9 位数字').optional(),
  funcItems: code('\\d{5}(,\\d{5}){0,49}', '功能分类（款）列表：逗号分隔的 5 位代码').optional(),
  ecoItems: code('\\d{5}(,\\d{5}){0,49}', '经济分类（款）列表：逗号分隔的 5 位代码').optional(),
  month: code('\\d{6}', '月份格式 yyyymm').optional(),
  monthFrom: code('\\d{6}', '月份格式 yyyymm').optional(),
  monthTo: code('\\d{6}', '月份格式 yyyymm').optional(),
};

export type SliceParams = { [K in keyof typeof sliceParams]?: string };

export function filtersOf(q: SliceParams): SliceFilter[] {
  const f: SliceFilter[] = [];
  if (q.org) f.push({ dimension: 'org', op: 'subtree', value: q.org });
  if (q.agency) {
    const [m, a] = q.agency.split(':');
    f.push({ dimension: 'mof_div_code', op: 'eq', value: m }, { dimension: 'agency_code', op: 'eq', value: a });
  }
  if (q.dept) {
    const [m, d] = q.dept.split(':');
    f.push({ dimension: 'mof_div_code', op: 'eq', value: m }, { dimension: 'dept_code', op: 'eq', value: d });
  }
  if (q.fund) f.push({ dimension: 'fund_type_code', op: 'prefix', value: q.fund });
  if (q.func) f.push({ dimension: 'exp_func_class', op: 'eq', value: q.func });
  if (q.funcItem) f.push({ dimension: 'exp_func_item', op: 'eq', value: q.funcItem });
  if (q.eco) f.push({ dimension: 'eco_class', op: 'eq', value: q.eco });
  if (q.ecoItem) f.push({ dimension: 'eco_item', op: 'eq', value: q.ecoItem });
  if (q.own) f.push({ dimension: 'mof_div_code', op: 'eq', value: q.own });
  if (q.funcItems) f.push({ dimension: 'exp_func_item', op: 'in', values: q.funcItems.split(',') });
  if (q.ecoItems) f.push({ dimension: 'eco_item', op: 'in', values: q.ecoItems.split(',') });
  if (q.month) f.push({ dimension: 'month', op: 'eq', value: Number(q.month) });
  if (q.monthFrom || q.monthTo) f.push({ dimension: 'month', op: 'between', from: Number(q.monthFrom ?? 0), to: Number(q.monthTo ?? 999999) });
  return f;
}
