import { executionCube, indicatorRows, paymentRows } from './cubes/execution.ts';
import { filterExpr, SliceError } from './compile.ts';
import { cast, coalesce, col, count, eq, le, lit, param, select, subquery, sum, type Expr } from './sql/ast.ts';
import { postgres } from './sql/dialects/postgres.ts';
import { render, type Rendered } from './sql/render.ts';
import type { SliceFilter } from './slice.ts';
import { effectiveAsOf, monthKey, yearOf, type IsoDate } from './time.ts';

/** Drill-through (穿透): the payments or indicators behind a figure of the execution cube, by the same slice. */
export interface DetailsRequest {
  kind: 'payments' | 'indicators';
  filters: SliceFilter[];
  asOf: IsoDate;
  sort: { key: string; desc: boolean };
  limit: number;
  offset: number;
}

const paymentExtra: Array<[string, Expr]> = [
  ['pay_app_no', col('pay_app_no', 'p')], ['pay_cert_no', col('pay_cert_no', 'p')], ['bgt_id', col('bgt_id', 'p')],
  ['exp_func_code', col('exp_func_code', 'p')], ['dep_bgt_eco_code', col('dep_bgt_eco_code', 'p')], ['pay_amt', col('pay_amt', 'p')],
  ['ori_pay_app_no', col('ori_pay_app_no', 'p')], ['pay_type', col('pay_type', 'p')], ['payee_type', col('payee_type', 'p')],
  ['payee_acct_name', col('payee_acct_name', 'p')], ['payee_acct_no', col('payee_acct_no', 'p')], ['pay_date', col('pay_date', 'p')],
];
const indicatorExtra: Array<[string, Expr]> = [
  ['bgt_id', col('bgt_id', 'i')], ['pro_code', col('pro_code', 'i')], ['exp_func_code', col('exp_func_code', 'i')],
  ['dep_bgt_eco_code', col('dep_bgt_eco_code', 'i')], ['bgt_source', col('bgt_source', 'i')], ['src_bgt_id', col('src_bgt_id', 'i')],
  ['amount', col('amount', 'i')], ['doc_date', col('doc_date', 'i')],
];

export const detailSortKeys = {
  payments: ['pay_date', 'pay_amt', 'pay_app_no', 'payee_acct_name'],
  indicators: ['doc_date', 'amount', 'bgt_id'],
} as const;

/** The rows and their total count, over the same dimension columns as the cube, so they add up to the figure. */
export function compileDetails(req: DetailsRequest, dataAsOf: IsoDate): { rows: Rendered; total: Rendered } {
  const dims = new Set(executionCube.dimensions.map((d) => d.id as string));
  const asOf = effectiveAsOf(req.asOf, dataAsOf);
  const where: Expr[] = [eq(col('fiscal_year'), param(yearOf(asOf))), le(col('month'), param(monthKey(asOf)))];
  req.filters.forEach((f, i) => where.push(filterExpr(f, dims, `filters[${i}]`)));
  const keys = detailSortKeys[req.kind] as readonly string[];
  if (!keys.includes(req.sort.key)) throw new SliceError(`cannot sort by ${req.sort.key}`, 'sort');
  const rows = req.kind === 'payments' ? paymentRows(paymentExtra) : indicatorRows(indicatorExtra);
  const idKey = req.kind === 'payments' ? 'pay_app_no' : 'bgt_id';
  const list = select({
    select: [],
    from: subquery(rows, 'd'),
    where,
    orderBy: [{ expr: col(req.sort.key), desc: req.sort.desc, nulls: 'last' }, { expr: col(idKey) }],
    limit: req.limit,
    offset: req.offset,
  });
  const part = req.kind === 'payments' ? 'paid_fen' : 'budget_fen';
  const total = select({ select: [['n', count()], ['sum_fen', cast(coalesce(sum(col(part)), lit(0)), 'bigint')]], from: subquery(rows, 'd'), where });
  return { rows: render(list, postgres), total: render(total, postgres) };
}
