/**
 * Transfers received by each region from the level above (转移支付) and their allocations (分配下达) to its children and
 * to itself. Background transfers are fully allocated within 25 days; R07 scenarios allocate late or not at all, and
 * near-misses allocate on day 30 exactly or are still within their 30 days at asOf.
 */
import { addWorkingDays, dateText } from './calendar.ts';
import { horizonOf, type SeedContext } from './context.ts';
import type { ManifestEntry } from './manifest.ts';
import { fenText } from './money.ts';
import { Rng } from './random.ts';

export const TRANSFER_COLUMNS = ['transfer_id', 'fiscal_year', 'mof_div_code', 'transfer_kind', 'amount', 'received_date'] as const;
export const TRANSFER_ALLOC_COLUMNS = ['transfer_id', 'alloc_date', 'to_mof_div_code', 'amount'] as const;

/** R07's deadline: 30 days after receipt (预算法 第五十二条). */
const DEADLINE_DAYS = 30;

interface Alloc {
  day: number;
  to: string;
  amount: number;
}

const PER_LEVEL = [0, 8, 6, 4, 2];
// Amounts received, 元, by level.
const AMOUNT_RANGE: Array<[number, number]> = [[0, 0], [50_000_000, 500_000_000], [10_000_000, 100_000_000], [1_000_000, 20_000_000], [200_000, 2_000_000]];

// R07 scenarios: [variant, days before asOf it was received (min, max), allocations as [day after receipt, share]].
const R07: Array<{ variant: string; ago: [number, number]; allocs: Array<[number, number]>; perM: number }> = [
  { variant: 'late45', ago: [50, 120], allocs: [[10, 0.6], [45, 1]], perM: 1 },
  { variant: 'open45', ago: [40, 55], allocs: [[12, 0.5]], perM: 1 },
  { variant: 'late100', ago: [110, 200], allocs: [[10, 0.4], [100, 1]], perM: 1 },
  { variant: 'open', ago: [100, 200], allocs: [[15, 0.3]], perM: 1 },
  { variant: 'near30', ago: [40, 150], allocs: [[5, 0.5], [30, 1]], perM: 1 },
  { variant: 'nearRecent', ago: [10, 25], allocs: [], perM: 1 },
];

export interface TransferData {
  transfers: string;
  allocs: string;
  transferRows: number;
  allocRows: number;
  entries: ManifestEntry[];
}

