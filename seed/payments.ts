/**
 * Payments (pay_voucher rows) of one unit, drawn from its plans of both years. Every row is written straight into a
 * CSV string. The month totals of the plan are kept exactly; what is random is how they are split, the days, the
 * payees and the times.
 *
 * Two checks keep the background clean whatever the dice say, across both years of a unit:
 *  - R06: never the same payee account and amount within 5 days (the rule looks at 3);
 *  - R05: never 3 or more payments below 1,200,000 元 to one account within ±35 days that sum to 950,000 元 or more
 *    (the rule looks at 30 days and 1,000,000 / 1,200,000 元).
 * A payment that would break either goes to another payee of the same kind, or to a fresh account.
 */
import { addWorkingDays, DAY_SECONDS, isWorkingDay, subWorkingDays, timestampText, dateText } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { fenText } from './money.ts';
import type { SupplierKind } from './names.ts';
import { freshPayee, personsOf, staffOf, type Payee, type PayeePools } from './payees.ts';
import { bonusesOf, bonusPayDay, payAppNoOf, salaryPayDay, type Line, type UnitYearPlan } from './plan.ts';
import { Rng } from './random.ts';
import type { Unit } from './org.ts';

export const PAY_VOUCHER_COLUMNS = [
  'pay_app_no', 'pay_cert_no', 'fiscal_year', 'mof_div_code', 'agency_code', 'bgt_id', 'exp_func_code', 'dep_bgt_eco_code',
  'fund_type_code', 'pay_amt', 'ori_pay_app_no', 'pay_type', 'payee_type', 'payee_acct_name', 'payee_acct_no',
  'apply_time', 'approve_time', 'pay_date',
] as const;

const R05_BELOW = 120_000_000; // 1,200,000 元: the larger of the two thresholds
const R05_GUARD = 95_000_000; // 950,000 元
const PERSON_CAP = 4_500_000; // 45,000 元: person payments outside 301/303 stay clear of R04's 50,000
const MIN_PAYMENT = 5_000; // 50 元

interface History {
  amounts: Map<number, number[]>;
  weekSum: Map<number, number>;
  weekCount: Map<number, number>;
}

/** Per-unit memory of paid rows by payee account (both years). */
class Registry {
  private readonly byAcct = new Map<string, History>();

  ok(acct: string, day: number, amt: number): boolean {
    const h = this.byAcct.get(acct);
    if (!h) return true;
    const days = h.amounts.get(amt);
    if (days) for (const d of days) if (Math.abs(d - day) <= 5) return false;
    if (amt < R05_BELOW) {
      let sum = amt > 0 ? amt : 0;
      let count = 1;
      for (let w = Math.floor((day - 35) / 7); w <= Math.floor((day + 35) / 7); w++) {
        sum += h.weekSum.get(w) ?? 0;
        count += h.weekCount.get(w) ?? 0;
      }
      if (count >= 3 && sum >= R05_GUARD) return false;
    }
    return true;
  }

  add(acct: string, day: number, amt: number): void {
    let h = this.byAcct.get(acct);
    if (!h) {
      h = { amounts: new Map(), weekSum: new Map(), weekCount: new Map() };
      this.byAcct.set(acct, h);
    }
    const days = h.amounts.get(amt);
    if (days) days.push(day);
    else h.amounts.set(amt, [day]);
    if (amt < R05_BELOW) {
      const w = Math.floor(day / 7);
      if (amt > 0) h.weekSum.set(w, (h.weekSum.get(w) ?? 0) + amt);
      h.weekCount.set(w, (h.weekCount.get(w) ?? 0) + 1);
    }
  }
}

const workdayCache = new Map<string, number[]>();
/** Working days in [lo, hi]; all days when there is none. */
function daysIn(lo: number, hi: number): number[] {
  const key = `${lo}:${hi}`;
  let out = workdayCache.get(key);
  if (!out) {
    out = [];
    for (let d = lo; d <= hi; d++) if (isWorkingDay(d)) out.push(d);
    if (out.length === 0) for (let d = lo; d <= hi; d++) out.push(d);
    if (workdayCache.size > 20_000) workdayCache.clear();
    workdayCache.set(key, out);
  }
  return out;
}

