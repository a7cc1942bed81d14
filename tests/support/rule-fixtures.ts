import { refreshRegionPath } from '../../api/src/db/region-path.ts';
import type { Db } from '../../api/src/db/types.ts';

/**
 * A hand-made fixture for the risk rules R01–R12: one small section per rule, each with its violations, the cases
 * exactly at each threshold and the near-misses just inside. The hits each section must produce are worked out by hand
 * in the comments here and asserted in tests/rules-fixture.test.ts.
 *
 * Sections stay out of each other's way: only R04 pays persons, only R03 uses 三公 款, only R02 has 2025 payments,
 * every payment goes to its own payee account unless a section shares one on purpose (R05, R06), approvals take one
 * hour unless R11 says otherwise, pending applications outside R11 were made on Friday 30 October (14 working hours at
 * the as-of date), and a unit with a budget ≥ 100,000 that is not an R01 case keeps its execution rate near time
 * progress.
 *
 * Calendar (2026-01-01 is a Thursday): 2026-10-31, the as-of date, is a Saturday and day 304 of 365
 * (31+28+31+30+31+30+31+31+30 = 273 days to 30 September, + 31).
 */
export const AS_OF = '2026-10-31';
export const FY = 2026;
export const TIME_PROGRESS = 304 / 365; // 0.832876712…

/** 第一师: the region of most fixture units. */
export const D1 = '660100000';
/** 第二师: holds a second unit with the same agency_code as a 第一师 unit (R01, R06). */
export const D2 = '660200000';

//  mof_div_code, name, parent, level — depth 4 under 第七师 (R12)
const regions: Array<[string, string, string, number]> = [
  ['660000000', '兵团本级', '', 1],
  [D1, '第一师', '660000000', 2],
  ['660101000', '一团', D1, 3],
  [D2, '第二师', '660000000', 2],
  ['660300000', '第三师', '660000000', 2],
  ['660400000', '第四师', '660000000', 2],
  ['660500000', '第五师', '660000000', 2],
  ['660600000', '第六师', '660000000', 2],
  ['660700000', '第七师', '660000000', 2],
  ['660701000', '一二一团', '660700000', 3],
  ['660701100', '一二一团某镇', '660701000', 4],
];

type Agency = [div: string, code: string, name: string];
type Indicator = {
  id: string; agency: string; amount: string; doc?: string; div?: string; src?: string;
  source?: 'initial' | 'adjust' | 'supplement' | 'transfer' | 'carryover'; func?: string; eco?: string; fund?: string; fy?: number;
};
export type Payment = {
  no: string; agency: string; amt: string; payDate: string | null; apply: string; approve: string | null;
  div?: string; bgt?: string; func?: string; eco?: string; fund?: string; ori?: string; payee?: 'org' | 'person'; acct?: string; fy?: number;
};
type PayOpts = Partial<Pick<Payment, 'div' | 'bgt' | 'func' | 'eco' | 'fund' | 'ori' | 'payee' | 'acct' | 'fy'>>;

/** A payment approved one hour after application on its pay date (China time). */
export const paid = (no: string, agency: string, amt: string, payDate: string, o: PayOpts = {}): Payment =>
  ({ no, agency, amt, payDate, apply: `${payDate} 10:00:00+08`, approve: `${payDate} 11:00:00+08`, ...o });
/** A payment with explicit application and approval instants; paid on the day of approval. */
const approved = (no: string, agency: string, amt: string, apply: string, approve: string, o: PayOpts = {}): Payment =>
  ({ no, agency, amt, payDate: approve.slice(0, 10), apply, approve, ...o });
/** An application still pending: no approval, no pay date. */
const pending = (no: string, agency: string, amt: string, apply: string, o: PayOpts = {}): Payment =>
  ({ no, agency, amt, payDate: null, apply, approve: null, ...o });

const agencies: Agency[] = [];
const indicators: Indicator[] = [];
const payments: Payment[] = [];
const projects: Array<[code: string, fy: number, agency: string, name: string, cat: string, amount: string, goal: boolean]> = [];
const transfers: Array<[id: string, amount: string, received: string]> = [];
const allocs: Array<[id: string, date: string, to: string, amount: string]> = [];
const debts: Array<[div: string, fy: number, balance: string, limit: string, capacity: string]> = [];

