/**
 * Planted scenarios of the unit-level rules (R01–R06, R08–R11): violations of each severity and near-misses just inside
 * each threshold. Each scenario is a hook into one unit's plan; it adds its own lines and exact payments (to accounts
 * of its own), so it never disturbs — and is never disturbed by — the clean background, and it writes its manifest
 * entry from the exact figures of the plan.
 */
import { addWorkingDays, dateText, DAY_SECONDS, isWorkingDay, subWorkingDays, timestampText, weekday, workingSeconds } from './calendar.ts';
import { sep30, type SeedContext } from './context.ts';
import type { ManifestEntry, RuleId, Severity } from './manifest.ts';
import type { Scenario } from './scenarios.ts';
import { fenText, yuan } from './money.ts';
import type { SupplierKind } from './names.ts';
import type { Unit } from './org.ts';
import { freshPayee, type Payee } from './payees.ts';
import { activeWeights, settleFixed, spread } from './calibrate.ts';
import {
  addAdjustment, addFixed, addLine, addProject, budgetOf, decemberShare, gapPp, H, paidOf, payAppNoOf, roleOfEco, sameDayTimes,
  type Line, type PlanHook, type UnitYearPlan,
} from './plan.ts';
import { Rng } from './random.ts';
import { SANGONG_ECO } from './code-lists.ts';

const ceilH = (fen: number) => Math.ceil(fen / H) * H;

/** Helpers shared by the scenarios of one plan. */
export class Planter {
  readonly rng: Rng;
  private payees = 0;
  constructor(readonly plan: UnitYearPlan, readonly s: Scenario) {
    this.rng = new Rng(plan.ctx.seed, 'plant', s.rule, s.variant, plan.unit.region.code, plan.unit.code, plan.year);
  }
  get ctx(): SeedContext {
    return this.plan.ctx;
  }
  get unit(): Unit {
    return this.plan.unit;
  }
  fail(why: string): void {
    this.plan.problem ??= `${this.s.rule}/${this.s.variant}: ${why}`;
  }
  payee(kind: SupplierKind | 'person'): Payee {
    return freshPayee(this.ctx, this.unit, this.plan.year, ++this.payees, kind, true, this.rng);
  }
  /** A line of the scenario under a new 特定目标类 project (with a performance goal). */
  line(eco: string, amount: number, opts: { func?: string; fund?: string; docDay?: number; source?: Line['source']; name?: string } = {}): Line {
    const func = opts.func ?? this.unit.func;
    const proj = addProject(this.plan, { name: opts.name ?? '专项业务经费', cat: '3', func, hasGoal: true, monitored: true, evalLevel: 'none', evalScore: null });
    return addLine(this.plan, {
      kind: 'plant', proCode: proj.proCode, func, eco, fund: opts.fund ?? '111', source: opts.source ?? 'initial', amount,
      docDay: opts.docDay ?? this.plan.yearStart + 5, flexible: false, role: roleOfEco(eco, this.unit.kind), extras: false,
    });
  }
  /** A paid payment approved on `day`. */
  pay(line: Line, amount: number, day: number, payee: Payee) {
    const t = sameDayTimes(day, this.rng);
    return addFixed(this.plan, line, { amount, applySec: t.applySec, approveSec: t.approveSec, payDay: day, payee, payType: amount >= 10_000_000 ? 'direct' : 'authorized' });
  }
  no(seq: number): string {
    return payAppNoOf(this.plan.year, this.unit, seq);
  }
  /**
   * A working day `s` with s ≥ 14 days into the year and s + span ≤ asOf − 1 (and ≤ 30 September when the line must
   * be paid by then and asOf is later), preferring the last 150 days. null when the calendar has no room.
   */
  window(span: number, opts: { bySep30?: boolean } = {}): number | null {
    const lo0 = this.plan.yearStart + 14;
    let hi = this.plan.horizon - span - 1;
    if (opts.bySep30 && this.ctx.asOfDay > sep30(this.ctx)) hi = Math.min(hi, sep30(this.ctx) - span);
    const lo = Math.max(lo0, hi - 150);
    if (hi < lo) return null;
    let s = addWorkingDays(this.rng.int(lo, hi), 0);
    if (s > hi) s = subWorkingDays(hi, 0);
    return s >= lo ? s : null;
  }
  entry(e: Omit<ManifestEntry, 'mofDivCode' | 'agencyCode' | 'fiscalYear'>): void {
    this.plan.entries.add({ ...e, mofDivCode: this.unit.region.code, agencyCode: this.unit.code, fiscalYear: this.plan.year });
  }
  unitKey(): string {
    return `${this.plan.year}:${this.unit.region.code}:${this.unit.code}`;
  }
}