/** All transfers and allocations of both years (a few thousand rows at most, built in memory). */
export function buildTransfers(ctx: SeedContext, multiplier: number): TransferData {
  const out: TransferData = { transfers: '', allocs: '', transferRows: 0, allocRows: 0, entries: [] };
  const { regions } = ctx.org;
  const write = (id: string, year: number, region: string, kind: string, amount: number, received: number, allocs: Alloc[]) => {
    out.transfers += `${id},${year},${region},${kind},${fenText(amount)},${dateText(received)}\n`;
    out.transferRows++;
    // One row per (date, target): merge batches that coincide.
    const merged = new Map<string, Alloc>();
    for (const a of allocs) {
      const k = `${a.day}|${a.to}`;
      const m = merged.get(k);
      if (m) m.amount += a.amount;
      else merged.set(k, { ...a });
    }
    for (const a of merged.values()) {
      out.allocs += `${id},${dateText(a.day)},${a.to},${fenText(a.amount)}\n`;
      out.allocRows++;
    }
  };
  /** Shares `amount` among the region's children and itself, in batches on the given days. */
  const shares = (rng: Rng, region: (typeof regions)[number], amount: number, days: number[]): Alloc[] => {
    const targets = [...region.childCodes, region.code];
    const w = targets.map(() => 0.3 + rng.next());
    const ws = w.reduce((a, b) => a + b, 0);
    let given = 0;
    return targets.map((to, i) => {
      const amt = i === targets.length - 1 ? amount - given : Math.floor((amount * w[i]) / ws / 100) * 100;
      given += amt;
      return { day: days[i % days.length], to, amount: amt };
    });
  };
  for (const region of regions) {
    for (const year of [ctx.prevYear, ctx.year]) {
      const rng = new Rng(ctx.seed, 'transfers', region.code, year);
      const starts = ctx.months.get(year)!;
      const last = year === ctx.year ? ctx.asOfDay : starts[12] + 29; // received by 30 November in a closed year
      const n = PER_LEVEL[region.level] + rng.int(-1, 1);
      const [lo, hi] = AMOUNT_RANGE[region.level];
      for (let i = 1; i <= n; i++) {
        const received = addWorkingDays(starts[1] + rng.int(9, 330), 0);
        const amount = Math.round(rng.range(lo, hi) / 1000) * 100_000;
        const kind = rng.chance(0.6) ? 'general' : 'special';
        const batches = rng.int(1, 3);
        const days = Array.from({ length: batches }, () => received + rng.int(1, 25)).sort((a, b) => a - b);
        if (received > last) continue;
        // Allocations after asOf have not happened yet; that only ever cuts transfers still inside their 30 days.
        const allocs = shares(rng, region, amount, days).filter((a) => a.day <= horizonOf(ctx, year));
        write(`ZY${year}${region.code}${String(i).padStart(3, '0')}`, year, region.code, kind, amount, received, allocs);
      }
    }
  }
  // Scenarios of the current year, on divisions and below.
  const rng = new Rng(ctx.seed, 'r07');
  const hosts = rng.shuffled(regions.filter((r) => r.level >= 2));
  let h = 0;
  let seq = 900;
  const yearStart = ctx.months.get(ctx.year)![1];
  for (const sc of R07) {
    for (let k = 0; k < sc.perM * multiplier; k++) {
      const region = hosts[h++ % hosts.length];
      const received = ctx.asOfDay - rng.int(sc.ago[0], sc.ago[1]);
      if (received < yearStart + 3) continue;
      const amount = Math.round(rng.range(1_000_000, 30_000_000) / 1000) * 100_000;
      const allocs: Alloc[] = [];
      let allocated = 0;
      for (const [after, share] of sc.allocs) {
        const day = received + after;
        const amt = share === 1 ? amount - allocated : Math.floor((amount * share) / 100) * 100;
        allocated += amt;
        allocs.push({ day, to: region.code, amount: amt });
      }
      const id = `ZY${ctx.year}${region.code}${String(++seq).padStart(3, '0')}`;
      write(id, ctx.year, region.code, 'special', amount, received, allocs);
      const deadline = received + DEADLINE_DAYS;
      const byDeadline = allocs.filter((a) => a.day <= deadline).reduce((a, b) => a + b.amount, 0);
      const fullDay = allocated === amount ? allocs[allocs.length - 1].day : null;
      const daysLate = (fullDay ?? ctx.asOfDay) - received;
      const violation = byDeadline < amount && ctx.asOfDay > deadline;
      out.entries.push({
        rule: 'R07', key: id, severity: violation ? (daysLate > 60 ? 'red' : 'orange') : undefined,
        mofDivCode: region.code, agencyCode: null, fiscalYear: ctx.year,
        evidence: {
          transferId: id, amount: fenText(amount), receivedDate: dateText(received), deadline: dateText(deadline),
          allocatedByDeadline: fenText(byDeadline), unallocatedAtAsOf: fenText(amount - allocated),
          fullyAllocatedDate: fullDay === null ? null : dateText(fullDay), daysFromReceipt: daysLate,
        },
        note: {
          late45: 'allocated in full only 45 days after receipt',
          open45: 'half still unallocated 40–55 days after receipt',
          late100: 'allocated in full only 100 days after receipt',
          open: 'most of it still unallocated more than 100 days after receipt',
          near30: 'allocated in full on day 30 exactly',
          nearRecent: 'not allocated yet, but received less than 30 days ago',
        }[sc.variant]!,
      });
    }
  }
  return out;
}
