// The background stays clean and the manifest stays exact for any asOf and either time-progress basis: R01, R02,
// R08 and R10 recomputed here from the generated CSV (integer fen), independently of the generator.
import { describe, expect, it } from 'vitest';
import { generate, type SeedOptions } from '../seed/index.ts';

const fen = (s: string) => Number(s.replace('.', ''));
const dayNo = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

function timeProgress(asOf: string, basis: 'day' | 'month'): number {
  const y = Number(asOf.slice(0, 4));
  if (basis === 'month') return Number(asOf.slice(5, 7)) / 12;
  return (dayNo(asOf) - dayNo(`${y}-01-01`) + 1) / (dayNo(`${y + 1}-01-01`) - dayNo(`${y}-01-01`));
}

function check(opts: SeedOptions) {
  const g = generate(opts);
  const csv = (t: string) => [...g.tables.find((x) => x.table === t)!.chunks()].join('').split('\n').filter(Boolean).map((l) => l.split(','));
  const m = g.manifest();
  const y = Number(opts.asOf.slice(0, 4));
  const tp = timeProgress(opts.asOf, opts.timeProgressBasis ?? 'day');
  const budget = new Map<string, number>();
  const net = new Map<string, number>();
  let lastDoc = '';
  for (const [id, fy, mof, agency, , , , , , src, amount, doc] of csv('bgt_indicator')) {
    if (doc > lastDoc) lastDoc = doc;
    if (Number(fy) !== y) continue;
    budget.set(`${mof}:${agency}`, (budget.get(`${mof}:${agency}`) ?? 0) + fen(amount));
    net.set(src || id, (net.get(src || id) ?? 0) + fen(amount));
  }
  const paid = new Map<string, number>();
  const paidLine = new Map<string, number>();
  const firstPay = new Map<string, string>();
  const dec = new Map<string, [number, number]>();
  let lastPay = '';
  for (const r of csv('pay_voucher')) {
    const [fy, mof, agency, bgt, amt, date] = [Number(r[2]), r[3], r[4], r[5], fen(r[9]), r[17]];
    if (!date) continue;
    if (date > lastPay) lastPay = date;
    const unit = `${fy}:${mof}:${agency}`;
    const d = dec.get(unit) ?? [0, 0];
    d[1] += amt;
    if (date.slice(5, 7) === '12') d[0] += amt;
    dec.set(unit, d);
    if (fy !== y) continue;
    paid.set(`${mof}:${agency}`, (paid.get(`${mof}:${agency}`) ?? 0) + amt);
    paidLine.set(bgt, (paidLine.get(bgt) ?? 0) + amt);
    if (amt > 0 && (!firstPay.has(bgt) || date < firstPay.get(bgt)!)) firstPay.set(bgt, date);
  }
  const hits: Record<string, Record<string, string>> = { R01: {}, R02: {}, R08: {}, R10: {} };
  for (const [unit, b] of budget) {
    if (b < 10_000_000) continue;
    const gap = ((paid.get(unit) ?? 0) / b - tp) * 100;
    if (gap <= -15) hits.R01[`${y}:${unit}`] = gap <= -30 ? 'red' : 'orange';
  }
  for (const [unit, [d, all]] of dec) {
    const fy = Number(unit.slice(0, 4));
    const closed = fy === y - 1 || opts.asOf.slice(5, 7) === '12';
    if (closed && all > 0 && d / all > 0.25) hits.R02[unit] = d / all > 0.4 ? 'red' : 'orange';
  }
  for (const [id, n] of net) {
    if ((paidLine.get(id) ?? 0) > n) hits.R10[id] = 'red';
    if (opts.asOf > `${y}-09-30` && n >= 50_000_000 && !(firstPay.get(id)! <= `${y}-09-30`)) hits.R08[id] = 'orange';
  }
  return { m, hits, lastDoc, lastPay };
}

const CASES: SeedOptions[] = [
  ...['2026-01-20', '2026-03-31', '2026-06-30', '2026-09-30', '2026-10-31', '2026-12-31', '2028-02-29'].map((asOf) => ({ scale: 'small' as const, seed: 11, asOf })),
  { scale: 'small', seed: 12, asOf: '2026-03-31', timeProgressBasis: 'month' },
  { scale: 'small', seed: 13, asOf: '2026-10-01', timeProgressBasis: 'month' },
];

describe('seed for any asOf', () => {
  for (const opts of CASES) {
    it(`${opts.asOf} (${opts.timeProgressBasis ?? 'day'} basis): nothing after asOf; R01, R02, R08, R10 find exactly the manifest`, () => {
      const { m, hits, lastDoc, lastPay } = check(opts);
      expect(lastDoc <= opts.asOf).toBe(true);
      expect(lastPay <= opts.asOf).toBe(true);
      for (const rule of ['R01', 'R02', 'R08', 'R10'] as const) {
        const planted = Object.fromEntries(m.violations.filter((v) => v.rule === rule).map((v) => [v.key, v.severity]));
        expect([rule, hits[rule]]).toEqual([rule, planted]);
        const near = m.nearMisses.filter((n) => n.rule === rule && n.key in hits[rule]).map((n) => n.key);
        expect([rule, near]).toEqual([rule, []]);
      }
      expect(Object.keys(hits.R02).length).toBeGreaterThanOrEqual(2);
      if (opts.asOf.slice(5) >= '06-30') expect(Object.keys(hits.R01).length).toBeGreaterThanOrEqual(2);
    }, 30_000);
  }
});
