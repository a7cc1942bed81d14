/** The 财政区划 tree as loaded from `dim_region`, with the labels the dashboards show. */

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
}

export class RegionTree {
  private readonly byCode = new Map<string, Region>();
  private readonly childrenOf = new Map<string, Region[]>();
  readonly roots: Region[];

  constructor(rows: readonly Region[]) {
    for (const r of rows) this.byCode.set(r.code, r);
    for (const r of rows) {
      if (r.parentCode && this.byCode.has(r.parentCode)) {
        const list = this.childrenOf.get(r.parentCode) ?? [];
        list.push(r);
        this.childrenOf.set(r.parentCode, list);
      }
    }
    for (const list of this.childrenOf.values()) list.sort(byCode);
    this.roots = rows.filter((r) => !r.parentCode || !this.byCode.has(r.parentCode)).sort(byCode);
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string | null | undefined): Region | undefined {
    return code ? this.byCode.get(code) : undefined;
  }

  /** The default org: the top of the tree. */
  top(): Region | undefined {
    return this.roots[0];
  }

  children(code: string): Region[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The regions from the top down to `code`, inclusive. */
  path(code: string): Region[] {
    const out: Region[] = [];
    for (let r = this.get(code); r; r = this.get(r.parentCode)) out.unshift(r);
    return out;
  }

  /** Depth-first order (each region before its children), for a tree-shaped picker. */
  walk(): Region[] {
    const out: Region[] = [];
    const visit = (r: Region) => {
      out.push(r);
      this.children(r.code).forEach(visit);
    };
    this.roots.forEach(visit);
    return out;
  }

  /**
   * The org's name for its 汇总 (whole subtree): 全兵团 / 全省 at the top of the country's tree, the plain name below
   * (also for the top of a scoped user's partial tree, whose parent is outside it).
   */
  consolidatedLabel(code: string): string {
    const r = this.get(code);
    if (!r) return code;
    return this.isTop(r) ? `全${shortName(r.name)}` : r.name;
  }

  /** The org's name for its 本级 (its own units only): 兵团本级, 第一师本级. */
  ownLabel(code: string): string {
    const r = this.get(code);
    if (!r) return `${code}本级`;
    return `${this.isTop(r) ? shortName(r.name) : r.name}本级`;
  }

  private isTop(r: Region): boolean {
    return !r.parentCode;
  }
}

const byCode = (a: Region, b: Region) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The short form used in 全X / X本级 of a top-level government: 新疆生产建设兵团 → 兵团, 河南省 → 省, 广西壮族自治区 → 区,
 * 北京市 → 市. A name without a known suffix is kept whole; a name already ending in 本级 loses it (兵团本级 → 兵团).
 */
export function shortName(fullName: string): string {
  const name = fullName.replace(/本级$/, '');
  if (name.endsWith('兵团')) return '兵团';
  if (name.endsWith('自治区')) return '区';
  if (name.endsWith('省')) return '省';
  if (name.endsWith('市')) return '市';
  return name;
}
