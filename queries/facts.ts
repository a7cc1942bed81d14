import { cast, fn, lit, mul, not, startsWith, str, type Expr } from './sql/ast.ts';

/** A NUMERIC(18,2) amount of 元 as integer fen (exact: round of amount × 100, never a float). */
export const toFen = (amount: Expr): Expr => cast(fn('round', mul(amount, lit(100))), 'bigint');

/**
 * 类 230 转移性支出 is money passed to the level below and spent there again: budget and spending metrics exclude it,
 * so no figure counts the same money twice across levels (DOMAIN.md).
 */
export const notTransfer = (expFuncCode: Expr): Expr => not(startsWith(expFuncCode, str('230')));
