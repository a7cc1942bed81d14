import type { Queryable } from './types.ts';

/** Rebuilds `region_path` (each region's ancestors at levels 1–4) from `region`. Rejects a tree deeper than 4 levels. */
export async function refreshRegionPath(db: Queryable): Promise<number> {
  const regions = await db.query<{ mof_div_code: string; parent_code: string | null; level: number }>(
    'SELECT mof_div_code, parent_code, level FROM region',
  );
  const byCode = new Map(regions.map((r) => [r.mof_div_code, r]));
  const rows: string[] = [];
  for (const r of regions) {
    const path: string[] = [];
    for (let cur: typeof r | undefined = r; cur; cur = cur.parent_code ? byCode.get(cur.parent_code) : undefined) {
      path.unshift(cur.mof_div_code);
      if (path.length > 4) throw new Error(`region ${r.mof_div_code}: the tree is deeper than 4 levels`);
    }
    if (path.length !== r.level) throw new Error(`region ${r.mof_div_code}: level ${r.level} but ${path.length} levels to the top`);
    rows.push([r.mof_div_code, r.level, path[0], path[1] ?? '', path[2] ?? '', path[3] ?? ''].join(',') + '\n');
  }
  await db.exec('DELETE FROM region_path');
  await db.copyFrom('region_path', ['mof_div_code', 'level', 'lvl1_code', 'lvl2_code', 'lvl3_code', 'lvl4_code'], rows);
  return rows.length;
}
