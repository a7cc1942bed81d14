import { lit, type Expr } from '../sql/ast.ts';
import type { Metric } from './define.ts';

type Value = number | null;

/**
 * A metric's value computed from already summed parts, with the same formula the SQL dialects render — for figures
 * summed outside a database (the monthly report rolls regions up along the tree in integer fen). Covers the
 * arithmetic metrics use (parts, literals, casts, + − × ÷, nullif); anything else is an error, never a guess.
 * SQL semantics: null in, null out; nullif(x, y) is null when x = y.
 */
export function metricValue(m: Metric, parts: Record<string, bigint | number>, ctx: { timeProgress?: number } = {}): number | null {
  const refs = Object.fromEntries(m.parts.map((p) => [p, { k: 'col', name: p } as Expr]));
  const expr = m.value(refs, { timeProgress: lit(ctx.timeProgress ?? null) });
  return evaluate(expr, (name) => {
    const v = parts[name];
    if (v === undefined) throw new Error(`metric ${m.id}: part ${name} not given`);
    return Number(v);
  });
}

function evaluate(e: Expr, part: (name: string) => number): Value {
  switch (e.k) {
    case 'col':
      return part(e.name);
    case 'lit':
      if (typeof e.value === 'boolean') throw new Error('metricValue: boolean literal');
      return e.value;
    case 'cast':
      return evaluate(e.arg, part);
    case 'op': {
      const a = evaluate(e.left, part);
      const b = evaluate(e.right, part);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        default:
          throw new Error(`metricValue: operator ${e.op}`);
      }
    }
    case 'fn':
      if (e.name === 'nullif') {
        const [a, b] = e.args.map((x) => evaluate(x, part));
        return a === b ? null : a;
      }
      throw new Error(`metricValue: function ${e.name}`);
    default:
      throw new Error(`metricValue: ${e.k} expressions`);
  }
}
