/** The organisation of a scale: the region tree (财政区划) and its units (预算单位). Pure and deterministic. */
import { DEPTS, DIVISIONS, chineseNumber, placeName, regimentName, type DeptDef, type UnitKind } from './names.ts';
import { Rng } from './random.ts';

export type OrgScale = 'small' | 'bingtuan' | 'province';

export interface Region {
  index: number;
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  /** Prefix of its units' names (第八师石河子市, 第八师一四三团). */
  prefix: string;
  /** Place name used in suppliers' names (石河子). */
  place: string;
  childCodes: string[];
}

export interface Unit {
  index: number;
  region: Region;
  code: string;
  name: string;
  deptCode: string;
  deptName: string;
  kind: UnitKind;
  /** 功能分类 项 of its main activity. */
  func: string;
  /** Relative size (staff, budget, payments), median about 1. */
  size: number;
  /** The one tiny unit whose whole budget stays under R01's 100,000 元 floor (a near-miss). */
  tiny: boolean;
}

export interface Org {
  scale: OrgScale;
  /** Short province name used in suppliers' names (新疆…有限公司). */
  province: string;
  regions: Region[];
  units: Unit[];
}

// Units per region by level.
const UNITS_PER_REGION: Record<OrgScale, number[]> = {
  small: [12, 10, 8, 4],
  bingtuan: [150, 90, 21, 8],
  province: [400, 300, 125, 40],
};

// Regiments per division (sum 149) and the number of each division's first regiment.
const REGIMENTS = [12, 11, 10, 14, 9, 12, 10, 14, 9, 8, 10, 12, 10, 8];
const REGIMENT_BASE = [1, 21, 41, 61, 81, 101, 123, 141, 161, 181, 201, 221, 241, 261];
const DIVISION_PLACE = ['阿拉尔', '铁门关', '图木舒克', '可克达拉', '双河', '五家渠', '胡杨河', '石河子', '白杨', '北屯', '乌鲁木齐', '乌鲁木齐', '新星', '昆玉'];

// Departments in the order a small region has them.
const DEPT_PRIORITY = ['103', '107', '204', '210', '213', '131', '225', '212', '208', '209', '101', '207', '214', '133', '224', '104', '106', '220', '211', '226', '222', '206', '102', '108', '110', '113', '215'];

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function buildRegions(scale: OrgScale, seed: number): { regions: Region[]; province: string } {
  const regions: Region[] = [];
  const add = (r: Omit<Region, 'index' | 'childCodes'>) => {
    const region: Region = { ...r, index: regions.length, childCodes: [] };
    regions.push(region);
    if (r.parentCode) regions.find((p) => p.code === r.parentCode)!.childCodes.push(r.code);
    return region;
  };
  if (scale === 'province') {
    const rng = new Rng(seed, 'province-names');
    const used = new Set<string>();
    const fresh = (suffix: string) => {
      let n = placeName(rng);
      while (used.has(n)) n = placeName(rng);
      used.add(n);
      return { name: n + suffix, place: n };
    };
    const top = add({ code: '990000000', name: '示范省', parentCode: null, level: 1, prefix: '示范省', place: '省城' });
    for (let p = 1; p <= 16; p++) {
      const pf = fresh('市');
      const pr = add({ code: `99${pad(p, 2)}00000`, name: pf.name, parentCode: top.code, level: 2, prefix: pf.name, place: pf.place });
      const counties = p <= 8 ? 8 : 7; // 8 × 8 + 8 × 7 = 120
      for (let c = 1; c <= counties; c++) {
        const cf = fresh(c === 1 ? '区' : '县');
        add({ code: `99${pad(p, 2)}${pad(c, 2)}000`, name: cf.name, parentCode: pr.code, level: 3, prefix: pr.name + cf.name, place: cf.place });
      }
    }
    return { regions, province: '示范' };
  }
  const top = add({ code: '660000000', name: '新疆生产建设兵团', parentCode: null, level: 1, prefix: '兵团', place: '乌鲁木齐' });
  const divisions = scale === 'small' ? [5, 6, 7] : DIVISIONS.map((_, i) => i);
  for (const d of divisions) {
    const [dname, city] = DIVISIONS[d];
    const dcode = `66${pad(d + 1, 2)}00000`;
    const dr = add({ code: dcode, name: dname, parentCode: top.code, level: 2, prefix: dname + city, place: DIVISION_PLACE[d] });
    const count = scale === 'small' ? 3 : REGIMENTS[d];
    for (let r = 1; r <= count; r++) {
      const rname = regimentName(REGIMENT_BASE[d] + r - 1);
      const rr = add({ code: `66${pad(d + 1, 2)}${pad(r, 2)}000`, name: rname, parentCode: dcode, level: 3, prefix: dname + rname, place: DIVISION_PLACE[d] });
      if (scale === 'small' && d === 7 && r === 1) {
        // Depth 4 somewhere: two towns under the first regiment of 第八师.
        ['北泉镇', '石河镇'].forEach((town, i) =>
          add({ code: `66${pad(d + 1, 2)}${pad(r, 2)}${pad(i + 1, 3)}`, name: town, parentCode: rr.code, level: 4, prefix: dname + town, place: DIVISION_PLACE[d] }),
        );
      }
    }
  }
  return { regions, province: '新疆' };
}

