import {
  array, cast, coalesce, col, fn, jsonObject, le, lit, param, select, sum, table, type Expr, type Select,
} from '../sql/ast.ts';
import type { IsoDate } from '../time.ts';
import type { RuleContext, Severity } from './define.ts';
import { notTransfer, toFen } from '../facts.ts';

/** Money column (NUMERIC 元) → integer fen: the one definition in queries/facts.ts. */
export const fen = toFen;
export const asOfDate = (ctx: RuleContext): Expr => cast(param(ctx.asOf), 'date');
export const dateParam = (d: IsoDate): Expr => cast(param(d), 'date');
export const yearParam = (ctx: RuleContext): Expr => cast(param(ctx.fiscalYear), 'integer');
/** A threshold in 元 as a typed fen parameter. */
export const fenParam = (yuan: number): Expr => cast(param(Math.round(yuan * 100)), 'bigint');
/** A typed numeric parameter (ratios, points, hours). */
export const numParam = (v: number): Expr => cast(param(v), 'double');
export const intParam = (v: number): Expr => cast(param(Math.round(v)), 'integer');
export { notTransfer };
export const sev = (s: Severity): Expr => ({ k: 'str', value: s });
export const text = (e: Expr): Expr => cast(e, 'text');
export const key = (...parts: Expr[]): Expr => fn('concat', ...parts.flatMap((p, i) => (i === 0 ? [p] : [{ k: 'str', value: ':' } as Expr, p])));
export const ratio4 = (e: Expr): Expr => fn('round_to', e, lit(4));

/** The standard columns of a hit row, in order. */
export function hit(h: {
  key: Expr; severity: Expr; fiscalYear: Expr; mofDivCode: Expr; agencyCode: Expr; entityId: Expr; amountFen: Expr; eventDate: Expr;
  evidence: Record<string, Expr>; evidenceIds: Expr;
}): Array<[string, Expr]> {
  return [
    ['hit_key', h.key],
    ['severity', h.severity],
    ['fiscal_year', cast(h.fiscalYear, 'integer')],
    ['mof_div_code', h.mofDivCode],
    ['agency_code', h.agencyCode],
    ['entity_id', h.entityId],
    ['amount_fen', h.amountFen],
    ['event_date', cast(h.eventDate, 'date')],
    ['evidence', jsonObject(h.evidence)],
    ['evidence_ids', h.evidenceIds],
  ];
}

export const noIds = (): Expr => cast(array(), 'text_array');

/**
 * Net indicators (指标 plus its adjustments via src_bgt_id) of the year, issued by the as-of date: one row per original
 * indicator with its unit and net amount in fen.
 */
export function netIndicators(ctx: RuleContext): Select {
  const id = coalesce(col('src_bgt_id'), col('bgt_id'));
  return select({
    select: [
      ['id', id],
      ['mof_div_code', col('mof_div_code')],
      ['agency_code', col('agency_code')],
      ['net_fen', cast(sum(fen(col('amount'))), 'bigint')],
      ['line_fen', cast(sum({ k: 'case', whens: [[{ k: 'is_null', arg: col('src_bgt_id'), negate: false }, fen(col('amount'))]], else: lit(0) }), 'bigint')],
      ['doc_date', { k: 'agg', fn: 'min', arg: col('doc_date') }],
    ],
    from: table('bgt_indicator'),
    where: [{ k: 'op', op: '=', left: col('fiscal_year'), right: yearParam(ctx) }, le(col('doc_date'), asOfDate(ctx))],
    groupBy: [id, col('mof_div_code'), col('agency_code')],
  });
}