// ── R01 执行进度滞后 ──────────────────────────────────────────────────────────────────────────────────────────────
// time progress 304/365. With a budget of 365,000.00 a gap of g pp means paid = 365,000 × (304/365 + g/100):
//   g = −15 → 304,000 − 54,750 = 249,250.00;  g = −30 → 304,000 − 109,500 = 194,500.00.
// 201001 paid 249,250.00 → gap exactly −15.0 → orange. Its 230 line (400,000, 转移性支出) is not budget: counted, the
//        rate would be 249,250 / 765,000 = 32.6 % (gap −50.7, red). Its 100,000 paid on 3 Nov is after the as-of date:
//        counted, the gap would be +12.3 (no hit).
// 201002 paid 194,500.00 → gap exactly −30.0 → red.
// 201003 paid 249,250.01 → gap −15 + 0.01/3,650 = −14.99999726 → none (one fen inside).
// 201004 paid 194,500.01 → gap −29.99999726 → orange (one fen short of red).
// 201005 budget 99,999.99, nothing paid (gap −83.3) → none: below the 100,000 minimum.
// 201006 budget exactly 100,000.00, nothing paid → gap −83.29 → red.
// 第二师 201001 (same agency_code, another unit) paid 304,000.00 of 365,000.00 → gap 0 → none.
agencies.push(
  [D1, '201001', '滞后单位甲'], [D1, '201002', '滞后单位乙'], [D1, '201003', '滞后单位丙'],
  [D1, '201004', '滞后单位丁'], [D1, '201005', '小额单位'], [D1, '201006', '十万单位'], [D2, '201001', '第二师正常单位'],
);
indicators.push(
  { id: 'R01-I1', agency: '201001', amount: '365000.00' },
  { id: 'R01-I1-230', agency: '201001', amount: '400000.00', func: '2300201', eco: '39999', source: 'transfer' },
  { id: 'R01-I2', agency: '201002', amount: '365000.00' },
  { id: 'R01-I3', agency: '201003', amount: '365000.00' },
  { id: 'R01-I4', agency: '201004', amount: '365000.00' },
  { id: 'R01-I5', agency: '201005', amount: '99999.99' },
  { id: 'R01-I6', agency: '201006', amount: '100000.00' },
  { id: 'R01-I7', agency: '201001', div: D2, amount: '365000.00' },
);
payments.push(
  paid('R01-P1', '201001', '200000.00', '2026-06-10', { bgt: 'R01-I1' }),
  paid('R01-P1B', '201001', '49250.00', '2026-09-15', { bgt: 'R01-I1' }),
  paid('R01-P1C', '201001', '100000.00', '2026-11-03', { bgt: 'R01-I1' }), // after the as-of date
  paid('R01-P2', '201002', '194500.00', '2026-09-15', { bgt: 'R01-I2' }),
  paid('R01-P3', '201003', '249250.01', '2026-09-15', { bgt: 'R01-I3' }),
  paid('R01-P4', '201004', '194500.01', '2026-09-15', { bgt: 'R01-I4' }),
  paid('R01-P7', '201001', '304000.00', '2026-09-15', { bgt: 'R01-I7', div: D2 }),
);

// ── R02 年底突击支出 (the closed year 2025 at the as-of date) ──────────────────────────────────────────────────────
// 202001 75,000 in June + 25,000 in December = 25.00 % → none (not above 25 %); its pending December application
//        (10,000, no pay date) is not paid: counted, 35,000 / 110,000 = 31.8 % (orange).
// 202002 74,990 + 25,010 → 25.01 % → orange.
// 202003 60,000 + 40,000 (paid on 31 December, the last day counts) → exactly 40 % → orange (not above 40 %).
// 202004 59,990 + 40,010 → 40.01 % → red.
// 202005 80,000 + 20,000 in December → 20 % → none; its 230 December payment (50,000) is excluded: counted,
//        70,000 / 150,000 = 46.7 % (red).
// 202006 (2026) 60,000 in June, 40,000 on 5 December 2026 (after the as-of date): the current year is evaluated only
//        from December, where its share is 40 % → orange.
agencies.push(
  [D1, '202001', '突击单位甲'], [D1, '202002', '突击单位乙'], [D1, '202003', '突击单位丙'],
  [D1, '202004', '突击单位丁'], [D1, '202005', '突击单位戊'], [D1, '202006', '突击单位己'],
);
payments.push(
  paid('R02-P1A', '202001', '75000.00', '2025-06-16'),
  paid('R02-P1B', '202001', '25000.00', '2025-12-10'),
  pending('R02-P1C', '202001', '10000.00', '2025-12-28 10:00:00+08'),
  paid('R02-P2A', '202002', '74990.00', '2025-06-16'),
  paid('R02-P2B', '202002', '25010.00', '2025-12-10'),
  paid('R02-P3A', '202003', '60000.00', '2025-06-16'),
  paid('R02-P3B', '202003', '40000.00', '2025-12-31'),
  paid('R02-P4A', '202004', '59990.00', '2025-06-16'),
  paid('R02-P4B', '202004', '40010.00', '2025-12-10'),
  paid('R02-P5A', '202005', '80000.00', '2025-06-16'),
  paid('R02-P5B', '202005', '20000.00', '2025-12-10'),
  paid('R02-P5C', '202005', '50000.00', '2025-12-15', { func: '2300201', eco: '39999' }),
  paid('R02-P6A', '202006', '60000.00', '2026-06-10'),
  paid('R02-P6B', '202006', '40000.00', '2026-12-05'),
);

