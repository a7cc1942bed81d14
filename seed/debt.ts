/**
 * Government debt per region and year, 本级 only (a subtree's debt is the sum over it). Background debt ratios stay
 * between about 30 % and 90 % with balances under 90 % of the limit. R12 scenarios sit on leaf regions of small fiscal
 * capacity, so their ancestors' consolidated ratios do not move much; the manifest is then computed by evaluating the
 * rule exactly over every subtree, and the generator refuses to go on if anything but the scenarios hits.
 */
import type { SeedContext } from './context.ts';
import type { ManifestEntry, Severity } from './manifest.ts';
import { fenText } from './money.ts';
import type { Region } from './org.ts';
import { Rng } from './random.ts';

export const DEBT_COLUMNS = ['mof_div_code', 'fiscal_year', 'debt_balance', 'debt_limit', 'fiscal_capacity'] as const;

interface Debt {
  balance: bigint;
  limit: bigint;
  capacity: bigint;
}

// 综合财力, 元, by level.
const CAPACITY: Array<[number, number]> = [[0, 0], [3e9, 8e9], [5e8, 2e9], [5e7, 3e8], [1e7, 5e7]];

// Scenarios: [variant, debt ratio in ‰, limit as ‰ of the balance].
const R12: Array<[string, number, number]> = [
  ['yellow', 1400, 1100], ['orange', 2400, 1100], ['red', 3500, 1050], ['overLimit', 800, 900], ['near1199', 1199, 1100], ['limitEqual', 700, 1000],
];

/** Severity of R12 for a region's consolidated figures (exact integer arithmetic). */
export function r12Severity(d: Debt): Severity | undefined {
  if (d.balance > d.limit) return 'red';
  const r = d.balance * 100n;
  if (r >= d.capacity * 300n) return 'red';
  if (r >= d.capacity * 200n) return 'orange';
  if (r >= d.capacity * 120n) return 'yellow';
  return undefined;
}

export function buildDebt(ctx: SeedContext, multiplier: number): { csv: string; rows: number; entries: ManifestEntry[] } {
  const { regions } = ctx.org;
  const byYear = new Map<number, Map<string, Debt>>();
  for (const year of [ctx.prevYear, ctx.year]) {
    const m = new Map<string, Debt>();
    for (const r of regions) {
      const rng = new Rng(ctx.seed, 'debt', r.code);
      const [lo, hi] = CAPACITY[r.level];
      const cap = BigInt(Math.round(rng.range(lo, hi) / 1000)) * 100_000n;
      const limitShare = rng.range(0.6, 1.0);
      const use = rng.range(0.5, 0.9);
      const growth = year === ctx.year ? 1.06 : 1;
      const capacity = (cap * BigInt(Math.round(growth * 1000))) / 1000n;
      const limit = (capacity * BigInt(Math.round(limitShare * 1000))) / 1000n / 100n * 100n;
      const balance = (limit * BigInt(Math.round(use * 1000))) / 1000n;
      m.set(r.code, { balance, limit, capacity });
    }
    byYear.set(year, m);
  }
  // Scenarios of the current year on leaves, with a fiscal capacity of a few million 元.
  const rng = new Rng(ctx.seed, 'r12');
  const leaves = rng.shuffled(regions.filter((r) => r.childCodes.length === 0));
  const planted = new Map<string, string>();
  const cur = byYear.get(ctx.year)!;
  let i = 0;
  for (const [variant, ratio, limitPm] of R12) {
    for (let k = 0; k < multiplier && i < leaves.length; k++) {
      const r = leaves[i++];
      const capacity = BigInt(rng.int(2_000, 10_000)) * 100_000n; // 2–10 million 元
      const balance = (capacity * BigInt(ratio)) / 1000n;
      const limit = (balance * BigInt(limitPm)) / 1000n;
      cur.set(r.code, { balance, limit, capacity });
      planted.set(r.code, variant);
    }
  }
  // Evaluate R12 over every subtree, both years.
  const entries: ManifestEntry[] = [];
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const subtree = (m: Map<string, Debt>, r: Region): Debt => {
    const own = m.get(r.code)!;
    const sum = { ...own };
    for (const c of r.childCodes) {
      const s = subtree(m, byCode.get(c)!);
      sum.balance += s.balance;
      sum.limit += s.limit;
      sum.capacity += s.capacity;
    }
    return sum;
  };
  for (const [year, m] of byYear) {
    for (const r of regions) {
      const total = subtree(m, r);
      const own = m.get(r.code)!;
      const sev = r12Severity(total);
      const variant = year === ctx.year ? planted.get(r.code) : undefined;
      const expected = variant === undefined || variant.startsWith('near') || variant === 'limitEqual' ? undefined : variant === 'overLimit' ? 'red' : variant;
      if (sev !== expected || (own.balance > own.limit && expected === undefined)) {
        throw new Error(`seed: R12 ${year}:${r.code} evaluates to ${sev ?? 'clean'} but ${expected ?? 'clean'} was planted`);
      }
      if (variant) {
        entries.push({
          rule: 'R12', key: `${year}:${r.code}`, severity: sev, mofDivCode: r.code, agencyCode: null, fiscalYear: year,
          evidence: {
            debtBalance: fenText(Number(total.balance)), debtLimit: fenText(Number(total.limit)), fiscalCapacity: fenText(Number(total.capacity)),
            debtRatio: Number((total.balance * 1_000_000n) / total.capacity) / 1_000_000,
          },
          note: {
            yellow: 'debt ratio 140 %', orange: 'debt ratio 240 %', red: 'debt ratio 350 %', overLimit: 'debt balance above its limit',
            near1199: 'debt ratio 119.9 %', limitEqual: 'debt balance exactly at its limit',
          }[variant]!,
        });
      }
    }
  }
  let csv = '';
  let rows = 0;
  for (const [year, m] of byYear) {
    for (const r of regions) {
      const d = m.get(r.code)!;
      csv += `${r.code},${year},${fenText(Number(d.balance))},${fenText(Number(d.limit))},${fenText(Number(d.capacity))}\n`;
      rows++;
    }
  }
  return { csv, rows, entries };
}
