import { addDays, array, cast, coalesce, col, eq, fn, gt, le, lit, lt, param, scalar, select, sub, sum, table, window, ge, type Expr } from '../sql/ast.ts';
import { yearOf } from '../time.ts';
import { asOfDate, fen, hit, intParam, sev, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/** R07 转移支付下达超时: part of a received transfer is still not allocated when the deadline has passed. */
export const r07 = defineRule({
  id: 'R07',
  name: { zh: '转移支付下达超时', en: 'Transfer allocated late' },
  description: { zh: '收到上级转移支付后，超过期限仍有金额未分配下达', en: 'An amount of a received transfer is still unallocated after the deadline' },
  basis: { zh: '预算法第五十二条：省级政府接到中央转移支付后应在30日内正式下达到本行政区域县级以上各级政府', en: 'Budget Law art. 52: transfers are passed down within 30 days of receipt' },
  severityLogic: { zh: '超过30天为橙色；自收到至全部下达（或至今仍未下达）超过60天为红色', en: 'Past 30 days orange; more than 60 days from receipt to full allocation (or still open) red' },
  entityType: 'transfer',
  thresholds: [
    { key: 'deadline_days', label: { zh: '下达期限（天）', en: 'Deadline (days)' }, unit: 'days', default: 30, min: 1, max: 365 },
    { key: 'red_days', label: { zh: '红色天数', en: 'Red after (days)' }, unit: 'days', default: 60, min: 1, max: 730 },
  ],
  window: { zh: '收到日期加期限已过去的转移支付', en: 'Transfers whose deadline has passed by the as-of date' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const deadline = Math.round(ctx.thresholds.deadline_days);
    const allocs = select({
      select: [
        ['transfer_id', col('transfer_id')], ['alloc_date', col('alloc_date')],
        ['cum_fen', cast(window(sum(fen(col('amount'))), [col('transfer_id')], [col('alloc_date'), col('to_mof_div_code')]), 'bigint')],
      ],
      from: table('transfer_alloc'),
      where: [le(col('alloc_date'), asOfDate(ctx))],
    });
    const t = (c: string) => col(c, 't');
    const byDeadline: Expr = coalesce(
      scalar(select({ select: [['m', { k: 'agg', fn: 'max', arg: col('cum_fen', 'c') }]], from: table('c', 'c'), where: [eq(col('transfer_id', 'c'), t('transfer_id')), le(col('alloc_date', 'c'), addDays(t('received_date'), intParam(deadline)))] })),
      lit(0),
    );
    const fullDate: Expr = scalar(select({ select: [['d', { k: 'agg', fn: 'min', arg: col('alloc_date', 'c') }]], from: table('c', 'c'), where: [eq(col('transfer_id', 'c'), t('transfer_id')), ge(col('cum_fen', 'c'), fen(t('amount')))] }));
    const s = select({
      select: [
        ['transfer_id', t('transfer_id')], ['fiscal_year', t('fiscal_year')], ['mof_div_code', t('mof_div_code')], ['received_date', t('received_date')],
        ['amount_fen', fen(t('amount'))], ['by_deadline_fen', byDeadline], ['full_date', fullDate],
        ['allocated_fen', coalesce(scalar(select({ select: [['m', { k: 'agg', fn: 'max', arg: col('cum_fen', 'c') }]], from: table('c', 'c'), where: [eq(col('transfer_id', 'c'), t('transfer_id'))] })), lit(0))],
      ],
      from: table('transfer', 't'),
      where: [eq(t('fiscal_year'), yearParam(ctx)), lt(addDays(t('received_date'), intParam(deadline)), asOfDate(ctx))],
    });
    const daysOpen = fn('days_between', coalesce(col('full_date'), asOfDate(ctx)), col('received_date'));
    return select({
      with: [['c', allocs], ['s', s]],
      select: hit({
        key: col('transfer_id'),
        severity: { k: 'case', whens: [[gt(daysOpen, intParam(ctx.thresholds.red_days)), sev('red')]], else: sev('orange') },
        fiscalYear: col('fiscal_year'),
        mofDivCode: col('mof_div_code'),
        agencyCode: { k: 'lit', value: null },
        entityId: col('transfer_id'),
        amountFen: sub(col('amount_fen'), col('by_deadline_fen')),
        eventDate: addDays(col('received_date'), intParam(deadline)),
        evidence: {
          amount_fen: col('amount_fen'), allocated_by_deadline_fen: col('by_deadline_fen'), allocated_fen: col('allocated_fen'),
          received_date: col('received_date'), fully_allocated_date: col('full_date'), days_open: daysOpen,
        },
        evidenceIds: array(col('transfer_id')),
      }),
      from: table('s'),
      where: [lt(col('by_deadline_fen'), col('amount_fen'))],
    });
  },
});