/** Splits `total` fen into `n` positive parts of whole 元 (the last one takes the fen). */
function split(total: number, n: number, rng: Rng, maxPart: number): number[] {
  if (n <= 1) return [total];
  const w: number[] = [];
  let ws = 0;
  for (let i = 0; i < n; i++) {
    const x = 0.4 + rng.next();
    w.push(x);
    ws += x;
  }
  const parts: number[] = [];
  let given = 0;
  for (let i = 0; i < n - 1; i++) {
    const p = Math.max(100, Math.floor((total * w[i]) / ws / 100) * 100);
    parts.push(p);
    given += p;
  }
  parts.push(total - given);
  if (parts[n - 1] <= 0 || parts.some((p) => p > maxPart)) {
    // Even split as a fallback: equal whole 元, the last takes the rest.
    const each = Math.floor(total / n / 100) * 100;
    for (let i = 0; i < n - 1; i++) parts[i] = each;
    parts[n - 1] = total - each * (n - 1);
  }
  return parts;
}

/** Writes the payment rows of one unit (previous year, then current year). */
export class UnitPayments {
  private readonly registry = new Registry();
  private readonly out: string[] = [];
  rows = 0;
  private readonly staff: Payee[];
  private readonly persons: Payee[];
  private fresh = 0;

  constructor(private readonly ctx: SeedContext, private readonly pools: PayeePools, private readonly unit: Unit, staffCount: number) {
    this.staff = staffOf(ctx, unit, staffCount);
    this.persons = personsOf(ctx, unit, 12 + Math.round(ctx.paymentsPerUnit * unit.size * 0.05));
  }

  /** All rows of the given plans as CSV. */
  write(plans: readonly UnitYearPlan[]): string {
    for (const plan of plans) this.writePlan(plan);
    return this.out.join('');
  }