const severityOfGap = (gap: number): Severity | undefined => (gap <= -30 ? 'red' : gap <= -15 ? 'orange' : undefined);

function r01(p: Planter): PlanHook {
  return {
    after(plan) {
      plan.plantedR01 = true;
      const g = { orange: -0.2, red: -0.36, near: -0.149 }[p.s.variant]!;
      const B0 = budgetOf(plan);
      const P0 = paidOf(plan);
      const eStar = p.ctx.tp + g;
      const late = p.ctx.asOfDay > sep30(p.ctx);
      const xr = late ? 0.02 : 0;
      if (eStar - xr < 0.03 || B0 < 100_000_000) return p.fail('no room for the gap');
      const X = ceilH((P0 - eStar * B0) / (eStar - xr));
      if (X <= 0 || plan.horizon < plan.yearStart + 6) return p.fail('unit already lags');
      const line = p.line(p.rng.pick(['30905', '31005']), X, { fund: p.rng.pick(['122', '112', '111']), name: '重点建设项目', docDay: plan.yearStart + 6 });
      const exact = eStar * (B0 + X);
      let x = (p.s.variant === 'near' ? Math.ceil(exact) : Math.floor(exact)) - P0;
      if (x < 0) x = 0;
      if (x > 0) {
        const day = p.window(0, { bySep30: true });
        if (day === null || x < 100) return p.fail('no day for the first payment');
        p.pay(line, x, day, p.payee('construction'));
      } else if (late && X >= 50_000_000) return p.fail('R08 would hit the lagging line');
      settleFixed(plan, line);
      const gap = gapPp(plan);
      const sev = severityOfGap(gap);
      const ok = p.s.variant === 'near' ? gap > -15 && gap <= -14.8 : p.s.variant === 'red' ? gap <= -30.5 : gap <= -15.5 && gap > -29.5;
      if (!ok) return p.fail(`gap ${gap}`);
      p.entry({
        rule: 'R01', key: p.unitKey(), severity: sev,
        evidence: { budget: fenText(budgetOf(plan)), paid: fenText(paidOf(plan)), executionRate: paidOf(plan) / budgetOf(plan), timeProgress: p.ctx.tp, gapPp: gap, timeProgressBasis: p.ctx.basis, laggingBgtId: line.bgtId },
        note: p.s.variant === 'near' ? 'gap just inside −15 pp' : `execution lags time progress by ${(-gap).toFixed(1)} pp (a large project barely started)`,
      });
    },
  };
}

function r02(p: Planter): PlanHook {
  return {
    after(plan) {
      plan.plantedR02 = true;
      plan.noReturns = true;
      const target = { orange: 0.33, red: 0.48, near: 0.249 }[p.s.variant]!;
      const A = paidOf(plan);
      const fixedDec = plan.lines.filter((l) => !l.flexible).reduce((a, l) => a + l.monthly[12], 0);
      const flex = plan.lines.filter((l) => l.flexible && l.target > 0);
      const Tf = flex.reduce((a, l) => a + l.target, 0);
      const D = (p.s.variant === 'near' ? Math.floor(target * A) : Math.ceil(target * A) + 1) - fixedDec;
      if (D < 0 || D > Tf * 0.9) return p.fail('December share out of reach');
      let given = 0;
      let big = flex[0];
      const decs = flex.map((l) => {
        const d = Math.floor((D * l.target) / Tf);
        given += d;
        if (l.target > big.target) big = l;
        return d;
      });
      decs[flex.indexOf(big)] += D - given;
      for (let i = 0; i < flex.length; i++) {
        const l = flex[i];
        const w = activeWeights(plan, l);
        w[12] = 0;
        if (w.every((x) => x === 0) && l.target - decs[i] > 0) return p.fail('line only active in December');
        l.monthly = spread(l.target - decs[i], w);
        l.monthly[12] += decs[i];
      }
      const share = decemberShare(plan);
      const ok = p.s.variant === 'near' ? share <= 0.25 && share > 0.24 : p.s.variant === 'red' ? share > 0.405 : share > 0.255 && share <= 0.395;
      if (!ok) return p.fail(`share ${share}`);
      const dec = plan.lines.reduce((a, l) => a + l.monthly[12], 0);
      p.entry({
        rule: 'R02', key: p.unitKey(), severity: p.s.variant === 'near' ? undefined : share > 0.4 ? 'red' : 'orange',
        evidence: { decemberPaid: fenText(dec), annualPaid: fenText(A), share },
        note: p.s.variant === 'near' ? 'December share just under 25 %' : `${(share * 100).toFixed(1)} % of the year paid in December`,
      });
    },
  };
}

