/**
 * A check that SQL typed in the SQL tab is one read-only statement (SELECT or WITH … SELECT) before it reaches
 * DuckDB-WASM. DuckDB enforces nothing itself here: the browser only holds the user's scoped cubes, but statements that
 * change tables, attach files or fetch URLs are refused. Positions are 0-based offsets into the text.
 */
export type SqlCheck = { ok: true; sql: string } | { ok: false; message: string; position: number };

const FORBIDDEN = /\b(insert|update|delete|merge|create|drop|alter|truncate|copy|attach|detach|install|load|pragma|set|reset|export|import|call|checkpoint|vacuum|use|grant|revoke|begin|commit|rollback|prepare|execute|deallocate)\b/i;
const FILE_FUNCS = /\b(read_\w+|glob|sniff_csv|parquet_\w+|httpfs\w*)\s*\(/i;

/** Blanks out comments and string literals (keeping offsets), so keywords inside them are not taken for commands. */
export function maskSql(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const j = end < 0 ? sql.length : end;
      out += ' '.repeat(j - i);
      i = j;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += c + ' '.repeat(Math.max(0, Math.min(j, sql.length) - i - 1)) + (j < sql.length ? c : '');
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function checkReadOnlySql(sql: string): SqlCheck {
  const masked = maskSql(sql);
  const trimmedEnd = masked.replace(/[\s;]+$/, '');
  if (!trimmedEnd.trim()) return { ok: false, message: '请输入一条 SELECT 查询', position: 0 };
  const semi = trimmedEnd.indexOf(';');
  if (semi >= 0) return { ok: false, message: '只能执行一条语句', position: semi };
  const first = /\S/.exec(masked)!.index;
  if (!/^(select|with|from|values|\()/i.test(masked.slice(first))) return { ok: false, message: '只允许只读查询（SELECT 或 WITH）', position: first };
  const bad = FORBIDDEN.exec(masked);
  if (bad) return { ok: false, message: `只读查询中不允许 ${bad[1].toUpperCase()}`, position: bad.index };
  const file = FILE_FUNCS.exec(masked);
  if (file) return { ok: false, message: `不允许读取文件或网络：${file[1]}`, position: file.index };
  return { ok: true, sql: sql.slice(0, trimmedEnd.length) };
}

/** Line and column (1-based) of an offset, for showing an error's position. */
export function lineCol(sql: string, position: number): { line: number; col: number } {
  const before = sql.slice(0, position).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** The position DuckDB reports in an error ("LINE 1: …" followed by a caret line), as an offset into the text. */
export function errorPosition(sql: string, message: string): number | null {
  const m = /LINE (\d+): (.*)\n(\s*)\^/.exec(message);
  if (!m) return null;
  const line = Number(m[1]);
  const shown = m[2];
  const caret = m[3].length - `LINE ${m[1]}: `.length;
  const lines = sql.split('\n');
  if (line < 1 || line > lines.length) return null;
  // DuckDB may show a window of a long line, prefixed with "..."; find the shown text in the line.
  const text = lines[line - 1];
  const core = shown.replace(/^\.\.\./, '').replace(/\.\.\.$/, '');
  const at = text.indexOf(core.slice(0, 20));
  const offsetInLine = (at >= 0 ? at : 0) + caret - (shown.startsWith('...') ? 3 : 0);
  return lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0) + Math.max(0, Math.min(offsetInLine, text.length));
}
