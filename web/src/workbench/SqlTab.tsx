import { useState } from 'react';
import { withConnection } from '../data/duckdb.ts';
import { ensureTablesFor } from '../data/lazy-tables.ts';
import { checkReadOnlySql, errorPosition, lineCol } from './sql-guard.ts';
import type { TextKey } from './text.ts';

const SHOWN = 1000;

/**
 * Read-only SQL over the tables loaded in the browser (only the user's scoped data is there): one SELECT / WITH
 * statement, checked before it runs; errors — ours or DuckDB's — are shown inline with their line and column.
 */
export function SqlTab({ tables, initial, t }: { tables: string[]; initial: string; t: (k: TextKey) => string }) {
  const [sql, setSql] = useState(initial);
  const [state, setState] = useState<{ status: 'idle' | 'running' | 'ok' | 'error'; columns?: string[]; rows?: unknown[][]; total?: number; error?: string; position?: number | null; ms?: number }>({ status: 'idle' });
  const run = async () => {
    const check = checkReadOnlySql(sql);
    if (!check.ok) return setState({ status: 'error', error: check.message, position: check.position });
    setState({ status: 'running' });
    const t0 = performance.now();
    try {
      await ensureTablesFor(check.sql); // a cube or rollup not loaded yet is fetched first
      const table = await withConnection((conn) => conn.query(check.sql));
      const columns = table.schema.fields.map((f) => f.name);
      const rows = table.toArray().slice(0, SHOWN).map((r: { toJSON(): Record<string, unknown> }) => {
        const o = r.toJSON();
        return columns.map((c) => o[c]);
      });
      setState({ status: 'ok', columns, rows, total: table.numRows, ms: performance.now() - t0 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setState({ status: 'error', error: message, position: errorPosition(sql, message) });
    }
  };
  const pos = state.status === 'error' && state.position !== null && state.position !== undefined ? lineCol(sql, state.position) : null;
  return (
    <div className="wb-sql" data-testid="wb-sql">
      <p className="wb-muted">
        {t('sqlHint')}
        {tables.map((x) => (
          <code key={x}>{x} </code>
        ))}
      </p>
      <textarea
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        spellCheck={false}
        rows={8}
        data-testid="wb-sql-input"
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') void run();
        }}
      />
      <div className="wb-inline">
        <button type="button" onClick={() => void run()} data-testid="wb-sql-run" disabled={state.status === 'running'}>
          {state.status === 'running' ? t('running') : t('run')}
        </button>
        {state.status === 'ok' && (
          <span className="wb-muted" data-testid="wb-sql-count" data-count={state.total}>
            {state.total} {t('rowsShown')} · {state.ms!.toFixed(0)} ms
          </span>
        )}
      </div>
      {state.status === 'error' && (
        <div className="wb-error" role="alert" data-testid="wb-sql-error" data-line={pos?.line ?? ''} data-col={pos?.col ?? ''}>
          {pos && (
            <strong>
              {t('errorAt')} {pos.line}:{pos.col} —{' '}
            </strong>
          )}
          <pre>{state.error}</pre>
          {pos && (
            <pre className="wb-caret">
              {sql.split('\n')[pos.line - 1]}
              {'\n'}
              {' '.repeat(pos.col - 1)}^
            </pre>
          )}
        </div>
      )}
      {state.status === 'ok' && (
        <div className="wb-sql-result">
          <table>
            <thead>
              <tr>
                {state.columns!.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {state.rows!.map((r, i) => (
                <tr key={i} data-testid="wb-sql-row">
                  {r.map((v, j) => (
                    <td key={j}>{v === null || v === undefined ? '' : String(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
