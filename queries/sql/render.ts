import type { Expr, From, Query, Select, SqlType, FnName } from './ast.ts';

/** What differs between engines. Everything else is rendered the same way. */
export interface Dialect {
  readonly name: 'postgres' | 'duckdb';
  placeholder(index: number): string;
  type(t: SqlType): string;
  fn(name: FnName, args: string[]): string;
  /** An interval of `n` days, for RANGE window frames. */
  dayInterval(n: number): string;
}

export interface Rendered {
  sql: string;
  params: Array<string | number | boolean | null>;
}

/** Renders a query to SQL text plus its bound parameters, in `dialect`. */
export function render(query: Query, dialect: Dialect): Rendered {
  const params: Rendered['params'] = [];
  const r = new Renderer(dialect, params);
  return { sql: r.query(query), params };
}

/** Renders one expression (for tests and for composing DDL). */
export function renderExpr(expr: Expr, dialect: Dialect): Rendered {
  const params: Rendered['params'] = [];
  return { sql: new Renderer(dialect, params).expr(expr), params };
}

class Renderer {
  constructor(
    private readonly d: Dialect,
    private readonly params: Rendered['params'],
  ) {}

  query(q: Query): string {
    if (q.k === 'union_all') return q.queries.map((s) => `(${this.select(s)})`).join('\nUNION ALL\n');
    return this.select(q);
  }

  select(s: Select): string {
    const parts: string[] = [];
    if (s.with?.length) parts.push('WITH ' + s.with.map(([name, q]) => `${name} AS ${s.materialize?.includes(name) ? 'MATERIALIZED ' : ''}(\n${this.query(q)}\n)`).join(',\n'));
    parts.push('SELECT ' + (s.distinctOn?.length ? `DISTINCT ON (${s.distinctOn.map((e) => this.expr(e)).join(', ')}) ` : '') + (s.select.length ? s.select.map(([alias, e]) => (e.k === 'col' && e.name === alias && !e.table ? alias : `${this.expr(e)} AS ${alias}`)).join(', ') : '*'));
    parts.push('FROM ' + this.from(s.from));
    if (s.where?.length) parts.push('WHERE ' + s.where.map((e) => this.wrap(e)).join(' AND '));
    if (s.groupBy?.length) parts.push('GROUP BY ' + s.groupBy.map((e) => this.expr(e)).join(', '));
    else if (s.groupingSets?.length) parts.push('GROUP BY GROUPING SETS (' + s.groupingSets.map((set) => `(${set.map((e) => this.expr(e)).join(', ')})`).join(', ') + ')');
    if (s.having?.length) parts.push('HAVING ' + s.having.map((e) => this.wrap(e)).join(' AND '));
    if (s.orderBy?.length)
      parts.push(
        'ORDER BY ' +
          s.orderBy.map((o) => `${this.expr(o.expr)}${o.desc ? ' DESC' : ' ASC'}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`).join(', '),
      );
    if (s.limit !== undefined) parts.push(`LIMIT ${intOrThrow(s.limit)}`);
    if (s.offset !== undefined) parts.push(`OFFSET ${intOrThrow(s.offset)}`);
    return parts.join('\n');
  }

  from(f: From): string {
    switch (f.k) {
      case 'table':
        return f.alias ? `${f.name} AS ${f.alias}` : f.name;
      case 'sub':
        return `(\n${this.query(f.query)}\n) AS ${f.alias}`;
      case 'join':
        return `${this.from(f.left)}\n${f.type === 'left' ? 'LEFT JOIN' : 'JOIN'} ${this.from(f.right)} ON ${this.expr(f.on)}`;
    }
  }

  private wrap(e: Expr): string {
    return e.k === 'logic' ? `(${this.expr(e)})` : this.expr(e);
  }

  expr(e: Expr): string {
    switch (e.k) {
      case 'col':
        return e.table ? `${e.table}.${e.name}` : e.name;
      case 'lit':
        if (e.value === null) return 'NULL';
        if (typeof e.value === 'boolean') return e.value ? 'TRUE' : 'FALSE';
        // A fractional literal is DECIMAL to both engines; figures are doubles.
        return Number.isInteger(e.value) ? String(e.value) : `CAST(${numberText(e.value)} AS ${this.d.type('double')})`;
      case 'str':
        return `'${e.value}'`;
      case 'param':
        this.params.push(e.value);
        return this.d.placeholder(this.params.length);
      case 'fn':
        return this.d.fn(e.name, e.args.map((a) => this.expr(a)));
      case 'op':
        return `(${this.expr(e.left)} ${e.op} ${this.expr(e.right)})`;
      case 'logic':
        return e.args.map((a) => this.wrap(a)).join(e.op === 'and' ? ' AND ' : ' OR ');
      case 'not':
        return `NOT (${this.expr(e.arg)})`;
      case 'in':
        if (e.values.length === 0) return 'FALSE';
        return `${this.expr(e.arg)} IN (${e.values.map((v) => this.expr(v)).join(', ')})`;
      case 'is_null':
        return `${this.expr(e.arg)} IS ${e.negate ? 'NOT ' : ''}NULL`;
      case 'case':
        return `CASE ${e.whens.map(([w, t]) => `WHEN ${this.expr(w)} THEN ${this.expr(t)}`).join(' ')}${e.else ? ` ELSE ${this.expr(e.else)}` : ''} END`;
      case 'cast':
        return `CAST(${this.expr(e.arg)} AS ${this.d.type(e.type)})`;
      case 'agg': {
        const order = e.orderBy?.length ? ` ORDER BY ${e.orderBy.map((x) => this.expr(x)).join(', ')}` : '';
        return `${e.fn}(${e.distinct ? 'DISTINCT ' : ''}${e.arg ? this.expr(e.arg) : '*'}${order})`;
      }
      case 'window': {
        const over: string[] = [];
        if (e.partitionBy.length) over.push('PARTITION BY ' + e.partitionBy.map((x) => this.expr(x)).join(', '));
        if (e.orderBy.length) over.push('ORDER BY ' + e.orderBy.map((x) => this.expr(x)).join(', '));
        const f = e.frame ?? { kind: 'running' };
        if (e.orderBy.length && f.kind === 'running') over.push('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
        if (f.kind === 'whole') over.push('ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING');
        if (f.kind === 'days_following') over.push(`RANGE BETWEEN CURRENT ROW AND ${this.d.dayInterval(intOrThrow(f.days))} FOLLOWING`);
        if (f.kind === 'days_preceding') over.push(`RANGE BETWEEN ${this.d.dayInterval(intOrThrow(f.days))} PRECEDING AND CURRENT ROW`);
        return `${this.expr(e.agg)} OVER (${over.join(' ')})`;
      }
      case 'exists':
        return `${e.negate ? 'NOT ' : ''}EXISTS (\n${this.query(e.query)}\n)`;
      case 'any':
        return `${this.expr(e.arg)} = ANY(${this.expr(e.array)})`;
      case 'scalar':
        return `(\n${this.query(e.query)}\n)`;
      case 'array':
        return `ARRAY[${e.items.map((x) => this.expr(x)).join(', ')}]`;
      case 'star':
        return '*';
    }
  }
}

function intOrThrow(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid LIMIT/OFFSET: ${n}`);
  return n;
}

/** A float literal as exact decimal text (no exponent), so both engines read the same value. */
function numberText(v: number): string {
  const s = String(v);
  return /e/i.test(s) ? v.toFixed(20).replace(/0+$/, '') : s;
}
