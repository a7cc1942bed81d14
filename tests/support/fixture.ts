import { refreshRegionPath } from '../../api/src/db/region-path.ts';
import type { Db } from '../../api/src/db/types.ts';

/**
 * A tiny hand-made fixture whose figures are worked out by hand below: an adjustment, a return, a 提前下达 indicator,
 * a pending payment, 类 230 rows (excluded), facts after the as-of date, and two units with the same agency_code
 * (204001) in different regions.
 */
export const DATA_AS_OF = '2026-04-30';

const regions = [
  ['660000000', '兵团本级', '', 1],
  ['660100000', '第一师', '660000000', 2],
  ['660101000', '一团', '660100000', 3],
  ['660200000', '第二师', '660000000', 2],
];
const agencies = [
  ['660000000', '201001', '兵团财政局本级', '201', '财政局'],
  ['660100000', '204001', '第一师公安局', '204', '公安局'],
  ['660200000', '204001', '第二师公安局', '204', '公安局'],
  ['660101000', '205001', '一团中学', '205', '教育局'],
];
//  bgt_id, fy, region, agency, func, eco, fund, source, src, amount, doc_date
const indicators = [
  ['I1', 2026, '660100000', '204001', '2040101', '30201', '111', 'initial', '', '1000000.00', '2026-01-10'],
  ['I2', 2026, '660100000', '204001', '2040101', '30201', '111', 'adjust', 'I1', '-200000.00', '2026-03-15'],
  ['I3', 2026, '660200000', '204001', '2040101', '30101', '111', 'initial', '', '500000.00', '2025-11-20'], // 提前下达 → month 1
  ['I4', 2026, '660101000', '205001', '2050201', '31002', '122', 'initial', '', '300000.00', '2026-02-01'],
  ['I5', 2026, '660000000', '201001', '2010101', '30201', '31', 'initial', '', '200000.00', '2026-01-05'],
  ['I6', 2026, '660100000', '204001', '2300201', '39999', '111', 'transfer', '', '999999.00', '2026-02-01'], // 230: excluded
  ['I7', 2026, '660100000', '204001', '2040101', '30201', '111', 'supplement', 'I1', '100000.00', '2026-04-10'],
  ['I8', 2025, '660100000', '204001', '2040101', '30201', '111', 'initial', '', '400000.00', '2025-01-15'],
];
//  no, fy, region, agency, bgt, func, eco, fund, amt, ori, apply, approve, pay_date
const payments = [
  ['P1', 2026, '660100000', '204001', 'I1', '2040101', '30201', '111', '250000.00', '', '2026-02-09 10:00:00+08', '2026-02-09 15:00:00+08', '2026-02-10'],
  ['P2', 2026, '660100000', '204001', 'I1', '2040101', '30201', '111', '100000.50', '', '2026-03-04 10:00:00+08', '2026-03-04 11:00:00+08', '2026-03-05'],
  ['P3', 2026, '660100000', '204001', 'I1', '2040101', '30201', '111', '-20000.25', 'P1', '2026-03-20 09:00:00+08', '2026-03-20 09:30:00+08', '2026-03-20'], // return
  ['P4', 2026, '660200000', '204001', 'I3', '2040101', '30101', '111', '123456.78', '', '2026-01-24 10:00:00+08', '2026-01-24 16:00:00+08', '2026-01-25'],
  ['P5', 2026, '660101000', '205001', 'I4', '2050201', '31002', '122', '60000.00', '', '2026-03-31 08:00:00+08', '2026-03-31 09:00:00+08', '2026-03-31'], // on the as-of day
  ['P6', 2026, '660101000', '205001', 'I4', '2050201', '31002', '122', '10000.00', '', '2026-03-30 10:00:00+08', '', ''], // pending
  ['P7', 2026, '660000000', '201001', 'I5', '2010101', '30201', '31', '50000.00', '', '2026-04-01 10:00:00+08', '2026-04-01 12:00:00+08', '2026-04-02'],
  ['P8', 2026, '660100000', '204001', 'I6', '2300201', '39999', '111', '5000.00', '', '2026-02-01 10:00:00+08', '2026-02-01 11:00:00+08', '2026-02-01'], // 230
  // 00:30 on 1 April China time is still 31 March in UTC: the pay_date (a business date) decides, not the timestamp.
  ['P9', 2026, '660200000', '204001', 'I3', '2040101', '30101', '111', '1000.00', '', '2026-04-01 00:10:00+08', '2026-04-01 00:30:00+08', '2026-04-01'],
];