const ordinal = (n: number) => '第' + chineseNumber(n);

function buildUnits(region: Region, target: number, rng: Rng, startIndex: number, provinceTop: boolean): Unit[] {
  const offices = Math.min(DEPTS.length, Math.max(4, Math.round(target * 0.35)));
  const chosen: DeptDef[] = DEPT_PRIORITY.slice(0, offices).map((c) => DEPTS.find((d) => d.code === c)!);
  const units: Unit[] = [];
  const deptName = (d: DeptDef) => (provinceTop ? d.name.replace(/局$/, '厅') : d.name);
  const push = (d: DeptDef, seq: number, name: string, kind: UnitKind, func: string, sizeBase: number) =>
    units.push({
      index: startIndex + units.length,
      region,
      code: d.code + pad(seq, 3),
      name: region.prefix + name,
      deptCode: d.code,
      deptName: deptName(d),
      kind,
      func,
      size: sizeBase * rng.logSize(0.6),
      tiny: false,
    });
  for (const d of chosen) push(d, 1, deptName(d), 'office', d.func, 1);
  // Subordinate units, by department weight; numbered ones may repeat (第一小学, 第二小学, …).
  const next = new Map<string, { seq: number; used: Set<string>; counts: Map<string, number> }>();
  const withSubs = chosen.filter((d) => d.weight > 0 && d.subs.length > 0);
  let guard = 0;
  while (units.length < target && withSubs.length > 0 && guard++ < target * 20) {
    const d = withSubs[rng.weighted(withSubs.map((x) => x.weight))];
    const st = next.get(d.code) ?? { seq: 2, used: new Set<string>(), counts: new Map<string, number>() };
    next.set(d.code, st);
    const open = d.subs.filter((s) => s.numbered || !st.used.has(s.name));
    if (open.length === 0) continue;
    const sub = rng.pick(open);
    let name = sub.name;
    if (sub.numbered) {
      const k = (st.counts.get(sub.name) ?? 0) + 1;
      st.counts.set(sub.name, k);
      name = sub.name.replace('#', ordinal(k));
    } else st.used.add(sub.name);
    const sizeBase = sub.kind === 'hospital' ? 2 : sub.kind === 'school' ? 1.3 : sub.kind === 'police' ? 1 : 0.7;
    push(d, st.seq++, name, sub.kind, sub.func, sizeBase);
  }
  return units;
}

/** Regions and units of a scale. */
export function buildOrg(scale: OrgScale, seed: number): Org {
  const { regions, province } = buildRegions(scale, seed);
  const units: Unit[] = [];
  const perLevel = UNITS_PER_REGION[scale];
  for (const r of regions) {
    const rng = new Rng(seed, 'units', r.code);
    units.push(...buildUnits(r, perLevel[r.level - 1], rng, units.length, scale === 'province' && r.level === 1));
  }
  // The tiny unit (R01 near-miss: budget just under the 100,000 元 floor) sits in the first division.
  const host = regions[1];
  const sci = DEPTS.find((d) => d.code === '206')!;
  units.push({
    index: units.length,
    region: host,
    code: '206090',
    name: host.prefix + '老科学技术工作者协会',
    deptCode: sci.code,
    deptName: sci.name,
    kind: 'institution',
    func: '2060702',
    size: 0.1,
    tiny: true,
  });
  return { scale, province, regions, units };
}