// ── R03 三公经费超预算 (财政拨款: fund type prefix 1) ──────────────────────────────────────────────────────────────
// The payments carry no bgt_id so that a 三公 excess does not also show as an indicator overrun (R10 has its own cases).
// 203001 budget 30,000 (30217, fund 111); paid 20,000 (30217, 111) + 10,000 (30231, 112) = 30,000 = budget → none;
//        its 50,000 on 30201 (not 三公): counted, 80,000 > 30,000 (red).
// 203002 budget 30,000; paid 20,000 + 10,000.01 = 30,000.01 → red, excess 1 fen.
// 203003 budget 30,000 (111); paid 30,000 (111) + 5,000 on 30217 from 单位资金 (fund 31, not 财政拨款) → none;
//        counted, 35,000 > 30,000 (red).
// 203004 no 三公 budget; paid 1,000 on 30231 from 政府性基金 (fund 121, prefix 1) → red, excess 100,000 fen.
//        With the prefix set to 11 (一般公共预算 only) fund 121 is out → none.
agencies.push([D1, '203001', '三公单位甲'], [D1, '203002', '三公单位乙'], [D1, '203003', '三公单位丙'], [D1, '203004', '三公单位丁']);
indicators.push(
  { id: 'R03-I1', agency: '203001', amount: '30000.00', eco: '30217' },
  { id: 'R03-I2', agency: '203002', amount: '30000.00', eco: '30217' },
  { id: 'R03-I3', agency: '203003', amount: '30000.00', eco: '30217' },
);
payments.push(
  paid('R03-P1A', '203001', '20000.00', '2026-04-10', { eco: '30217' }),
  paid('R03-P1B', '203001', '10000.00', '2026-07-10', { eco: '30231', fund: '112' }),
  paid('R03-P1C', '203001', '50000.00', '2026-07-11', { eco: '30201' }),
  paid('R03-P2A', '203002', '20000.00', '2026-04-10', { eco: '30217' }),
  paid('R03-P2B', '203002', '10000.01', '2026-07-10', { eco: '30231' }),
  paid('R03-P3A', '203003', '30000.00', '2026-04-10', { eco: '30217' }),
  paid('R03-P3B', '203003', '5000.00', '2026-07-10', { eco: '30217', fund: '31' }),
  paid('R03-P4A', '203004', '1000.00', '2026-04-10', { eco: '30231', fund: '121', func: '2120801' }),
);

// ── R04 大额转账至个人账户 ─────────────────────────────────────────────────────────────────────────────────────────
// To persons outside 301/303: P1 50,000.00 → orange; P2 49,999.99 → none; P3 200,000.00 → red; P4 199,999.99 → orange.
// P5 300,000 on 30101 (工资) and P6 300,000 on 30305 (对个人和家庭的补助) → never; P7 80,000 to an organisation → none.
// P8 60,000 pending (applied Fri 30 Oct) → orange: pending applications count.
// P9 100,000 applied 00:30 on 1 November China time (= 31 October 16:30 UTC): after the as-of day → none.
// P10 100,000 paid in June 2025 → another fiscal year → none.
agencies.push([D1, '204001', '个人转账单位']);
const person = (acct: string): PayOpts => ({ payee: 'person', acct });
payments.push(
  paid('R04-P1', '204001', '50000.00', '2026-08-03', person('P-1')),
  paid('R04-P2', '204001', '49999.99', '2026-08-04', person('P-2')),
  paid('R04-P3', '204001', '200000.00', '2026-08-05', person('P-3')),
  paid('R04-P4', '204001', '199999.99', '2026-08-06', person('P-4')),
  paid('R04-P5', '204001', '300000.00', '2026-08-07', { ...person('P-5'), eco: '30101' }),
  paid('R04-P6', '204001', '300000.00', '2026-08-10', { ...person('P-6'), eco: '30305' }),
  paid('R04-P7', '204001', '80000.00', '2026-08-11'),
  pending('R04-P8', '204001', '60000.00', '2026-10-30 10:00:00+08', person('P-8')),
  pending('R04-P9', '204001', '100000.00', '2026-11-01 00:30:00+08', person('P-9')),
  paid('R04-P10', '204001', '100000.00', '2025-06-16', person('P-10')),
);

