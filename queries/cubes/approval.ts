import { dimensions as d, regionLevels } from '../dimensions.ts';
import { approvalBuckets, approvalHoursMean, approvalHoursP90, approvedCount, bucketPart, pendingCount } from '../metrics/approval.ts';
import { add, array, caseWhen, cast, coalesce, col, count, eq, fn, isNull, join, lit, mul, notNull, select, subquery, substr, sum, table, type Expr } from '../sql/ast.ts';
import { defineCube, type Part } from './define.ts';

const pc = (c: string) => col(c, 'p');
const dims = ['fiscal_year', 'month', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code', 'agency_code', 'dept_code', 'fund_type_code', 'pay_type'];
const n = col('n');
const key = col('hours_key');
const countIf = (cond: Expr) => cast(caseWhen([[cond, n]], lit(0)), 'bigint');

/** A payment's dimension values (the month of application in Asia/Shanghai, clamped into its fiscal year). */
const dimExprs: Array<[string, Expr]> = [
  ['fiscal_year', pc('fiscal_year')],
  ['month', fn('greatest', add(mul(cast(pc('fiscal_year'), 'integer'), lit(100)), lit(1)), fn('least', add(mul(cast(pc('fiscal_year'), 'integer'), lit(100)), lit(12)), fn('month_key', fn('business_date', pc('apply_time'), { k: 'str', value: 'Asia/Shanghai' }))))],
  ...regionLevels.map((c) => [c, col(c, 'rp')] as [string, Expr]),
  ['mof_div_code', pc('mof_div_code')], ['agency_code', pc('agency_code')], ['dept_code', substr(pc('agency_code'), 1, 3)],
  ['fund_type_code', pc('fund_type_code')], ['pay_type', pc('pay_type')],
];
const hours = fn('hours_between', pc('apply_time'), pc('approve_time'));
// A payment's place in the histogram, found once by a binary search over the bounds [0, 1, 2, 4, …, 168]: 1 for
// [0, 1 h), i + 1 for [bounds[i-1], bounds[i]), 13 for ≥ 168 h, 0 for a negative span, NULL while pending.
const hoursKey = fn('width_bucket', hours, array(...[0, ...approvalBuckets].map((b) => cast(lit(b), 'double'))));
const bucketCols: Array<[string, Expr]> = [...approvalBuckets, Infinity].map((_, i) => [bucketPart(i), countIf(eq(key, lit(i + 1)))]);

/**
 * 支付审批 cube: approved count, sum of hours and an hour histogram per month (of application), so the mean and the p90
 * roll up to any level; pending applications counted apart.
 */
export const approvalCube = defineCube({
  id: 'approval',
  label: { zh: '支付审批时效', en: 'Payment approval time' },
  table: 'cube_approval',
  dimensions: [d.fiscal_year, d.month, d.lvl1_code, d.lvl2_code, d.lvl3_code, d.lvl4_code, d.mof_div_code, d.agency_code, d.dept_code, d.fund_type_code, d.pay_type],
  parts: [
    { id: 'approved_count', label: { zh: '已审批笔数', en: 'Approved' }, kind: 'count' },
    { id: 'pending_count', label: { zh: '待审批笔数', en: 'Pending' }, kind: 'count' },
    { id: 'approval_hours_sum', label: { zh: '审批耗时合计（小时）', en: 'Approval hours' }, kind: 'sum' },
    ...bucketCols.map(([id]) => ({ id, label: { zh: id, en: id }, kind: 'count' }) as Part),
  ],
  metrics: [approvedCount, pendingCount, approvalHoursMean, approvalHoursP90],
  // Payments are first counted per dimension values and histogram place (each payment's hours and place computed once),
  // then spread into the parts: the cube build sums those rows like any other source.
  source: select({
    select: [
      ...dims.map((c) => [c, col(c)] as [string, Expr]),
      ['approved_count', countIf(notNull(key))], ['pending_count', countIf(isNull(key))],
      ['approval_hours_sum', cast(coalesce(col('hours_sum'), lit(0)), 'double')],
      ...bucketCols,
    ],
    from: subquery(select({
      select: [...dimExprs, ['hours_key', hoursKey], ['n', count()], ['hours_sum', sum(hours)]],
      from: join(table('pay_voucher', 'p'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), pc('mof_div_code'))),
      where: [{ k: 'op', op: '>', left: pc('pay_amt'), right: lit(0) }],
      groupBy: [...dimExprs.map(([, e]) => e), hoursKey],
    }), 'g'),
  }),
  partitionBy: ['fiscal_year', 'lvl2_code'],
  yearTables: ['pay_voucher'],
  // The dashboards ask by region (the approval panel): the same parts without units and departments.
  rollups: [{ id: 'region_month', dimensions: ['fiscal_year', 'month', ...regionLevels, 'mof_div_code', 'fund_type_code', 'pay_type'] }],
});