function r03(p: Planter): PlanHook {
  return {
    before(plan) {
      // The unit's 三公 lines are replaced by the scenario's, so its 三公 totals are exact.
      plan.lines = plan.lines.filter((l) => !(SANGONG_ECO as readonly string[]).includes(l.eco));
      const s = p.window(40);
      if (s === null) return p.fail('no room');
      const n1 = yuan(p.rng.int(30, 60) * 1000);
      const n2 = yuan(p.rng.int(50, 100) * 1000);
      const over = p.s.variant === 'over';
      const excess = over ? yuan(p.rng.int(8000, 20000)) + p.rng.int(1, 99) : 0;
      const paid1 = n1 + excess;
      const paid2 = n2 - Math.floor(excess / 3);
      const l1 = p.line('30217', n1, { name: '公务接待' });
      const l2 = p.line('30231', n2, { name: '公务用车运行维护' });
      const spreadPay = (line: Line, total: number, n: number, kind: SupplierKind) => {
        const payee = p.payee(kind);
        let left = total;
        for (let i = 0; i < n; i++) {
          const amt = i === n - 1 ? left : Math.floor(total / n / 100) * 100 - i * 1300;
          left -= amt;
          p.pay(line, amt, addWorkingDays(s + i * 8, 0), payee);
        }
      };
      spreadPay(l1, paid1, 5, 'catering');
      spreadPay(l2, paid2, 4, 'vehicle');
      if (over) {
        p.entry({
          rule: 'R03', key: p.unitKey(), severity: 'red',
          evidence: { budget: fenText(n1 + n2), paid: fenText(paid1 + paid2), excess: fenText(paid1 + paid2 - n1 - n2), ecoCodes: ['30217', '30231'] },
          note: '三公经费 paid on 财政拨款 exceed their budget (公务接待费 overspent)',
        });
        plan.entries.add({
          rule: 'R10', key: l1.bgtId, severity: 'red', mofDivCode: p.unit.region.code, agencyCode: p.unit.code, fiscalYear: plan.year,
          evidence: { bgtId: l1.bgtId, original: fenText(n1), adjustments: [], net: fenText(n1), paid: fenText(paid1), excess: fenText(excess) },
          note: 'the overspent 公务接待费 line of an R03 scenario is also paid beyond its amount',
        });
      } else {
        p.entry({ rule: 'R03', key: p.unitKey(), evidence: { budget: fenText(n1 + n2), paid: fenText(paid1 + paid2) }, note: '三公 paid exactly equal to budget' });
        for (const [l, n] of [[l1, n1], [l2, n2]] as const) {
          plan.entries.add({
            rule: 'R10', key: l.bgtId, mofDivCode: p.unit.region.code, agencyCode: p.unit.code, fiscalYear: plan.year,
            evidence: { bgtId: l.bgtId, net: fenText(n), paid: fenText(n) }, note: 'paid exactly the net amount',
          });
        }
      }
    },
  };
}

function r04(p: Planter): PlanHook {
  return {
    before(plan) {
      const v = p.s.variant;
      const [eco, amount, func] =
        v === 'orange302' ? ['30227', yuan(p.rng.int(60_000, 150_000)), undefined]
        : v === 'red310' ? ['31003', yuan(p.rng.int(220_000, 400_000)), undefined]
        : v === 'near302' ? ['30226', 4_999_999, undefined]
        : v === 'near303' ? ['30304', yuan(120_000), '2080801']
        : ['30199', yuan(80_000), undefined];
      const day = p.window(0);
      if (day === null) return p.fail('no room');
      const line = p.line(eco, ceilH(amount / 0.9), { func, name: eco === '30304' ? '抚恤金' : '专项业务经费' });
      const person = p.payee('person');
      const fp = p.pay(line, amount, day, person);
      const no = p.no(fp.seq);
      const severity: Severity | undefined = v.startsWith('near') ? undefined : amount >= 20_000_000 ? 'red' : 'orange';
      p.entry({
        rule: 'R04', key: no, severity,
        evidence: { payAppNo: no, amount: fenText(amount), depBgtEcoCode: eco, payeeAcctName: person.name, payeeAcctNo: person.acct, payDate: dateText(day) },
        note: severity ? `large transfer to a personal account under ${eco}` : v === 'near302' ? '49,999.99 to a person under 302' : `large payment to a person under ${eco.slice(0, 3)} (allowed)`,
      });
    },
  };
}