// ── R05 拆分支付 (unit 205001 unless noted) ───────────────────────────────────────────────────────────────────────
// S1 400,000 (2 Mar) + 350,000 (12 Mar) + 250,000 (1 Apr = 2 Mar + 30 days, the window's last day) = 1,000,000.00
//    → orange, keyed by the window start 2026-03-02.
// S2 the same with 249,999.99 → 999,999.99 → none.
// S3 works (30905): 500,000 (4 May) + 400,000 (14 May) + 300,000 (3 Jun = 4 May + 30) = 1,200,000.00 → orange.
// S4 works: 500,000 + 400,000 + 200,000 = 1,100,000 → none (the 1,200,000 works threshold; goods would have hit).
// S5 the S1 amounts but the third on 2 Apr, 31 days after the first: windows from 2 Mar and 12 Mar hold 2 payments → none.
// S6 1,000,000.00 (not below the threshold) + 600,000 + 500,000 → only 2 payments below → none.
// S7 100,000 (5 Jan), 400,000 (20 Feb), 350,000 (1 Mar), 300,000 (10 Mar): the window from 5 Jan (to 4 Feb) holds 1;
//    from 20 Feb (to 22 Mar) 3 payments, 1,050,000 → one hit keyed 2026-02-20 (the window from 1 Mar holds 2).
// S8 400,000 + 350,000 from 205001 and 300,000 from 205002 within 9 days: two units → none.
// S9 400,000 (20 Oct), 350,000 (26 Oct), 300,000 (2 Nov, after the as-of date) → none.
agencies.push([D1, '205001', '拆分单位甲'], [D1, '205002', '拆分单位乙']);
const to = (acct: string, o: PayOpts = {}): PayOpts => ({ acct, ...o });
const works: PayOpts = { eco: '30905', func: '2120201' };
payments.push(
  paid('R05-S1-1', '205001', '400000.00', '2026-03-02', to('S1')),
  paid('R05-S1-2', '205001', '350000.00', '2026-03-12', to('S1')),
  paid('R05-S1-3', '205001', '250000.00', '2026-04-01', to('S1')),
  paid('R05-S2-1', '205001', '400000.00', '2026-03-02', to('S2')),
  paid('R05-S2-2', '205001', '350000.00', '2026-03-12', to('S2')),
  paid('R05-S2-3', '205001', '249999.99', '2026-04-01', to('S2')),
  paid('R05-S3-1', '205001', '500000.00', '2026-05-04', to('S3', works)),
  paid('R05-S3-2', '205001', '400000.00', '2026-05-14', to('S3', works)),
  paid('R05-S3-3', '205001', '300000.00', '2026-06-03', to('S3', works)),
  paid('R05-S4-1', '205001', '500000.00', '2026-05-04', to('S4', works)),
  paid('R05-S4-2', '205001', '400000.00', '2026-05-14', to('S4', works)),
  paid('R05-S4-3', '205001', '200000.00', '2026-06-03', to('S4', works)),
  paid('R05-S5-1', '205001', '400000.00', '2026-03-02', to('S5')),
  paid('R05-S5-2', '205001', '350000.00', '2026-03-12', to('S5')),
  paid('R05-S5-3', '205001', '250000.00', '2026-04-02', to('S5')),
  paid('R05-S6-1', '205001', '1000000.00', '2026-07-01', to('S6')),
  paid('R05-S6-2', '205001', '600000.00', '2026-07-02', to('S6')),
  paid('R05-S6-3', '205001', '500000.00', '2026-07-03', to('S6')),
  paid('R05-S7-1', '205001', '100000.00', '2026-01-05', to('S7')),
  paid('R05-S7-2', '205001', '400000.00', '2026-02-20', to('S7')),
  paid('R05-S7-3', '205001', '350000.00', '2026-03-01', to('S7')),
  paid('R05-S7-4', '205001', '300000.00', '2026-03-10', to('S7')),
  paid('R05-S8-1', '205001', '400000.00', '2026-08-03', to('S8')),
  paid('R05-S8-2', '205001', '350000.00', '2026-08-10', to('S8')),
  paid('R05-S8-3', '205002', '300000.00', '2026-08-12', to('S8')),
  paid('R05-S9-1', '205001', '400000.00', '2026-10-20', to('S9')),
  paid('R05-S9-2', '205001', '350000.00', '2026-10-26', to('S9')),
  paid('R05-S9-3', '205001', '300000.00', '2026-11-02', to('S9')),
);

// ── R06 重复支付 (unit 206001 of 第一师 unless noted) ─────────────────────────────────────────────────────────────
// D01/D02 12,345.00 to DUP1 on Mon 4 May and Thu 7 May: 3 days apart → red, key R06-D01:R06-D02.
// D03/D04 23,456.00 to DUP2 on 4 May and 8 May: 4 days → none.
// D05/D06 34,567.00 to DUP3 on the same day, from 206001 of 第一师 and 206001 of 第二师 (two units) → none.
// D07/D08 45,678.00 and 45,678.01 to DUP4 on the same day → none.
// D09/D10 56,789.00 on the same day to DUP5 and DUP6 → none.
// D11/D12 67,890.00 to DUP7 on 30 Oct and 2 Nov (after the as-of date) → none.
// D13/D14 78,901.00 to DUP8 paid 29 Oct / still pending (no pay date) → none.
agencies.push([D1, '206001', '重复单位'], [D2, '206001', '第二师重复单位']);
payments.push(
  paid('R06-D01', '206001', '12345.00', '2026-05-04', to('DUP1')),
  paid('R06-D02', '206001', '12345.00', '2026-05-07', to('DUP1')),
  paid('R06-D03', '206001', '23456.00', '2026-05-04', to('DUP2')),
  paid('R06-D04', '206001', '23456.00', '2026-05-08', to('DUP2')),
  paid('R06-D05', '206001', '34567.00', '2026-06-01', to('DUP3')),
  paid('R06-D06', '206001', '34567.00', '2026-06-01', to('DUP3', { div: D2 })),
  paid('R06-D07', '206001', '45678.00', '2026-06-02', to('DUP4')),
  paid('R06-D08', '206001', '45678.01', '2026-06-02', to('DUP4')),
  paid('R06-D09', '206001', '56789.00', '2026-06-03', to('DUP5')),
  paid('R06-D10', '206001', '56789.00', '2026-06-03', to('DUP6')),
  paid('R06-D11', '206001', '67890.00', '2026-10-30', to('DUP7')),
  paid('R06-D12', '206001', '67890.00', '2026-11-02', to('DUP7')),
  paid('R06-D13', '206001', '78901.00', '2026-10-29', to('DUP8')),
  pending('R06-D14', '206001', '78901.00', '2026-10-30 10:00:00+08', to('DUP8')),
);

