import type { Queryable } from '../db/types.ts';
/** A user's scope (DOMAIN.md): a region subtree, a department within a region, or a single unit. */
export type Scope =
  | { kind: 'region'; mofDivCode: string }
  | { kind: 'dept'; mofDivCode: string; deptCode: string }
  | { kind: 'agency'; mofDivCode: string; agencyCode: string };

/** Parses `CODE`, `CODE:DEPT` (3 digits) or `CODE:AGENCY` (6 digits). */
export function parseScope(s: string): Scope {
  const m = /^(\d{9})(?::(\d{3}|\d{6}))?$/.exec(s.trim());
  if (!m) throw new Error(`范围格式应为 财政区划代码[:部门代码|:单位代码]，如 660100000 或 660100000:204 或 660100000:204001（收到 ${s}）`);
  if (!m[2]) return { kind: 'region', mofDivCode: m[1] };
  return m[2].length === 3 ? { kind: 'dept', mofDivCode: m[1], deptCode: m[2] } : { kind: 'agency', mofDivCode: m[1], agencyCode: m[2] };
}

export function scopeKey(s: Scope): string {
  return s.kind === 'region' ? s.mofDivCode : s.kind === 'dept' ? `${s.mofDivCode}:${s.deptCode}` : `${s.mofDivCode}:${s.agencyCode}`;
}

/** The region tree, for subtree tests. */
export class RegionTree {
  private readonly parent = new Map<string, string | null>();
  readonly top: string | null;
  constructor(rows: ReadonlyArray<{ mof_div_code: string; parent_code: string | null }>) {
    for (const r of rows) this.parent.set(r.mof_div_code, r.parent_code);
    this.top = rows.find((r) => !r.parent_code)?.mof_div_code ?? null;
  }
  has(code: string): boolean {
    return this.parent.has(code);
  }
  /** Whether `code` is `ancestor` or below it. */
  within(code: string, ancestor: string): boolean {
    for (let c: string | null | undefined = code; c; c = this.parent.get(c)) if (c === ancestor) return true;
    return false;
  }
}

/** Whether a unit (or, with agencyCode null, a region's own figures) lies inside the scope. */
export function scopeCovers(scope: Scope, tree: RegionTree, mofDivCode: string, agencyCode: string | null): boolean {
  switch (scope.kind) {
    case 'region':
      return tree.within(mofDivCode, scope.mofDivCode);
    case 'dept':
      return mofDivCode === scope.mofDivCode && agencyCode !== null && agencyCode.slice(0, 3) === scope.deptCode;
    case 'agency':
      return mofDivCode === scope.mofDivCode && agencyCode === scope.agencyCode;
  }
}

/** Whether scope `inner` lies entirely inside `outer` (for sharing and for administrators assigning scopes). */
export function scopeContains(outer: Scope, inner: Scope, tree: RegionTree): boolean {
  if (outer.kind === 'region') return tree.within(inner.mofDivCode, outer.mofDivCode);
  if (outer.kind === 'dept') {
    if (inner.mofDivCode !== outer.mofDivCode) return false;
    if (inner.kind === 'dept') return inner.deptCode === outer.deptCode;
    return inner.kind === 'agency' && inner.agencyCode.slice(0, 3) === outer.deptCode;
  }
  return inner.kind === 'agency' && inner.mofDivCode === outer.mofDivCode && inner.agencyCode === outer.agencyCode;
}

/** The region tree as the database holds it now (every route that checks a scope against regions reads it this way). */
export async function loadRegionTree(db: Queryable): Promise<RegionTree> {
  return new RegionTree(await db.query<{ mof_div_code: string; parent_code: string | null }>('SELECT mof_div_code, parent_code FROM region'));
}