function r05(p: Planter): PlanHook {
  return {
    before() {
      const v = p.s.variant;
      const works = v.endsWith('309');
      const total =
        v === 'v302' ? yuan(1_000_000 + p.rng.int(5_000, 90_000)) + p.rng.int(1, 99)
        : v === 'v309' ? yuan(1_200_000 + p.rng.int(5_000, 100_000)) + p.rng.int(1, 99)
        : v === 'near302' ? 99_999_999
        : yuan(p.rng.int(1_050_000, 1_190_000)) + p.rng.int(1, 99);
      const s = p.window(22, { bySep30: true });
      if (s === null) return p.fail('no room');
      const days = [s, addWorkingDays(s + p.rng.int(5, 9), 0), addWorkingDays(s + p.rng.int(14, 18), 0)];
      const a1 = yuan(Math.round((total / 100) * p.rng.range(0.31, 0.36)));
      const a2 = yuan(Math.round((total / 100) * p.rng.range(0.31, 0.36)));
      const amounts = [a1, a2, total - a1 - a2];
      const eco = works ? '30905' : '30227';
      const line = p.line(eco, ceilH(total / 0.9), { name: works ? '基础设施维修工程' : '信息系统运维服务' });
      const payee = p.payee(works ? 'construction' : 'it');
      const nos = amounts.map((a, i) => p.no(p.pay(line, a, days[i], payee).seq));
      const threshold = works ? yuan(1_200_000) : yuan(1_000_000);
      p.entry({
        rule: 'R05', key: `${p.unit.region.code}:${p.unit.code}:${payee.acct}:${dateText(s)}`,
        severity: v.startsWith('near') ? undefined : 'orange',
        evidence: { payAppNos: nos, amounts: amounts.map(fenText), total: fenText(total), threshold: fenText(threshold), depBgtEcoCode: eco, payeeAcctNo: payee.acct, firstPayDate: dateText(days[0]), lastPayDate: dateText(days[2]) },
        note: v.startsWith('near') ? (works ? 'works split under the 1,200,000 threshold for 309' : 'three payments summing to 999,999.99') : 'one purchase split into three payments within 30 days',
      });
    },
  };
}

function r06(p: Planter): PlanHook {
  return {
    before() {
      const gap = p.s.variant === 'near' ? 4 : p.rng.int(0, 3);
      let s = p.window(7);
      if (s === null) return p.fail('no room');
      while (weekday(s) !== 1) s--; // a Monday, so s + gap stays within the working week
      if (s < p.plan.yearStart + 7) return p.fail('no Monday');
      const amount = yuan(p.rng.int(20_000, 150_000)) + p.rng.int(1, 99);
      const eco = p.rng.pick(['30213', '30218']);
      const line = p.line(eco, ceilH((2 * amount) / 0.85), { name: '设备维修维护' });
      const payee = p.payee('construction');
      const a = p.no(p.pay(line, amount, s, payee).seq);
      const b = p.no(p.pay(line, amount, s + gap, payee).seq);
      p.entry({
        rule: 'R06', key: [a, b].sort().join(':'), severity: p.s.variant === 'near' ? undefined : 'red',
        evidence: { payAppNos: [a, b].sort(), amount: fenText(amount), payeeAcctNo: payee.acct, payDates: [dateText(s), dateText(s + gap)], daysApart: gap },
        note: p.s.variant === 'near' ? 'same payee and amount 4 days apart' : `the same payment made twice ${gap} day(s) apart`,
      });
    },
  };
}