// ── R07 转移支付下达超时 (received by 第一师, allocated to 一团 and to its own units) ─────────────────────────────────
// Dates: 1 Jun + 30 = 1 Jul (the deadline), + 31 = 2 Jul, + 60 = 31 Jul, + 61 = 1 Aug; 31 Oct − 1 Jun = 152 days;
// 31 Oct − 31 Aug = 61; 31 Oct − 1 Sep = 60; 30 Sep + 30 = 30 Oct (passed); 1 Oct + 30 = 31 Oct (not yet passed).
// T01 1,000,000 received 1 Jun, allocated in full on 1 Jul (600,000 + 400,000, day 30) → none.
// T02 600,000 on 15 Jun, the rest on 2 Jul (day 31) → orange (31 days to full allocation).
// T03 600,000 on 20 Jun, nothing since → still open after 152 days → red.
// T04 500,000 on 20 Jun, the rest on 31 Jul (day 60) → orange (60 is not more than 60).
// T05 500,000 on 20 Jun, the rest on 1 Aug (day 61) → red.
// T06 received 31 Aug, nothing allocated → open 61 days → red.
// T07 received 1 Sep, nothing allocated → open 60 days → orange.
// T08 received 1 Oct, nothing allocated → its deadline (31 Oct) has not passed → none.
// T09 received 30 Sep, nothing allocated → deadline 30 Oct passed, open 31 days → orange.
// T10 999,999.99 of 1,000,000.00 allocated on 1 Jul → one fen still open after 152 days → red.
for (const [id, amount, received] of [
  ['T01', '1000000.00', '2026-06-01'], ['T02', '1000000.00', '2026-06-01'], ['T03', '1000000.00', '2026-06-01'],
  ['T04', '1000000.00', '2026-06-01'], ['T05', '1000000.00', '2026-06-01'], ['T06', '500000.00', '2026-08-31'],
  ['T07', '500000.00', '2026-09-01'], ['T08', '500000.00', '2026-10-01'], ['T09', '500000.00', '2026-09-30'],
  ['T10', '1000000.00', '2026-06-01'],
] as const) transfers.push([id, amount, received]);
allocs.push(
  ['T01', '2026-07-01', '660101000', '600000.00'], ['T01', '2026-07-01', D1, '400000.00'],
  ['T02', '2026-06-15', '660101000', '600000.00'], ['T02', '2026-07-02', D1, '400000.00'],
  ['T03', '2026-06-20', '660101000', '600000.00'],
  ['T04', '2026-06-20', '660101000', '500000.00'], ['T04', '2026-07-31', D1, '500000.00'],
  ['T05', '2026-06-20', '660101000', '500000.00'], ['T05', '2026-08-01', D1, '500000.00'],
  ['T10', '2026-07-01', '660101000', '999999.99'],
);

// ── R08 沉淀资金 (unit 208001; net indicators) ─────────────────────────────────────────────────────────────────────
// I1 500,000.00, never paid → orange.
// I2 500,000.00 reduced by 0.01 (adjust, 30 Jun) → net 499,999.99 → none.
// I3 600,000, 1,000 paid on 30 September → none.        I4 600,000, 1,000 paid on 1 October → orange.
// I5 400,000 + a 100,000 supplement → net 500,000.00, never paid → orange.
// I6 800,000 issued on 10 November, after the as-of date → none.
// I9 10,000,000 paid in full in June keeps the unit off R01: budget 12,699,999.99 (I1 … I5 + I9), paid 10,002,000
//    → rate 78.76 % vs 83.29 % → gap −4.5.
agencies.push([D1, '208001', '沉淀单位']);
indicators.push(
  { id: 'R08-I1', agency: '208001', amount: '500000.00', doc: '2026-02-01' },
  { id: 'R08-I2', agency: '208001', amount: '500000.00', doc: '2026-02-01' },
  { id: 'R08-I2-A', agency: '208001', amount: '-0.01', doc: '2026-06-30', source: 'adjust', src: 'R08-I2' },
  { id: 'R08-I3', agency: '208001', amount: '600000.00', doc: '2026-02-01' },
  { id: 'R08-I4', agency: '208001', amount: '600000.00', doc: '2026-02-01' },
  { id: 'R08-I5', agency: '208001', amount: '400000.00', doc: '2026-02-01' },
  { id: 'R08-I5-S', agency: '208001', amount: '100000.00', doc: '2026-05-20', source: 'supplement', src: 'R08-I5' },
  { id: 'R08-I6', agency: '208001', amount: '800000.00', doc: '2026-11-10' },
  { id: 'R08-I9', agency: '208001', amount: '10000000.00', doc: '2026-01-10' },
);
payments.push(
  paid('R08-P3', '208001', '1000.00', '2026-09-30', { bgt: 'R08-I3' }),
  paid('R08-P4', '208001', '1000.00', '2026-10-01', { bgt: 'R08-I4' }),
  paid('R08-P9', '208001', '10000000.00', '2026-06-15', { bgt: 'R08-I9' }),
);

