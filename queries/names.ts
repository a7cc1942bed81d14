import type { SliceRequest } from './slice.ts';
import { ident } from './sql/ast.ts';
import type { Rendered } from './sql/render.ts';

/** Names joined onto a slice's rows from the dimension tables loaded beside the cube. */
export type NameLookup =
  /** `dim_region.mof_div_name AS as`, joined on the slice column `on` (mof_div_code or a lvlN_code). */
  | { kind: 'region'; on: string; as: string }
  /** `dim_agency.agency_name AS as`, joined on BOTH mof_div_code and agency_code: a unit is the pair. */
  | { kind: 'agency'; as: string };

/**
 * Wraps a compiled slice to add display names. The slice (with its ORDER BY and LIMIT) runs first as a subquery;
 * the join cannot change which rows come back or their figures, and the slice's order is applied again outside
 * because a join does not keep it. `tables` names the name tables: the browser's served ones by default, PostgreSQL's
 * `region` and `agency` on the server.
 */
export function withNames(inner: Rendered, req: Pick<SliceRequest, 'dimensions' | 'orderBy'>, lookups: readonly NameLookup[], tables: { region: string; agency: string } = { region: 'dim_region', agency: 'dim_agency' }): Rendered {
  const cols: string[] = [];
  const joins: string[] = [];
  lookups.forEach((l, i) => {
    const n = `n${i}`;
    if (l.kind === 'region') {
      cols.push(`${n}.mof_div_name AS ${ident(l.as)}`);
      joins.push(`LEFT JOIN ${tables.region} AS ${n} ON ${n}.mof_div_code = s.${ident(l.on)}`);
    } else {
      cols.push(`${n}.agency_name AS ${ident(l.as)}`);
      joins.push(`LEFT JOIN ${tables.agency} AS ${n} ON ${n}.mof_div_code = s.mof_div_code AND ${n}.agency_code = s.agency_code`);
    }
  });
  const order = (req.orderBy ?? []).map((o) => `s.${ident(o.key)} ${o.desc ? 'DESC' : 'ASC'} NULLS LAST`);
  for (const d of req.dimensions) if (!(req.orderBy ?? []).some((o) => o.key === d)) order.push(`s.${ident(d)} ASC NULLS LAST`);
  const sql = [`SELECT s.*${cols.map((c) => `, ${c}`).join('')}`, `FROM (\n${inner.sql}\n) AS s`, ...joins, order.length ? `ORDER BY ${order.join(', ')}` : '']
    .filter(Boolean)
    .join('\n');
  return { sql, params: inner.params };
}

/** The unit and region names a units slice needs. */
export const unitNames: readonly NameLookup[] = [
  { kind: 'agency', as: 'agency_name' },
  { kind: 'region', on: 'mof_div_code', as: 'region_name' },
];