function r08(p: Planter): PlanHook {
  return {
    before(plan) {
      const v = p.s.variant;
      const starts = p.ctx.months.get(plan.year)!;
      const doc = starts[3] + p.rng.int(0, 120);
      let line: Line;
      const adjustments: Array<{ bgtId: string; amount: string }> = [];
      if (v === 'plain') line = p.line('31005', ceilH(yuan(p.rng.int(600_000, 2_000_000))), { source: 'transfer', docDay: doc, name: '中央基建投资' });
      else if (v === 'under') line = p.line('31005', 49_999_999, { source: 'transfer', docDay: doc, name: '中央基建投资' });
      else if (v === 'supplement' || v === 'reduced') {
        const orig = v === 'supplement' ? ceilH(yuan(p.rng.int(350_000, 450_000))) : yuan(600_000);
        line = p.line('30227', orig, { docDay: doc, name: '专项业务经费' });
        const change = v === 'supplement' ? ceilH(yuan(550_000 + p.rng.int(0, 150_000)) - orig) : -yuan(150_000);
        const a = addAdjustment(plan, line, v === 'supplement' ? 'supplement' : 'adjust', change, starts[6] + p.rng.int(0, 80));
        adjustments.push({ bgtId: a.bgtId, amount: fenText(change) });
      } else {
        line = p.line('31005', yuan(800_000), { source: 'transfer', docDay: doc, name: '中央基建投资' });
        const day = sep30(p.ctx);
        p.pay(line, yuan(p.rng.int(40_000, 240_000)), day, p.payee('construction'));
      }
      const net = line.amount + line.adjustments.reduce((a, x) => a + x.amount, 0);
      const violation = v === 'plain' || v === 'supplement';
      p.entry({
        rule: 'R08', key: line.bgtId, severity: violation ? 'orange' : undefined,
        evidence: { bgtId: line.bgtId, original: fenText(line.amount), adjustments, net: fenText(net), paidBySep30: v === 'sep30' ? 'paid on 30 September' : '0.00', docDate: dateText(line.docDay) },
        note: {
          plain: 'indicator of 500,000 or more with no payment by 30 September',
          supplement: 'net indicator (with a supplement) of 500,000 or more, never paid',
          under: 'unpaid indicator of 499,999.99',
          sep30: 'first payment on 30 September itself',
          reduced: 'original 600,000 reduced to 450,000 net, unpaid',
        }[v]!,
      });
    },
  };
}

function r09(p: Planter): PlanHook {
  return {
    before(plan) {
      const proj = addProject(plan, { name: '专项业务能力提升项目', cat: '3', func: p.unit.func, hasGoal: false, monitored: false, evalLevel: 'none', evalScore: null });
      if (p.s.variant === 'missing') {
        addLine(plan, { kind: 'goods', proCode: proj.proCode, func: p.unit.func, eco: '30227', fund: '111', source: 'initial', amount: ceilH(yuan(p.rng.int(80_000, 400_000))), docDay: plan.yearStart + 5, flexible: true, role: 'it', count: 6 });
      }
      p.entry({
        rule: 'R09', key: `${plan.year}:${proj.proCode}`, severity: p.s.variant === 'missing' ? 'yellow' : undefined,
        evidence: { proCode: proj.proCode, proName: proj.name, proCatCode: '3' },
        note: p.s.variant === 'missing' ? 'funded 特定目标类 project without a performance goal' : '特定目标类 project without a goal but with amount 0',
      });
    },
  };
}

