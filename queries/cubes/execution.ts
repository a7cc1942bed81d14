import { dimensions as d, regionLevels } from '../dimensions.ts';
import { budget, executionRate, paid, progressGap, timeProgressMetric } from '../metrics/execution.ts';
import {
  add, and, cast, col, eq, fn, join, lit, mul, notNull, select, substr, table, unionAll, type Expr,
} from '../sql/ast.ts';
import { notTransfer, toFen } from '../facts.ts';
import { defineCube } from './define.ts';

/** The month a fact counts in: its date's month, clamped into its fiscal year (提前下达 of Y count in month 1 of Y). */
function monthOf(fiscalYear: Expr, date: Expr): Expr {
  const fy = cast(fiscalYear, 'integer');
  return fn('greatest', add(mul(fy, lit(100)), lit(1)), fn('least', add(mul(fy, lit(100)), lit(12)), fn('month_key', date)));
}

/** The region path of the fact's region (joined as `rp`). */
const pathCols = (): Array<[string, Expr]> => regionLevels.map((c) => [c, col(c, 'rp')]);

/** Shared classification columns of an indicator or a payment row aliased `t`. */
function classCols(t: string): Array<[string, Expr]> {
  return [
    ['mof_div_code', col('mof_div_code', t)],
    ['agency_code', col('agency_code', t)],
    ['dept_code', substr(col('agency_code', t), 1, 3)],
    ['exp_func_class', substr(col('exp_func_code', t), 1, 3)],
    ['exp_func_item', substr(col('exp_func_code', t), 1, 5)],
    ['eco_class', substr(col('dep_bgt_eco_code', t), 1, 3)],
    ['eco_item', substr(col('dep_bgt_eco_code', t), 1, 5)],
    ['fund_type_code', col('fund_type_code', t)],
  ];
}


/**
 * Indicator rows with the cube's dimension columns (and `extra` columns of the raw row, aliased `i`): the budget side of
 * the cube, and the rows a drill-through into budget shows.
 */
export function indicatorRows(extra: Array<[string, Expr]> = []) {
  return select({
    select: [
      ['fiscal_year', col('fiscal_year', 'i')],
      ['month', monthOf(col('fiscal_year', 'i'), col('doc_date', 'i'))],
      ...pathCols(),
      ...classCols('i'),
      ['budget_fen', toFen(col('amount', 'i'))],
      ['paid_fen', cast(lit(0), 'bigint')],
      ...extra,
    ],
    from: join(table('bgt_indicator', 'i'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), col('mof_div_code', 'i'))),
    where: [notTransfer(col('exp_func_code', 'i'))],
  });
}

/** Payment rows with the cube's dimension columns (and `extra` columns aliased `p`): the spending side and its vouchers. */
export function paymentRows(extra: Array<[string, Expr]> = []) {
  return select({
    select: [
      ['fiscal_year', col('fiscal_year', 'p')],
      ['month', monthOf(col('fiscal_year', 'p'), col('pay_date', 'p'))],
      ...pathCols(),
      ...classCols('p'),
      ['budget_fen', cast(lit(0), 'bigint')],
      ['paid_fen', toFen(col('pay_amt', 'p'))],
      ...extra,
    ],
    from: join(table('pay_voucher', 'p'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), col('mof_div_code', 'p'))),
    // Only rows with a pay date count as paid; returns (negative) are dated on the day of return.
    where: [and(notNull(col('pay_date', 'p')), notTransfer(col('exp_func_code', 'p')))],
  });
}

const timeAndRegion = ['fiscal_year', 'month', ...regionLevels, 'mof_div_code'];

/**
 * 预算执行 cube: budget issued and paid per month, at the finest grain analysts slice by. Both parts are flows, so
 * every roll-up is a plain sum and "as of month M" is month ≤ M.
 */
export const executionCube = defineCube({
  id: 'execution',
  label: { zh: '预算执行', en: 'Budget execution' },
  table: 'cube_execution',
  dimensions: [
    d.fiscal_year, d.month, d.lvl1_code, d.lvl2_code, d.lvl3_code, d.lvl4_code, d.mof_div_code, d.agency_code, d.dept_code,
    d.exp_func_class, d.exp_func_item, d.eco_class, d.eco_item, d.fund_type_code,
  ],
  parts: [
    { id: 'budget_fen', label: { zh: '预算数（分）', en: 'Budget (fen)' }, kind: 'fen' },
    { id: 'paid_fen', label: { zh: '支出数（分）', en: 'Paid (fen)' }, kind: 'fen' },
  ],
  metrics: [budget, paid, executionRate, timeProgressMetric, progressGap],
  source: unionAll(indicatorRows(), paymentRows()),
  partitionBy: ['fiscal_year', 'lvl2_code'],
  yearTables: ['bgt_indicator', 'pay_voucher'],
  // What the dashboards ask most: regions by month and fund type (KPIs, the region bars, the monthly curve, the fund
  // pie), regions by classification (功能/经济分类 类 panels; 款 of one side, as in 三公), units by month (the lagging ranking). `mof_div_code`
  // follows from the region path, so keeping it adds no rows.
  rollups: [
    { id: 'region_month', dimensions: [...timeAndRegion, 'fund_type_code'] },
    { id: 'region_class', dimensions: [...timeAndRegion, 'exp_func_class', 'eco_class', 'fund_type_code'] },
    { id: 'region_func', dimensions: [...timeAndRegion, 'exp_func_class', 'exp_func_item', 'fund_type_code'] },
    { id: 'region_eco', dimensions: [...timeAndRegion, 'eco_class', 'eco_item', 'fund_type_code'] },
    { id: 'unit_month', dimensions: [...timeAndRegion, 'agency_code', 'dept_code', 'fund_type_code'] },
  ],
});
