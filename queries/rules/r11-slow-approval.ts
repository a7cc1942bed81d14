import { array, cast, coalesce, col, eq, fn, gt, lt, param, select, subquery, table } from '../sql/ast.ts';
import { addDays, yearOf } from '../time.ts';
import { dateParam, fen, hit, numParam, ratio4, sev, yearParam } from './common.ts';
import { defineRule } from './define.ts';

/**
 * R11 支付审批超时: more than 3 working days between application and approval (or the end of the as-of day while still
 * pending), counting elapsed hours on Monday–Friday only, minus the holiday list, ÷ 24.
 */
export const r11 = defineRule({
  id: 'R11',
  name: { zh: '支付审批超时', en: 'Slow payment approval' },
  description: { zh: '支付申请至审批通过（或截至所选日期仍未审批）超过3个工作日', en: 'More than 3 working days from application to approval (or to the as-of date while pending)' },
  basis: { zh: '国库集中支付业务规范对审核时限的要求；优化营商环境对财政支付时效的要求', en: 'Treasury payment service standards on approval time' },
  severityLogic: { zh: '黄色；工作时间按周一至周五计，扣除节假日', en: 'Yellow; working time counts Monday–Friday minus holidays' },
  entityType: 'payment',
  thresholds: [{ key: 'max_working_days', label: { zh: '工作日上限', en: 'Maximum working days' }, unit: 'days', default: 3, min: 0.5, max: 60 }],
  window: { zh: '任何日期；待审批的申请计至所选日期当天结束', en: 'Any date; pending applications count to the end of the as-of day' },
  years: (asOf) => [yearOf(asOf)],
  query(ctx) {
    const tz = param(ctx.timeZone);
    const end = coalesce(col('approve_time'), fn('day_start', dateParam(addDays(ctx.asOf, 1)), tz));
    const hours = fn('working_hours', col('apply_time'), end, cast(param(`{${ctx.holidays.join(',')}}`), 'date_array'), tz);
    const inner = select({
      select: [
        ['pay_app_no', col('pay_app_no')], ['fiscal_year', col('fiscal_year')], ['mof_div_code', col('mof_div_code')], ['agency_code', col('agency_code')],
        ['pay_amt', col('pay_amt')], ['apply_time', col('apply_time')], ['approve_time', col('approve_time')], ['hours', hours],
      ],
      from: table('pay_voucher'),
      where: [
        eq(col('fiscal_year'), yearParam(ctx)),
        lt(col('apply_time'), fn('day_start', dateParam(addDays(ctx.asOf, 1)), tz)),
        // Working hours never exceed elapsed hours: only spans longer than the limit need the exact count.
        gt(fn('hours_between', col('apply_time'), end), numParam(ctx.thresholds.max_working_days * 24)),
      ],
    });
    return select({
      select: hit({
        key: col('pay_app_no'),
        severity: sev('yellow'),
        fiscalYear: col('fiscal_year'),
        mofDivCode: col('mof_div_code'),
        agencyCode: col('agency_code'),
        entityId: col('pay_app_no'),
        amountFen: fen(col('pay_amt')),
        eventDate: fn('business_date', col('apply_time'), tz),
        evidence: { apply_time: col('apply_time'), approve_time: col('approve_time'), working_hours: ratio4(col('hours')), pending: { k: 'is_null', arg: col('approve_time'), negate: false } },
        evidenceIds: array(col('pay_app_no')),
      }),
      from: subquery(inner, 'h'),
      where: [gt(col('hours'), numParam(ctx.thresholds.max_working_days * 24))],
    });
  },
});