// ── R09 绩效目标缺失 (unit 209001) ─────────────────────────────────────────────────────────────────────────────────
// PR-1 kind 3, 100,000, no goal → yellow.   PR-2 kind 3, amount 0, no goal → none.   PR-3 kind 3 with a goal → none.
// PR-4 kind 2 (运转类), no goal → none.      PR-5 kind 3, no goal, fiscal year 2025 → none.
// PR-6 kind 3, 0.01, no goal → yellow.
agencies.push([D1, '209001', '项目单位']);
projects.push(
  ['PR-1', 2026, '209001', '特定目标项目一', '3', '100000.00', false],
  ['PR-2', 2026, '209001', '特定目标项目二', '3', '0.00', false],
  ['PR-3', 2026, '209001', '特定目标项目三', '3', '100000.00', true],
  ['PR-4', 2026, '209001', '运转项目', '2', '100000.00', false],
  ['PR-5', 2025, '209001', '上年项目', '3', '100000.00', false],
  ['PR-6', 2026, '209001', '特定目标项目六', '3', '0.01', false],
);

// ── R10 超指标支付 (unit 210001; net = line + adjustments issued by the as-of date) ────────────────────────────────
// I1 300,000 + supplement 100,000 = 400,000; paid 200,000 + 150,000 = 350,000: beyond the line, within the net → none.
// I2 300,000 + supplement 100,000 = 400,000; paid 250,000 + 150,000.01 = 400,000.01 → red, excess 1 fen.
// I3 200,000; paid 250,000 then 60,000 returned (a 退回) → 190,000 → none.
// I4 200,000; paid exactly 200,000 → none.
// I5 300,000 − 50,000 (adjust) = 250,000; paid 260,000 → red, excess 10,000.
// I6 100,000; paid 90,000 + an application of 20,000 still pending → 90,000 paid → none.
// I7 100,000 + a 50,000 supplement issued 5 Nov (after the as-of date); paid 120,000 → red, excess 20,000.
// Unit: budget 1,650,000, paid 1,610,000.01 → rate 97.6 %, no R01; every net < 500,000, no R08.
agencies.push([D1, '210001', '超指标单位']);
indicators.push(
  { id: 'R10-I1', agency: '210001', amount: '300000.00' },
  { id: 'R10-I1-S', agency: '210001', amount: '100000.00', doc: '2026-05-20', source: 'supplement', src: 'R10-I1' },
  { id: 'R10-I2', agency: '210001', amount: '300000.00' },
  { id: 'R10-I2-S', agency: '210001', amount: '100000.00', doc: '2026-05-20', source: 'supplement', src: 'R10-I2' },
  { id: 'R10-I3', agency: '210001', amount: '200000.00' },
  { id: 'R10-I4', agency: '210001', amount: '200000.00' },
  { id: 'R10-I5', agency: '210001', amount: '300000.00' },
  { id: 'R10-I5-A', agency: '210001', amount: '-50000.00', doc: '2026-06-30', source: 'adjust', src: 'R10-I5' },
  { id: 'R10-I6', agency: '210001', amount: '100000.00' },
  { id: 'R10-I7', agency: '210001', amount: '100000.00' },
  { id: 'R10-I7-S', agency: '210001', amount: '50000.00', doc: '2026-11-05', source: 'supplement', src: 'R10-I7' },
);
payments.push(
  paid('R10-P1A', '210001', '200000.00', '2026-04-10', { bgt: 'R10-I1' }),
  paid('R10-P1B', '210001', '150000.00', '2026-06-10', { bgt: 'R10-I1' }),
  paid('R10-P2A', '210001', '250000.00', '2026-04-10', { bgt: 'R10-I2' }),
  paid('R10-P2B', '210001', '150000.01', '2026-06-10', { bgt: 'R10-I2' }),
  paid('R10-P3A', '210001', '250000.00', '2026-04-10', { bgt: 'R10-I3' }),
  paid('R10-P3B', '210001', '-60000.00', '2026-05-11', { bgt: 'R10-I3', ori: 'R10-P3A' }),
  paid('R10-P4', '210001', '200000.00', '2026-04-13', { bgt: 'R10-I4' }),
  paid('R10-P5', '210001', '260000.00', '2026-07-10', { bgt: 'R10-I5' }),
  paid('R10-P6A', '210001', '90000.00', '2026-10-12', { bgt: 'R10-I6' }),
  pending('R10-P6B', '210001', '20000.00', '2026-10-30 10:00:00+08', { bgt: 'R10-I6' }),
  paid('R10-P7', '210001', '120000.00', '2026-07-10', { bgt: 'R10-I7' }),
);

