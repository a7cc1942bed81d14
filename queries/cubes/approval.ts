import { dimensions as d, regionLevels } from '../dimensions.ts';
import { approvalBuckets, approvalHoursMean, approvalHoursP90, approvedCount, bucketPart, pendingCount } from '../metrics/approval.ts';
import { add, and, caseWhen, cast, coalesce, col, eq, fn, ge, isNull, join, lit, lt, mul, notNull, select, subquery, substr, table, type Expr } from '../sql/ast.ts';
import { defineCube, type Part } from './define.ts';

const pc = (c: string) => col(c, 'p');
// Hours are computed once per payment (inner query) and bucketed outside.
const approved = notNull(col('hours'));
const hours = col('hours');
const one = (cond: Expr) => cast(caseWhen([[cond, lit(1)]], lit(0)), 'bigint');
const dims = ['fiscal_year', 'month', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code', 'mof_div_code', 'agency_code', 'dept_code', 'fund_type_code', 'pay_type'];

const bucketCols: Array<[string, Expr]> = [...approvalBuckets, Infinity].map((hi, i) => {
  const lo = i === 0 ? 0 : approvalBuckets[i - 1];
  const cond = hi === Infinity ? and(approved, ge(hours, lit(lo))) : and(approved, ge(hours, lit(lo)), lt(hours, lit(hi)));
  return [bucketPart(i), one(cond)];
});

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
  source: select({
    select: [
      ...dims.map((c) => [c, col(c)] as [string, Expr]),
      ['approved_count', one(approved)], ['pending_count', one(isNull(hours))],
      ['approval_hours_sum', cast(coalesce(hours, lit(0)), 'double')],
      ...bucketCols,
    ],
    from: subquery(select({
    select: [
      ['fiscal_year', pc('fiscal_year')],
      ['month', fn('greatest', add(mul(cast(pc('fiscal_year'), 'integer'), lit(100)), lit(1)), fn('least', add(mul(cast(pc('fiscal_year'), 'integer'), lit(100)), lit(12)), fn('month_key', fn('business_date', pc('apply_time'), { k: 'str', value: 'Asia/Shanghai' }))))],
      ...regionLevels.map((c) => [c, col(c, 'rp')] as [string, Expr]),
      ['mof_div_code', pc('mof_div_code')], ['agency_code', pc('agency_code')], ['dept_code', substr(pc('agency_code'), 1, 3)],
      ['fund_type_code', pc('fund_type_code')], ['pay_type', pc('pay_type')],
      ['hours', fn('hours_between', pc('apply_time'), pc('approve_time'))],
    ],
    from: join(table('pay_voucher', 'p'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), pc('mof_div_code'))),
    where: [{ k: 'op', op: '>', left: pc('pay_amt'), right: lit(0) }],
  }), 'a'),
  }),
  partitionBy: ['fiscal_year', 'lvl2_code'],
  yearTables: ['pay_voucher'],
});