  private writePlan(plan: UnitYearPlan): void {
    const { ctx, unit } = this;
    const rng = new Rng(ctx.seed, 'pay', unit.region.code, unit.code, plan.year);
    const starts = ctx.months.get(plan.year)!;
    const yearEnd = starts[13] - 1;
    const noPrefix = `ZF${plan.year}${unit.region.code}${unit.code}`;
    const certPrefix = `PZ${plan.year}${unit.code}`;
    let seq = 1;
    const noOf = (s: number) => noPrefix + String(s).padStart(6, '0');
    // Scenario payments first: fixed, and known to the registry before any background payment is placed.
    for (const line of plan.lines) {
      const prefix = this.prefix(plan, line);
      for (const p of line.fixed) {
        const no = payAppNoOf(plan.year, unit, p.seq);
        if (p.payDay === null) {
          this.emit(no, '', prefix, p.amount, '', p.payType, p.payee, timestampText(p.applySec), '', '');
        } else {
          this.registry.add(p.payee.acct, p.payDay, p.amount);
          this.emit(no, certPrefix + String(p.seq).padStart(6, '0'), prefix, p.amount, '', p.payType, p.payee, timestampText(p.applySec), timestampText(p.approveSec!), dateText(p.payDay));
        }
      }
    }
    const wsum = plan.weights.reduce((a, b) => a + b, 0);
    const pendingLines: Line[] = [];
    const pendingRoom = new Map<Line, number>();
    for (const line of plan.lines) {
      if (line.fixed.length > 0 || line.target === 0) continue;
      const prefix = this.prefix(plan, line);
      if (line.kind === 'salary' || line.kind === 'bonus' || line.kind === 'social' || line.kind === 'housing') {
        for (let m = 1; m <= 12; m++) {
          if (line.monthly[m] === 0) continue;
          const day = line.kind === 'bonus' ? bonusPayDay(plan) : salaryPayDay(plan, m);
          const applyBase = subWorkingDays(day - 1, 0) * DAY_SECONDS + 16 * 3600;
          const approveBase = day * DAY_SECONDS + 10 * 3600;
          if (line.kind === 'salary' || line.kind === 'bonus') {
            const amounts = line.kind === 'bonus' ? bonusesOf(plan) : plan.salaries;
            for (let i = 0; i < this.staff.length; i++) {
              const no = noOf(seq);
              this.registry.add(this.staff[i].acct, day, amounts[i]);
              this.emit(no, certPrefix + String(seq).padStart(6, '0'), prefix, amounts[i], '', 'direct', this.staff[i], timestampText(applyBase + i * 7), timestampText(approveBase + i * 5), dateText(day));
              seq++;
            }
          } else {
            const payee = this.pools.utility(unit.region, line.kind);
            this.registry.add(payee.acct, day, line.monthly[m]);
            this.emit(noOf(seq), certPrefix + String(seq).padStart(6, '0'), prefix, line.monthly[m], '', 'direct', payee, timestampText(applyBase), timestampText(approveBase), dateText(day));
            seq++;
          }
        }
        continue;
      }
      // Flexible and other lines paid by month.
      const personOutside = (line.role === 'staff' || line.role === 'person') && !line.eco.startsWith('301') && !line.eco.startsWith('303');
      const maxPart = personOutside ? PERSON_CAP : Number.MAX_SAFE_INTEGER;
      let room = line.extras ? Math.floor(line.net * 0.99) - line.target : 0;
      for (let m = 1; m <= 12; m++) {
        const M = line.monthly[m];
        if (M === 0) continue;
        let n = Math.max(1, Math.round((line.count * plan.weights[m]) / wsum));
        n = Math.max(1, Math.min(n, Math.floor(M / MIN_PAYMENT)));
        if (personOutside) n = Math.max(n, Math.ceil((M * 1.5) / PERSON_CAP));
        const lo = Math.max(starts[m], line.docDay, plan.yearStart);
        const hi = Math.min(starts[m + 1] - 1, plan.horizon);
        const days = daysIn(Math.min(lo, hi), hi);
        const parts = split(M, n, rng, maxPart);
        for (const amt of parts) {
          const day = days[Math.floor(rng.next() * days.length)];
          const payee = this.choosePayee(plan, line, day, amt, rng);
          this.registry.add(payee.acct, day, amt);
          const { apply, approve } = this.times(day, rng);
          const no = noOf(seq);
          const payType = amt >= 10_000_000 || line.kind === 'capital' ? 'direct' : 'authorized';
          this.emit(no, certPrefix + String(seq).padStart(6, '0'), prefix, amt, '', payType, payee, apply, approve, dateText(day));
          seq++;
          // Now and then a supplier returns a payment (退回): an extra payment and its return, dated the day of return.
          if (!plan.noReturns && room > 0 && !payee.person && rng.chance(0.004)) {
            const r = Math.min(room, Math.max(MIN_PAYMENT, Math.floor((amt * rng.range(0.2, 1)) / 100) * 100));
            const d0 = days[Math.floor(rng.next() * days.length)];
            const back = addWorkingDays(d0 + rng.int(3, 30), 0);
            if (back <= Math.min(plan.horizon, yearEnd) && this.registry.ok(payee.acct, d0, r) && this.registry.ok(payee.acct, back, -r)) {
              room -= r;
              this.registry.add(payee.acct, d0, r);
              this.registry.add(payee.acct, back, -r);
              const t0 = this.times(d0, rng);
              const oriNo = noOf(seq);
              this.emit(oriNo, certPrefix + String(seq).padStart(6, '0'), prefix, r, '', payType, payee, t0.apply, t0.approve, dateText(d0));
              seq++;
              const t1 = this.times(back, rng);
              this.emit(noOf(seq), certPrefix + String(seq).padStart(6, '0'), prefix, -r, oriNo, payType, payee, t1.apply, t1.approve, dateText(back));
              seq++;
            }
          }
        }
      }
      if (plan.current && line.extras && room >= MIN_PAYMENT) {
        pendingLines.push(line);
        pendingRoom.set(line, room);
      }
    }
    // A few applications still pending at asOf, applied on its last working day or the one before.
    if (plan.current && pendingLines.length > 0) {
      const n = rng.int(0, 2);
      for (let i = 0; i < n; i++) {
        const line = pendingLines[Math.floor(rng.next() * pendingLines.length)];
        const applyDay = subWorkingDays(ctx.asOfDay, rng.int(0, 1));
        if (applyDay < Math.max(line.docDay, plan.yearStart)) continue;
        const personOutside = (line.role === 'staff' || line.role === 'person') && !line.eco.startsWith('301') && !line.eco.startsWith('303');
        const left = pendingRoom.get(line)!;
        const cap = Math.min(left, personOutside ? PERSON_CAP : 5_000_000);
        if (cap < MIN_PAYMENT) continue;
        const amt = Math.max(MIN_PAYMENT, Math.floor(rng.range(MIN_PAYMENT, cap) / 100) * 100);
        pendingRoom.set(line, left - amt);
        const payee = this.rolePayee(line, rng);
        const apply = applyDay * DAY_SECONDS + rng.int(9 * 3600, 17 * 3600);
        this.emit(noOf(seq), '', this.prefix(plan, line), amt, '', 'authorized', payee, timestampText(apply), '', '');
        seq++;
      }
    }
  }

