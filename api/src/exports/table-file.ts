import ExcelJS from 'exceljs';
import { fenToYuanString, type MetricFormat } from '../../../queries/index.ts';

/** One column of an exported table: a Chinese header, and how its values are written. */
export interface ExportColumn {
  key: string;
  header: string;
  kind: 'text' | MetricFormat;
}

const numFmt: Record<string, string> = { fen: '#,##0.00', percent1: '0.0%', pp1: '0.0', count: '#,##0', hours1: '0.0' };

/** A cell value: money (fen) as a number of 元, ratios as numbers (Excel formats them), everything else as text. */
function cellValue(kind: ExportColumn['kind'], v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (kind === 'text') return String(v);
  if (kind === 'fen') return Number(fenToYuanString(BigInt(String(v))));
  return Number(v);
}

/**
 * An xlsx workbook with Chinese headers, number formats kept (元 with two decimals, percentages), a frozen header row,
 * a title and the data's as-of stamp. Streams rows through exceljs's WorkbookWriter.
 */
export async function toXlsx(title: string, stamp: string, columns: ExportColumn[], rows: Array<Record<string, unknown>>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = '财政驾驶舱';
  const ws = wb.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'), { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: Math.max(10, Math.min(40, c.header.length * 2 + 4)), style: c.kind === 'text' ? {} : { numFmt: numFmt[c.kind] } }));
  ws.addRow([title]).commit();
  ws.addRow([stamp]).commit();
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(c.kind, r[c.key]))).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** CSV with a UTF-8 BOM (so Excel opens Chinese correctly): money as 元 strings with two decimals. */
export function toCsv(columns: ExportColumn[], rows: Array<Record<string, unknown>>): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => esc(c.header)).join(',')];
  for (const r of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = r[c.key];
          if (v === null || v === undefined) return '';
          if (c.kind === 'fen') return fenToYuanString(BigInt(String(v)));
          return esc(String(v));
        })
        .join(','),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
