import { add, caseWhen, div, lit, mul, ratio, sub, type Expr } from '../sql/ast.ts';
import { defineMetric } from './define.ts';

/** Upper bounds (hours) of the approval-time histogram buckets; the last bucket is open-ended. */
export const approvalBuckets = [1, 2, 4, 8, 12, 24, 36, 48, 72, 96, 120, 168] as const;
export const bucketPart = (i: number) => `approval_h${String(i).padStart(2, '0')}_count`;

const all = { zh: '全部资金性质（可筛选）', en: 'All fund types unless filtered' };

export const approvedCount = defineMetric({
  id: 'approved_count',
  label: { zh: '已审批笔数', en: 'Approved' },
  format: 'count',
  caliber: { definition: { zh: '已审批的支付申请笔数', en: 'Payment applications approved' }, fundTypes: all },
  parts: ['approved_count'],
  value: (p) => p.approved_count,
});

export const pendingCount = defineMetric({
  id: 'pending_count',
  label: { zh: '待审批笔数', en: 'Pending' },
  format: 'count',
  caliber: { definition: { zh: '尚未审批的支付申请笔数（单独计数，不计入平均耗时）', en: 'Applications not yet approved (counted apart)' }, fundTypes: all },
  parts: ['pending_count'],
  value: (p) => p.pending_count,
});

/** 支付审批平均耗时 = Σ hours ÷ approved. */
export const approvalHoursMean = defineMetric({
  id: 'approval_hours',
  label: { zh: '支付审批平均耗时（小时）', en: 'Mean approval time (hours)' },
  format: 'hours1',
  caliber: {
    definition: { zh: '已审批申请的（审批时间 − 申请时间）平均值，按小时', en: 'Mean of approve − apply over approved payments, in hours' },
    fundTypes: all,
    denominator: { zh: '已审批笔数', en: 'Approved payments' },
  },
  parts: ['approval_hours_sum', 'approved_count'],
  value: (p) => ratio(p.approval_hours_sum, p.approved_count),
});

const bucketParts = [...approvalBuckets.map((_, i) => bucketPart(i)), bucketPart(approvalBuckets.length)];

/**
 * p90 of approval time from the histogram (which rolls up exactly): the bucket where the cumulative count reaches 90%,
 * interpolated linearly within it; the open last bucket reports its lower bound.
 */
export const approvalHoursP90 = defineMetric({
  id: 'approval_hours_p90',
  label: { zh: '支付审批耗时P90（小时）', en: 'Approval time p90 (hours)' },
  format: 'hours1',
  caliber: {
    definition: { zh: '已审批申请耗时的第90百分位（由耗时分布直方图插值）', en: '90th percentile of approval time, interpolated from the histogram' },
    fundTypes: all,
    denominator: { zh: '已审批笔数', en: 'Approved payments' },
  },
  parts: [...bucketParts, 'approved_count'],
  value: (p) => {
    const target = mul(p.approved_count, { k: 'cast', arg: lit(0.9), type: 'double' });
    const whens: Array<[Expr, Expr]> = [];
    let before: Expr = lit(0);
    for (let i = 0; i < approvalBuckets.length; i++) {
      const lo = i === 0 ? 0 : approvalBuckets[i - 1];
      const hi = approvalBuckets[i];
      const inBucket = p[bucketPart(i)];
      const upTo: Expr = add(before, inBucket);
      // lo + (target − before) ÷ count × width
      const interp = add(lit(lo), mul(div({ k: 'cast', arg: sub(target, before), type: 'double' }, { k: 'fn', name: 'nullif', args: [{ k: 'cast', arg: inBucket, type: 'double' }, lit(0)] }), lit(hi - lo)));
      whens.push([{ k: 'op', op: '>=', left: upTo, right: target }, interp]);
      before = upTo;
    }
    return caseWhen([[{ k: 'op', op: '=', left: p.approved_count, right: lit(0) }, { k: 'lit', value: null }], ...whens], lit(approvalBuckets[approvalBuckets.length - 1]));
  },
});