const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.join(',') + '\n');

export async function loadFixture(db: Db): Promise<void> {
  await db.copyFrom('region', ['mof_div_code', 'mof_div_name', 'parent_code', 'level'], csv(regions));
  await refreshRegionPath(db);
  await db.copyFrom('agency', ['mof_div_code', 'agency_code', 'agency_name', 'dept_code', 'dept_name'], csv(agencies));
  await db.copyFrom(
    'bgt_indicator',
    ['bgt_id', 'fiscal_year', 'mof_div_code', 'agency_code', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code', 'bgt_source', 'src_bgt_id', 'amount', 'doc_date'],
    csv(indicators),
  );
  await db.copyFrom(
    'pay_voucher',
    ['pay_app_no', 'fiscal_year', 'mof_div_code', 'agency_code', 'bgt_id', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code', 'pay_amt', 'ori_pay_app_no', 'apply_time', 'approve_time', 'pay_date', 'pay_type', 'payee_type', 'payee_acct_name', 'payee_acct_no'],
    csv(payments.map((p) => [...p, 'direct', 'org', '某公司', '6222000000000001'])),
  );
  await db.query(`INSERT INTO app_meta (key, value) VALUES ('data_as_of', to_jsonb($1::text))`, [DATA_AS_OF]);
}

/** Figures worked out by hand from the rows above (fen). */
export const expected = {
  /** As of 2026-03-31: I1 + I2 + I3 + I4 + I5; P1 + P2 + P3 + P4 + P5. */
  march: {
    asOf: '2026-03-31',
    budgetFen: 180_000_000n, // 1,000,000 − 200,000 + 500,000 + 300,000 + 200,000 元
    paidFen: 51_345_703n, // 250,000 + 100,000.50 − 20,000.25 + 123,456.78 + 60,000 元
    timeProgressDay: 90 / 365,
    timeProgressMonth: 3 / 12,
    byChild: {
      '660100000': { budgetFen: 110_000_000n, paidFen: 39_000_025n }, // 第一师 汇总 incl. 一团
      '660200000': { budgetFen: 50_000_000n, paidFen: 12_345_678n },
      本级: { budgetFen: 20_000_000n, paidFen: 0n }, // 兵团本级: P7 is dated after the as-of date
    },
    /** Cumulative budget / paid at the end of each month. */
    cumulative: [
      { month: 202601, budgetFen: 170_000_000n, paidFen: 12_345_678n },
      { month: 202602, budgetFen: 200_000_000n, paidFen: 37_345_678n },
      { month: 202603, budgetFen: 180_000_000n, paidFen: 51_345_703n },
    ],
    units: {
      '660100000:204001': { budgetFen: 80_000_000n, paidFen: 33_000_025n },
      '660200000:204001': { budgetFen: 50_000_000n, paidFen: 12_345_678n },
    },
  },
  /** As of 2026-04-30 (= dataAsOf): + I7; + P7 + P9. */
  april: { asOf: '2026-04-30', budgetFen: 190_000_000n, paidFen: 56_445_703n, timeProgressDay: 120 / 365 },
  /** FY 2025 complete: I8 only. */
  previousYear: { asOf: '2025-12-31', budgetFen: 40_000_000n, paidFen: 0n },
};