// ── R11 支付审批超时 (unit 211001; hours on Mon–Fri, China time; October 2026: Mon 5, 12, 19, 26) ──────────────────
// A01 Mon 12 Oct 09:00 → Thu 15 Oct 09:00: 15 + 24 + 24 + 9 = 72 h exactly → none.
// A02 Mon 12 Oct 09:00 → Thu 15 Oct 09:01: 72 h 1 min → yellow.
// A03 Fri 16 Oct 17:00 → Wed 21 Oct 10:00: Fri 7 + Sat 0 + Sun 0 + Mon 24 + Tue 24 + Wed 10 = 65 h → none
//     (113 h elapsed).
// A04 Fri 16 Oct 09:00 → Wed 21 Oct 10:00: 15 + 24 + 24 + 10 = 73 h → yellow.
// A05 Wed 30 Sep 09:00 → Thu 8 Oct 10:00: Wed 15 + Thu 1 24 + Fri 2 24 + Mon 5 24 + Tue 6 24 + Wed 7 24 + Thu 8 10
//     = 145 h → yellow; with 1–7 October as holidays (国庆节): 15 + 10 = 25 h → none.
// A06 pending since Wed 28 Oct 00:00, counted to the end of the as-of day (Sat 31 Oct 24:00):
//     Wed 24 + Thu 24 + Fri 24 + Sat 0 = 72 h → none.
// A07 pending since Tue 27 Oct 23:00: 1 + 72 = 73 h → yellow.
// A08 pending since Tue 27 Oct 09:00: 15 + 72 = 87 h → yellow.
// A09 Mon 19 Oct 07:00 → Thu 22 Oct 08:00 China time: 17 + 24 + 24 + 8 = 73 h → yellow. (In UTC the span is
//     Sun 23:00 → Thu 00:00, whose weekdays hold exactly 72 h: the days must be China days.)
agencies.push([D1, '211001', '审批单位']);
payments.push(
  approved('R11-A01', '211001', '1001.00', '2026-10-12 09:00:00+08', '2026-10-15 09:00:00+08'),
  approved('R11-A02', '211001', '1002.00', '2026-10-12 09:00:00+08', '2026-10-15 09:01:00+08'),
  approved('R11-A03', '211001', '1003.00', '2026-10-16 17:00:00+08', '2026-10-21 10:00:00+08'),
  approved('R11-A04', '211001', '1004.00', '2026-10-16 09:00:00+08', '2026-10-21 10:00:00+08'),
  approved('R11-A05', '211001', '1005.00', '2026-09-30 09:00:00+08', '2026-10-08 10:00:00+08'),
  pending('R11-A06', '211001', '1006.00', '2026-10-28 00:00:00+08'),
  pending('R11-A07', '211001', '1007.00', '2026-10-27 23:00:00+08'),
  pending('R11-A08', '211001', '1008.00', '2026-10-27 09:00:00+08'),
  approved('R11-A09', '211001', '1009.00', '2026-10-19 07:00:00+08', '2026-10-22 08:00:00+08'),
);

// ── R12 债务率预警 (本级 rows; each region is judged on its whole subtree) ───────────────────────────────────────────
// 第一师 1,200,000 / 1,000,000 = 120 % exactly → yellow.      第二师 1,199,900 / 1,000,000 = 119.99 % → none.
// 第三师 2,000,000 / 1,000,000 = 200 % → orange.              第四师 3,000,000 / 1,000,000 = 300 % → red.
// 第五师 balance 1,000,000.01 > limit 1,000,000.00 (ratio 10 %) → red.   第六师 balance = limit (10 %) → none.
// 660701100 (level 4) 250,000 / 100,000 = 250 % → orange.
// 一二一团 1,300,000 + 250,000 = 1,550,000 over 1,000,000 + 100,000 = 1,100,000 → 140.9 % → yellow.
// 第七师 100,000 + 1,550,000 = 1,650,000 over 10,000,000 + 1,100,000 = 11,100,000 → 14.9 % → none: the violations
//        below do not push it over; limits 1,000,000 + 2,000,000 + 300,000 = 3,300,000 ≥ 1,650,000.
// 兵团 (all) 11,549,900.01 over 1,035,100,000 → 1.1 % → none. 第二师's 2025 row (500 %) is another year → none.
debts.push(
  ['660000000', 2026, '500000.00', '1000000000.00', '1000000000.00'],
  [D1, 2026, '1200000.00', '2000000.00', '1000000.00'],
  [D2, 2026, '1199900.00', '2000000.00', '1000000.00'],
  [D2, 2025, '5000000.00', '6000000.00', '1000000.00'],
  ['660300000', 2026, '2000000.00', '5000000.00', '1000000.00'],
  ['660400000', 2026, '3000000.00', '5000000.00', '1000000.00'],
  ['660500000', 2026, '1000000.01', '1000000.00', '10000000.00'],
  ['660600000', 2026, '1000000.00', '1000000.00', '10000000.00'],
  ['660700000', 2026, '100000.00', '1000000.00', '10000000.00'],
  ['660701000', 2026, '1300000.00', '2000000.00', '1000000.00'],
  ['660701100', 2026, '250000.00', '300000.00', '100000.00'],
);

const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>) => rows.map((r) => r.map((v) => v ?? '').join(',') + '\n');
const fyOf = (d: string) => Number(d.slice(0, 4));

