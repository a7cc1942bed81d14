import type { Db } from '../../api/src/db/types.ts';

/** Which facts a reference figure covers: a region's subtree (汇总), its own units (本级), or one unit. */
export type RefScope = { kind: 'subtree'; org: string } | { kind: 'own'; org: string } | { kind: 'unit'; mofDivCode: string; agencyCode: string };

export interface Reference {
  budgetFen: bigint;
  paidFen: bigint;
  rate: number | null;
  timeProgress: number;
  /** Paid vouchers behind 支出数 (payments and returns). */
  vouchers: number;
}

function scopeSql(s: RefScope, params: unknown[]): string {
  if (s.kind === 'unit') {
    params.push(s.mofDivCode, s.agencyCode);
    return `mof_div_code = $${params.length - 1} AND agency_code = $${params.length}`;
  }
  params.push(s.org);
  if (s.kind === 'own') return `mof_div_code = $${params.length}`;
  return `mof_div_code IN (SELECT mof_div_code FROM region_path WHERE $${params.length} IN (lvl1_code, lvl2_code, lvl3_code, lvl4_code))`;
}

/**
 * 预算数, 支出数, 执行率, 序时进度 and the count of paid vouchers computed by PostgreSQL from the raw facts,
 * independently of the cube: indicators issued and payments paid up to `asOf` in its fiscal year, without 类 230
 * 转移性支出, optionally by fund type prefix and 功能分类 类.
 */
export async function reference(db: Db, scope: RefScope, asOf: string, basis: 'day' | 'month', opts: { fund?: string; func?: string } = {}): Promise<Reference> {
  const params: unknown[] = [Number(asOf.slice(0, 4)), asOf, opts.fund ?? '', opts.func ?? '', basis];
  const where = scopeSql(scope, params);
  const [r] = await db.query<{ budget: string; paid: string; n: string; rate: number | string | null; tp: number | string }>(
    `WITH b AS (
       SELECT COALESCE(sum(amount), 0) * 100 AS fen FROM bgt_indicator
       WHERE fiscal_year = $1 AND doc_date <= $2::date AND exp_func_code NOT LIKE '230%'
         AND fund_type_code LIKE $3 || '%' AND exp_func_code LIKE $4 || '%' AND ${where}
     ), p AS (
       SELECT COALESCE(sum(pay_amt), 0) * 100 AS fen, count(*) AS n FROM pay_voucher
       WHERE fiscal_year = $1 AND pay_date IS NOT NULL AND pay_date <= $2::date AND exp_func_code NOT LIKE '230%'
         AND fund_type_code LIKE $3 || '%' AND exp_func_code LIKE $4 || '%' AND ${where}
     )
     SELECT CAST(b.fen AS bigint)::text AS budget, CAST(p.fen AS bigint)::text AS paid, p.n::text AS n,
            CAST(p.fen AS float8) / NULLIF(CAST(b.fen AS float8), 0) AS rate,
            CASE WHEN $5 = 'month' THEN EXTRACT(MONTH FROM $2::date)::float8 / 12
                 ELSE CAST(($2::date - make_date($1, 1, 1)) + 1 AS float8) / (make_date($1 + 1, 1, 1) - make_date($1, 1, 1)) END AS tp
     FROM b, p`,
    params,
  );
  return { budgetFen: BigInt(r.budget), paidFen: BigInt(r.paid), rate: r.rate === null ? null : Number(r.rate), timeProgress: Number(r.tp), vouchers: Number(r.n) };
}
