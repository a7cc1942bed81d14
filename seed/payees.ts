/**
 * Payees (收款人): each region's suppliers and public utilities, each unit's staff and other persons, and fresh
 * accounts made on demand. Account numbers are built from indexes, so they are unique by construction:
 * `30…` suppliers and utilities of a region, `6217…` staff, `6228…` other persons, `51…`/`6210…` fresh background
 * accounts, `71…`/`6230…` accounts of planted scenarios.
 */
import type { SeedContext } from './context.ts';
import { companyName, personName, type SupplierKind } from './names.ts';
import type { Region, Unit } from './org.ts';
import { hash32, Rng } from './random.ts';

export interface Payee {
  name: string;
  acct: string;
  person: boolean;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const tail4 = (s: string) => pad(hash32(s) % 10000, 4);

export const SUPPLIER_KINDS: readonly SupplierKind[] = ['construction', 'goods', 'it', 'service', 'catering', 'vehicle', 'medical', 'travel', 'print'];

/** Suppliers per region and kind, by the number of units in the region. */
function poolSize(kind: SupplierKind, units: number): number {
  const per: Record<SupplierKind, [number, number]> = {
    goods: [6, 1], construction: [4, 3], it: [3, 4], service: [3, 4], catering: [3, 5], vehicle: [3, 5], medical: [2, 8], travel: [2, 30], print: [2, 6],
  };
  const [min, div] = per[kind];
  return Math.max(min, Math.round(units / div));
}

export class PayeePools {
  private readonly pools = new Map<string, Payee[]>();
  private readonly unitsPerRegion = new Map<string, number>();

  constructor(private readonly ctx: SeedContext) {
    for (const u of ctx.org.units) this.unitsPerRegion.set(u.region.code, (this.unitsPerRegion.get(u.region.code) ?? 0) + 1);
  }

  /** The suppliers of one kind in a region (generated on first use). */
  suppliers(region: Region, kind: SupplierKind): Payee[] {
    const key = `${region.code}:${kind}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const rng = new Rng(this.ctx.seed, 'suppliers', region.code, kind);
      const n = poolSize(kind, this.unitsPerRegion.get(region.code) ?? 1);
      const k = SUPPLIER_KINDS.indexOf(kind);
      const names = new Set<string>();
      pool = [];
      for (let i = 0; i < n; i++) {
        let name = companyName(rng, kind, this.ctx.org.province, region.place);
        for (let t = 0; t < 5 && names.has(name); t++) name = companyName(rng, kind, this.ctx.org.province, region.place);
        names.add(name);
        const acct = `30${pad(region.index, 4)}${k}${pad(i, 5)}`;
        pool.push({ name, acct: acct + tail4(acct), person: false });
      }
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Public utilities and funds of a region: 供电, 供水, 社会保险, 住房公积金. */
  utility(region: Region, which: 'power' | 'water' | 'social' | 'housing'): Payee {
    const key = `${region.code}:${which}`;
    let pool = this.pools.get(key);
    if (!pool) {
      const p = this.ctx.org.province;
      const name = {
        power: `国网${p}电力有限公司${region.place}供电公司`,
        water: `${region.place}水务有限责任公司`,
        social: `${region.prefix}社会保险事业管理中心`,
        housing: `${region.prefix}住房公积金管理中心`,
      }[which];
      const acct = `30${pad(region.index, 4)}9${pad(['power', 'water', 'social', 'housing'].indexOf(which), 5)}`;
      pool = [{ name, acct: acct + tail4(acct), person: false }];
      this.pools.set(key, pool);
    }
    return pool[0];
  }
}

/** A unit's staff (the same people in both years). */
export function staffOf(ctx: SeedContext, unit: Unit, n: number): Payee[] {
  const rng = new Rng(ctx.seed, 'staff', unit.region.code, unit.code);
  const out: Payee[] = [];
  for (let i = 0; i < n; i++) {
    const acct = `6217${pad(unit.index, 6)}0${pad(i, 4)}`;
    out.push({ name: personName(rng), acct: acct + tail4(acct), person: true });
  }
  return out;
}

/** Other persons a unit pays (劳务费, 补助): a pool of `n`. */
export function personsOf(ctx: SeedContext, unit: Unit, n: number): Payee[] {
  const rng = new Rng(ctx.seed, 'persons', unit.region.code, unit.code);
  const out: Payee[] = [];
  for (let i = 0; i < n; i++) {
    const acct = `6228${pad(unit.index, 6)}1${pad(i, 4)}`;
    out.push({ name: personName(rng), acct: acct + tail4(acct), person: true });
  }
  return out;
}

/**
 * A new account of a unit and year. `planted` ones (scenarios with violations and near-misses) and background ones
 * come from separate number ranges so they never meet.
 */
export function freshPayee(ctx: SeedContext, unit: Unit, year: number, k: number, kind: SupplierKind | 'person', planted: boolean, rng: Rng): Payee {
  const person = kind === 'person';
  const prefix = person ? (planted ? '6230' : '6210') : planted ? '7100' : '5100';
  const acct = `${prefix}${pad(unit.index, 6)}${pad(year % 100, 2)}${pad(k, 5)}`;
  const name = person ? personName(rng) : companyName(rng, kind, ctx.org.province, unit.region.place);
  return { name, acct, person };
}