/** Inserts one payment row (used by the tests that fix a violation). */
export async function insertPayment(db: Db, p: Payment): Promise<void> {
  await copyPayments(db, [p]);
}

async function copyPayments(db: Db, rows: Payment[]): Promise<void> {
  await db.copyFrom(
    'pay_voucher',
    ['pay_app_no', 'fiscal_year', 'mof_div_code', 'agency_code', 'bgt_id', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code', 'pay_amt',
      'ori_pay_app_no', 'pay_type', 'payee_type', 'payee_acct_name', 'payee_acct_no', 'apply_time', 'approve_time', 'pay_date'],
    csv(rows.map((p) => [
      p.no, p.fy ?? fyOf(p.payDate ?? p.apply), p.div ?? D1, p.agency, p.bgt, p.func ?? '2010101', p.eco ?? '30201', p.fund ?? '111', p.amt,
      p.ori, 'direct', p.payee ?? 'org', p.payee === 'person' ? '张三' : '某公司', p.acct ?? `ACCT-${p.no}`, p.apply, p.approve, p.payDate,
    ])),
  );
}

/** Loads the whole fixture into a fresh, migrated database. */
export async function loadRuleFixture(db: Db): Promise<void> {
  await db.copyFrom('region', ['mof_div_code', 'mof_div_name', 'parent_code', 'level'], csv(regions));
  await refreshRegionPath(db);
  await db.copyFrom('agency', ['mof_div_code', 'agency_code', 'agency_name', 'dept_code', 'dept_name'], csv(agencies.map(([div, code, name]) => [div, code, name, code.slice(0, 3), `主管部门${code.slice(0, 3)}`])));
  await db.copyFrom(
    'bgt_indicator',
    ['bgt_id', 'fiscal_year', 'mof_div_code', 'agency_code', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code', 'bgt_source', 'src_bgt_id', 'amount', 'doc_date'],
    csv(indicators.map((i) => {
      const doc = i.doc ?? '2026-01-10';
      return [i.id, i.fy ?? FY, i.div ?? D1, i.agency, i.func ?? '2010101', i.eco ?? '30201', i.fund ?? '111', i.source ?? 'initial', i.src, i.amount, doc];
    })),
  );
  await copyPayments(db, payments);
  await db.copyFrom(
    'project',
    ['pro_code', 'fiscal_year', 'mof_div_code', 'agency_code', 'pro_name', 'pro_cat_code', 'exp_func_code', 'amount', 'has_perf_goal', 'monitored', 'eval_level'],
    csv(projects.map(([code, fy, agency, name, cat, amount, goal]) => [code, fy, D1, agency, name, cat, '2010101', amount, goal, false, 'none'])),
  );
  await db.copyFrom('transfer', ['transfer_id', 'fiscal_year', 'mof_div_code', 'transfer_kind', 'amount', 'received_date'], csv(transfers.map(([id, amount, received]) => [id, FY, D1, 'special', amount, received])));
  await db.copyFrom('transfer_alloc', ['transfer_id', 'alloc_date', 'to_mof_div_code', 'amount'], csv(allocs));
  await db.copyFrom('debt', ['mof_div_code', 'fiscal_year', 'debt_balance', 'debt_limit', 'fiscal_capacity'], csv(debts));
}

/**
 * R01 on another as-of date, 2026-05-10 (day 31 + 28 + 31 + 30 + 10 = 130 of 365, time progress 35.616 %), in a
 * database of its own. Budget 365,000.00 each; a gap of −15 pp means paid = 365,000 × (130 − 54.75) / 365 = 75,250.00.
 * 201001 paid 75,250.00 → gap exactly −15.0 → orange; 201002 paid 75,249.99 → −15.0000027 → orange;
 * 201003 paid 75,250.01 → −14.9999973 → none.
 */
export const R01_MAY = { asOf: '2026-05-10', paid: { '201001': '75250.00', '201002': '75249.99', '201003': '75250.01' } } as const;

export async function loadR01MayFixture(db: Db): Promise<void> {
  await db.copyFrom('region', ['mof_div_code', 'mof_div_name', 'parent_code', 'level'], csv([['660000000', '兵团本级', '', 1], [D1, '第一师', '660000000', 2]]));
  await refreshRegionPath(db);
  const units = Object.entries(R01_MAY.paid);
  await db.copyFrom('agency', ['mof_div_code', 'agency_code', 'agency_name', 'dept_code', 'dept_name'], csv(units.map(([a]) => [D1, a, `单位${a}`, '201', '主管部门201'])));
  await db.copyFrom(
    'bgt_indicator',
    ['bgt_id', 'fiscal_year', 'mof_div_code', 'agency_code', 'exp_func_code', 'dep_bgt_eco_code', 'fund_type_code', 'bgt_source', 'src_bgt_id', 'amount', 'doc_date'],
    csv(units.map(([a]) => [`MAY-${a}`, FY, D1, a, '2010101', '30201', '111', 'initial', '', '365000.00', '2026-01-10'])),
  );
  await copyPayments(db, units.map(([a, amt]) => paid(`MAY-P-${a}`, a, amt, '2026-05-08', { bgt: `MAY-${a}` })));
}