  private prefix(plan: UnitYearPlan, line: Line): string {
    return `${plan.year},${this.unit.region.code},${this.unit.code},${line.bgtId},${line.func},${line.eco},${line.fund}`;
  }

  private emit(no: string, cert: string, prefix: string, amt: number, ori: string, payType: string, payee: Payee, apply: string, approve: string, date: string): void {
    this.out.push(`${no},${cert},${prefix},${fenText(amt)},${ori},${payType},${payee.person ? 'person' : 'org'},${payee.name},${payee.acct},${apply},${approve},${date}\n`);
    this.rows++;
  }

  /** Approved on `day` between 10:00 and 18:00; applied earlier that day or on the previous working day. */
  private times(day: number, rng: Rng): { apply: string; approve: string } {
    const approveSec = day * DAY_SECONDS + rng.int(10 * 3600, 18 * 3600);
    let applySec: number;
    if (rng.chance(0.5)) applySec = approveSec - rng.int(1800, 5400);
    else applySec = subWorkingDays(day - 1, 0) * DAY_SECONDS + rng.int(9 * 3600, 18 * 3600);
    return { apply: timestampText(applySec), approve: timestampText(approveSec) };
  }

  /** The usual payee of a line's role (no checks). */
  private rolePayee(line: Line, rng: Rng): Payee {
    switch (line.role) {
      case 'staff':
        return this.staff[Math.floor(rng.next() * this.staff.length)];
      case 'person':
        return this.persons[Math.floor(rng.next() * this.persons.length)];
      case 'power':
      case 'water':
      case 'social':
      case 'housing':
        return this.pools.utility(this.unit.region, line.role);
      default: {
        const pool = this.pools.suppliers(this.unit.region, line.role as SupplierKind);
        // Each line mostly works with three regular suppliers.
        const i = rng.chance(0.8) ? (line.seq * 7 + rng.int(0, 2)) % pool.length : Math.floor(rng.next() * pool.length);
        return pool[i];
      }
    }
  }

  private choosePayee(plan: UnitYearPlan, line: Line, day: number, amt: number, rng: Rng): Payee {
    for (let t = 0; t < 6; t++) {
      const p = this.rolePayee(line, rng);
      if (this.registry.ok(p.acct, day, amt)) return p;
    }
    const kind = line.role === 'staff' || line.role === 'person' ? 'person' : line.role === 'power' || line.role === 'water' || line.role === 'social' || line.role === 'housing' ? 'service' : line.role;
    return freshPayee(this.ctx, this.unit, plan.year, this.fresh++, kind, false, rng);
  }
}