function r10(p: Planter): PlanHook {
  return {
    before(plan) {
      const v = p.s.variant;
      const s = p.window(45);
      if (s === null) return p.fail('no room');
      let orig: number;
      let change = 0;
      if (v === 'plain' || v === 'exact') orig = ceilH(yuan(p.rng.int(150_000, 400_000)));
      else if (v === 'reduced') {
        orig = ceilH(yuan(p.rng.int(300_000, 450_000)));
        change = -ceilH(yuan(p.rng.int(50_000, 100_000)));
      } else {
        orig = ceilH(yuan(p.rng.int(200_000, 350_000)));
        change = ceilH(yuan(p.rng.int(40_000, 100_000)));
      }
      const net = orig + change;
      const paid = v === 'plain' ? net + yuan(p.rng.int(5_000, 40_000)) + p.rng.int(1, 99)
        : v === 'reduced' ? net + yuan(p.rng.int(10_000, 30_000)) + p.rng.int(1, 99)
        : v === 'exact' ? net
        : orig + Math.floor((change * 0.6) / 100) * 100;
      const line = p.line(p.rng.pick(['30227', '31002']), orig, { name: '专项设备及服务采购' });
      const adjustments: Array<{ bgtId: string; amount: string }> = [];
      if (change !== 0) {
        const a = addAdjustment(plan, line, change < 0 ? 'adjust' : 'supplement', change, s + 5);
        adjustments.push({ bgtId: a.bgtId, amount: fenText(change) });
      }
      const parts = [0.3, 0.25, 0.25].map((f) => Math.floor((paid * f) / 100) * 100 + p.rng.int(0, 9) * 100);
      parts.push(paid - parts.reduce((a, b) => a + b, 0));
      parts.forEach((amt, i) => p.pay(line, amt, addWorkingDays(s + i * 14, 0), p.payee(line.role === 'it' ? 'it' : 'goods')));
      p.entry({
        rule: 'R10', key: line.bgtId, severity: v === 'plain' || v === 'reduced' ? 'red' : undefined,
        evidence: { bgtId: line.bgtId, original: fenText(orig), adjustments, net: fenText(net), paid: fenText(paid), excess: fenText(Math.max(0, paid - net)) },
        note: {
          plain: 'payments exceed the indicator',
          reduced: 'payments exceed the indicator once its reduction (调减) counts',
          exact: 'payments exactly equal to the net indicator',
          rescued: 'payments exceed the original line but not line + supplement',
        }[v]!,
      });
    },
  };
}

function r11(p: Planter): PlanHook {
  return {
    before(plan) {
      const v = p.s.variant;
      const amount = yuan(p.rng.int(5_000, 80_000)) + p.rng.int(0, 99);
      const line = p.line('30201', ceilH(amount / 0.8), { name: '办公设备及耗材' });
      const payee = p.payee('goods');
      let applySec: number;
      let approveSec: number | null;
      if (v === 'pending') {
        const d = subWorkingDays(p.ctx.asOfDay, p.rng.int(8, 12));
        if (d < plan.yearStart + 6) return p.fail('no room');
        applySec = d * DAY_SECONDS + p.rng.int(9 * 3600, 17 * 3600);
        approveSec = null;
      } else if (v === 'slow') {
        const s = p.window(10);
        if (s === null) return p.fail('no room');
        applySec = s * DAY_SECONDS + p.rng.int(10 * 3600, 13 * 3600);
        approveSec = addWorkingDays(s, p.rng.int(4, 6)) * DAY_SECONDS + p.rng.int(9 * 3600, 17 * 3600);
      } else {
        let s = p.window(7);
        if (s === null) return p.fail('no room');
        const wd = v === 'exact72' ? 1 : 5;
        while (weekday(s) !== wd) s--;
        if (s < plan.yearStart + 7) return p.fail('no room');
        applySec = s * DAY_SECONDS + 10 * 3600;
        approveSec = v === 'exact72' ? (s + 3) * DAY_SECONDS + 10 * 3600 : (s + 5) * DAY_SECONDS + 9 * 3600;
      }
      const payDay = approveSec === null ? null : Math.floor(approveSec / DAY_SECONDS);
      if (payDay !== null && (payDay > plan.horizon || !isWorkingDay(payDay))) return p.fail('approval after asOf');
      const fp = addFixed(plan, line, { amount, applySec, approveSec, payDay, payee, payType: 'authorized' });
      const end = approveSec ?? (p.ctx.asOfDay + 1) * DAY_SECONDS;
      const hours = workingSeconds(applySec, end) / 3600;
      const no = p.no(fp.seq);
      p.entry({
        rule: 'R11', key: no, severity: v === 'slow' || v === 'pending' ? 'yellow' : undefined,
        evidence: { payAppNo: no, applyTime: timestampText(applySec), approveTime: approveSec === null ? null : timestampText(approveSec), workingHours: hours, pending: approveSec === null },
        note: {
          slow: 'approval took more than 3 working days',
          pending: 'application pending for more than 3 working days at asOf',
          exact72: 'approved after exactly 72 working hours',
          weekend71: 'applied Friday, approved Wednesday: 71 working hours over a weekend',
        }[v]!,
      });
    },
  };
}

/** The hook of each unit-level rule's scenarios. */
export const FACTORIES: Partial<Record<RuleId, (p: Planter) => PlanHook>> = { R01: r01, R02: r02, R03: r03, R04: r04, R05: r05, R06: r06, R08: r08, R09: r09, R10: r10, R11: r11 };

