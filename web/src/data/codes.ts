/** Names of the classification codes (功能分类, 经济分类, 资金性质) as loaded from `dim_code`, keyed by (year, code). */

export type CodeList = 'exp_func' | 'dep_bgt_eco' | 'fund_type';

export interface CodeRow {
  list: string;
  fiscalYear: number;
  code: string;
  name: string;
}

export class CodeNames {
  private readonly byKey = new Map<string, Map<number, string>>();
  readonly years: number[];

  constructor(rows: readonly CodeRow[]) {
    const years = new Set<number>();
    for (const r of rows) {
      years.add(r.fiscalYear);
      const k = `${r.list}:${r.code}`;
      const m = this.byKey.get(k) ?? new Map<number, string>();
      m.set(r.fiscalYear, r.name);
      this.byKey.set(k, m);
    }
    this.years = [...years].sort((a, b) => a - b);
  }

  /** The code's name in `year`'s list, else in the nearest earlier year, else in any year (codes are revised yearly). */
  name(list: CodeList, code: string | null | undefined, year?: number): string | undefined {
    if (!code) return undefined;
    const m = this.byKey.get(`${list}:${code}`);
    if (!m) return undefined;
    if (year !== undefined) {
      if (m.has(year)) return m.get(year);
      const earlier = [...m.keys()].filter((y) => y < year).sort((a, b) => b - a)[0];
      if (earlier !== undefined) return m.get(earlier);
    }
    return m.get([...m.keys()].sort((a, b) => b - a)[0]);
  }

  has(list: CodeList, code: string): boolean {
    return this.byKey.has(`${list}:${code}`);
  }

  /** "205 教育" — the code with its name, or the code alone when the list does not know it. */
  label(list: CodeList, code: string | null | undefined, year?: number): string {
    if (!code) return '—';
    const n = this.name(list, code, year);
    return n ? `${code} ${n}` : code;
  }
}
