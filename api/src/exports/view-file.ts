import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fenToYuanString, type MetricFormat } from '../../../queries/index.ts';
import { buildPivot, headerGrid, type DimValue, type Pivot, type PivotRow } from '../../../queries/pivot.ts';
import { viewCubes, type ViewDefinition } from '../../../queries/views.ts';
import type { Db } from '../db/types.ts';
import { toCsv, type ExportColumn } from './table-file.ts';

/** Excel's row limit per sheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

const numFmt: Record<MetricFormat, string> = { fen: '#,##0.00', percent1: '0.0%', pp1: '0.0', count: '#,##0', hours1: '0.0' };
/** Metrics whose totals are sums of their rows (money and counts): written as SUBTOTAL formulas. */
const additive = (f: MetricFormat) => f === 'fen' || f === 'count';

/**
 * Runs a compiled view in the database for an export, in one transaction with room for its sorts and hash tables in
 * memory (the default 4 MB spills a 100,000-row view's grouping to temporary files) and without JIT, whose compiling
 * costs more than it saves on a query run once.
 */
export async function queryView(db: Db, q: { sql: string; params: readonly unknown[] }): Promise<Array<Record<string, unknown>>> {
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`);
    return tx.query<Record<string, unknown>>(q.sql, q.params);
  });
}

/** How a dimension value is shown: names for regions and units, yyyy-mm for months. */
export interface ValueLabels {
  region: Map<string, string>;
  agency: Map<string, string>;
}

export function labelOf(dim: string, v: DimValue, labels: ValueLabels, path: readonly DimValue[], rows: readonly string[]): string {
  if (v === null) return dim.startsWith('lvl') ? '本级' : '（空）';
  if (dim === 'month') return `${String(v).slice(0, 4)}-${String(v).slice(4)}`;
  if (dim.startsWith('lvl') || dim === 'mof_div_code') return labels.region.get(String(v)) ?? String(v);
  if (dim === 'agency_code') {
    const i = rows.indexOf('mof_div_code');
    const name = i >= 0 ? labels.agency.get(`${path[i]}:${v}`) : undefined;
    return name ? `${v} ${name}` : String(v);
  }
  return String(v);
}

function cellValue(format: MetricFormat, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (format === 'fen') {
    // Integer fen below 2^53: one division rounds to the same double as parsing the 元 string (both round n/100 once).
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isSafeInteger(n) ? n / 100 : Number(fenToYuanString(BigInt(String(v))));
  }
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export interface ViewFile {
  pivot: Pivot;
  /** Labels of the row-dimension columns and the header grid over the value columns. */
  rowHeaders: string[];
  header: ReturnType<typeof headerGrid>;
  metrics: Array<{ id: string; format: MetricFormat }>;
}

/** The pivot of a view's rows with its headers, ready to write. */
export function viewFile(view: ViewDefinition, rows: ReadonlyArray<Record<string, unknown>>, labels: ValueLabels): ViewFile {
  const cube = viewCubes[view.cube];
  const pivot = buildPivot(view, rows);
  const metrics = view.metrics.map((id) => {
    const m = cube.metrics.find((x) => x.id === id)!;
    return { id, format: m.format, label: m.label.zh + (m.format === 'fen' ? '（元）' : m.format === 'pp1' ? '（百分点）' : '') };
  });
  const header = headerGrid(pivot, view.columns.length, metrics, (level, v) => labelOf(view.columns[level], v, labels, [], []), (level) => (level === 0 ? '总计' : '小计'));
  const rowHeaders = view.rows.length ? view.rows.map((d) => cube.dimensions.find((x) => x.id === d)!.label.zh) : [''];
  return { pivot, rowHeaders, header, metrics };
}

function rowLabels(view: ViewDefinition, row: PivotRow, labels: ValueLabels): string[] {
  const out = view.rows.length ? view.rows.map(() => '') : [''];
  if (row.level === 0) out[0] = '总计';
  else {
    for (let i = 0; i < row.level; i++) out[i] = labelOf(view.rows[i], row.path[i], labels, row.path, view.rows);
    if (row.level < view.rows.length) out[row.level] = '小计';
  }
  return out;
}

const colName = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * Writes a view as an xlsx workbook to `out`, streamed through exceljs's WorkbookWriter: a title and as-of stamp, the
 * pivot headers with merged cells, a frozen header (rows and row labels), number formats (元 with two decimals,
 * percentages, points) and subtotal / total rows of money and counts as `SUBTOTAL(9, …)` formulas over the rows below
 * them (SUBTOTAL skips the nested subtotals in its range), subtotal / total columns as `SUM` of their leaf columns in
 * the row, each with the computed value cached. Rows beyond Excel's limit
 * continue on further sheets (headers repeated); a subtotal whose rows span sheets is written as a value.
 */
export async function writeViewXlsx(out: Writable, title: string, stamp: string, view: ViewDefinition, file: ViewFile, labels: ValueLabels, maxRows = EXCEL_MAX_ROWS): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = '财政驾驶舱';
  const { pivot, header, metrics } = file;
  const nLab = file.rowHeaders.length;
  const headerRows = 2 + header.length;
  const perSheet = maxRows - headerRows;
  const baseName = title.slice(0, 28).replace(/[\\/?*[\]:]/g, '_');
  // Where each row lands: sheet index and row number, and the last descendant row (for SUBTOTAL ranges).
  const place = pivot.rows.map((_, i) => ({ sheet: Math.floor(i / perSheet), row: headerRows + 1 + (i % perSheet) }));
  const lastDesc = new Array<number>(pivot.rows.length);
  for (let i = 0; i < pivot.rows.length; i++) {
    let j = i;
    const lv = pivot.rows[i].level;
    if (lv === 0) j = view.rows.length ? i - 1 : i; // the grand total sits after every row
    else while (j + 1 < pivot.rows.length && pivot.rows[j + 1].level > lv) j++;
    lastDesc[i] = j;
  }
  const firstDesc = (i: number) => (pivot.rows[i].level === 0 ? 0 : i + 1);

  // For each column, the leaf columns below it (a subtotal or total column of money or counts sums them in its row).
  const nC = view.columns.length;
  const leafIdx = pivot.columns.map((c) =>
    c.level === nC ? [] : pivot.columns.flatMap((x, k) => (x.level === nC && c.path.every((v, i) => x.path[i] === v) ? [k] : [])),
  );
  let ws: ExcelJS.Worksheet | null = null;
  const sheets = Math.max(1, Math.ceil(pivot.rows.length / perSheet));
  const openSheet = (s: number) => {
    ws?.commit();
    ws = wb.addWorksheet(sheets > 1 ? `${baseName.slice(0, 26)}-${s + 1}` : baseName, { views: [{ state: 'frozen', ySplit: headerRows, xSplit: nLab }] });
    ws.columns = [...file.rowHeaders.map(() => ({ width: 22 })), ...pivot.columns.flatMap(() => metrics.map((m) => ({ width: 16, style: { numFmt: numFmt[m.format] } })))];
    ws.addRow([title]).commit();
    ws.addRow([stamp]).commit();
    const headerRowsAdded = header.map((cells, i) => {
      const vals: Array<string | null> = [...file.rowHeaders.map((h) => (i === 0 ? h : null))];
      for (const c of cells) {
        vals[nLab + c.start] = c.text;
      }
      const row = ws!.addRow(vals);
      row.font = { bold: true };
      row.alignment = { horizontal: 'center', vertical: 'middle' };
      return row;
    });
    // Merges before the header rows are committed (a streamed row cannot be touched once written).
    for (const [i, cells] of header.entries()) for (const c of cells) if (c.span > 1) ws.mergeCells(3 + i, nLab + c.start + 1, 3 + i, nLab + c.start + c.span);
    if (header.length > 1) for (let k = 0; k < nLab; k++) ws.mergeCells(3, k + 1, 2 + header.length, k + 1);
    for (const row of headerRowsAdded) row.commit();
    return ws;
  };

  // One style object per value column and weight, shared by every data row: exceljs registers a cell's style once per
  // object (a WeakMap), and the objects it would make for each cell were each serialized and looked up again.
  const bold = { bold: true };
  const rowStyles = (strong: boolean): Array<Partial<ExcelJS.Style>> => [
    ...file.rowHeaders.map(() => (strong ? { font: bold } : {})),
    ...pivot.columns.flatMap(() => metrics.map((m) => (strong ? { numFmt: numFmt[m.format], font: bold } : { numFmt: numFmt[m.format] }))),
  ];
  const plainStyles = rowStyles(false);
  const boldStyles = rowStyles(true);
  // The rows' own styles (kept apart from the cells': exceljs registers a row's style as for a number, a text cell's as text).
  const plainRow: Partial<ExcelJS.Style> = {};
  const boldRow: Partial<ExcelJS.Style> = { font: bold };

  let sheet = -1;
  pivot.rows.forEach((row, i) => {
    if (place[i].sheet !== sheet) {
      sheet = place[i].sheet;
      openSheet(sheet);
    }
    const vals: unknown[] = rowLabels(view, row, labels);
    const subtotal = row.level < view.rows.length || (row.level === 0 && view.rows.length > 0);
    const from = firstDesc(i);
    const to = lastDesc[i];
    const formulaOk = subtotal && to >= from && place[from].sheet === place[i].sheet && place[to].sheet === place[i].sheet;
    let j = nLab;
    const rowNo = place[i].row;
    pivot.columns.forEach((c, ci) => {
      const cell = row.cells.get(c.key);
      metrics.forEach((m, mi) => {
        j++;
        const v = cellValue(m.format, cell?.[m.id]);
        if (formulaOk && additive(m.format)) {
          const L = colName(j);
          vals.push({ formula: `SUBTOTAL(9,${L}${place[from].row}:${L}${place[to].row})`, result: v ?? 0 });
        } else if (additive(m.format) && leafIdx[ci].length > 0 && leafIdx[ci].length <= 500) {
          const refs = leafIdx[ci].map((k) => `${colName(nLab + k * metrics.length + mi + 1)}${rowNo}`);
          vals.push({ formula: `SUM(${refs.join(',')})`, result: v ?? 0 });
        } else vals.push(v);
      });
    });
    // exceljs's types omit a row's own style, which it writes as the row's format.
    const r = ws!.addRow(vals) as ExcelJS.Row & { style: Partial<ExcelJS.Style> };
    const styles = subtotal ? boldStyles : plainStyles;
    r.style = subtotal ? boldRow : plainRow;
    for (let k = 0; k < vals.length; k++) r.getCell(k + 1).style = styles[k];
    r.commit();
  });
  if (!ws) openSheet(0);
  ws!.commit();
  await wb.commit();
}

/** Writes the pivot to a buffer (tests, small exports). */
export async function viewXlsxBuffer(title: string, stamp: string, view: ViewDefinition, file: ViewFile, labels: ValueLabels, maxRows?: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeViewXlsx(out, title, stamp, view, file, labels, maxRows);
  return Buffer.concat(chunks);
}

/** The pivot as CSV through the table exports' writer: header levels joined with " / ", money as 元 strings with two decimals. */
export function viewCsv(view: ViewDefinition, file: ViewFile, labels: ValueLabels): string {
  const { pivot, header, metrics } = file;
  const heads: string[] = Array.from({ length: pivot.columns.length * metrics.length }, () => '');
  for (const cells of header) for (const c of cells) for (let k = c.start; k < c.start + c.span; k++) if (c.text) heads[k] = heads[k] ? `${heads[k]} / ${c.text}` : c.text;
  const columns: ExportColumn[] = [
    ...file.rowHeaders.map((h, i) => ({ key: `r${i}`, header: h, kind: 'text' as const })),
    ...heads.map((h, k) => ({ key: `v${k}`, header: h, kind: metrics[k % metrics.length].format })),
  ];
  const rows = pivot.rows.map((row) => {
    const rec: Record<string, unknown> = {};
    rowLabels(view, row, labels).forEach((l, i) => (rec[`r${i}`] = l));
    let k = 0;
    for (const c of pivot.columns) {
      const cell = row.cells.get(c.key);
      for (const m of metrics) rec[`v${k++}`] = cell?.[m.id];
    }
    return rec;
  });
  return toCsv(columns, rows);
}
