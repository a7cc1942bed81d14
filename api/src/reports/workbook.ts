import ExcelJS from 'exceljs';
import { formatMoney, formatPercent } from '../../../queries/index.ts';
import { statuses as warningStatuses, statusLabels as warningStatusLabels } from '../warnings/workflow.ts';
import { coverageOf, execFigures, gradeNames, type ExecRow, type ReportData } from './figures.ts';
import { caliberNotes, perfTotal, reportTitle, sangongTotal, stamp, summarySentences, warningTotals } from './text.ts';

/** Number formats of the report's cells. */
export const formats = { wan: '#,##0.00', percent: '0.0%', pp: '0.0', count: '#,##0' } as const;

/** 万元 as an unrounded number (the cell keeps the exact value; the format shows two decimals). */
export const wan = (fen: bigint) => Number(fen) / 1_000_000;
/** Hundredths of 万元, rounded half-up on integers: what a 万元 cell with two decimals shows. */
const shown = (fen: bigint) => {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const q = a / 10_000n + ((a % 10_000n) * 2n >= 10_000n ? 1n : 0n);
  return neg ? -q : q;
};

type Kind = 'text' | 'wan' | 'percent' | 'pp' | 'count';
interface Col {
  header: string;
  kind: Kind;
  width?: number;
}

/** The execution columns shared by 总体执行, 分地区, 分功能科目, 分经济分类 and 三公经费 (after the label columns). */
const execCols: Col[] = [
  { header: '预算数', kind: 'wan' }, { header: '支出数', kind: 'wan' }, { header: '执行率', kind: 'percent' },
  { header: '进度偏差（个百分点）', kind: 'pp' }, { header: '当月支出', kind: 'wan' }, { header: '上月末执行率', kind: 'percent' },
  { header: '较上月（个百分点）', kind: 'pp' }, { header: '上年同期支出数', kind: 'wan' }, { header: '上年同期执行率', kind: 'percent' },
  { header: '较上年同期（个百分点）', kind: 'pp' }, { header: '支出同比增长', kind: 'percent' },
];
/** Which exec columns hold money (summed by formula in total rows). */
const moneyIdx = [0, 1, 4, 7];

function execValues(d: ReportData, r: ExecRow): Array<number | null> {
  const f = execFigures(d, r);
  return [wan(r.cur.budget), wan(r.cur.paid), f.rate, f.gap, wan(r.monthPaid), f.prev, f.vsPrev, wan(r.lastYear.paid), f.lastYear, f.vsLastYear, f.growth];
}
const execFen = (r: ExecRow) => [r.cur.budget, r.cur.paid, r.monthPaid, r.lastYear.paid];

const colLetter = (i: number) => {
  let s = '';
  for (let n = i; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** One sheet: title, as-of stamp, a header row, frozen panes, A4 landscape, repeated header rows, page numbers. */
class Sheet {
  readonly ws: ExcelJS.Worksheet;
  private readonly cols: Col[];
  /** The next row number to write. */
  next = 4;
  constructor(wb: ExcelJS.Workbook, readonly d: ReportData, name: string, cols: Col[], xSplit = 0) {
    this.cols = cols;
    this.ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit, ySplit: 3, topLeftCell: `${colLetter(xSplit + 1)}4`, activeCell: 'A4' }],
      pageSetup: {
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
        printTitlesRow: '1:3', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddHeader: `&L${reportTitle(d)}&R${name}`, oddFooter: `&L数据截至 ${d.dataAsOf}&C第 &P 页，共 &N 页` },
    });
    this.ws.columns = cols.map((c) => ({ width: c.width ?? (c.kind === 'text' ? 14 : 13), style: c.kind === 'text' ? {} : { numFmt: formats[c.kind] } }));
    const title = this.ws.getRow(1);
    title.getCell(1).value = `${reportTitle(d)} — ${name}`;
    title.font = { bold: true, size: 14 };
    this.ws.getRow(2).getCell(1).value = stamp(d);
    this.ws.getRow(2).font = { size: 9, color: { argb: 'FF555555' } };
    const header = this.ws.getRow(3);
    cols.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
    });
  }

  /** Writes a row of values; money is unrounded 万元. Returns its row number. */
  row(values: Array<string | number | null | ExcelJS.CellFormulaValue>, opts: { bold?: boolean; indent?: number } = {}): number {
    const n = this.next++;
    const row = this.ws.getRow(n);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v === null || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
      if (this.cols[i] && this.cols[i].kind !== 'text') cell.numFmt = formats[this.cols[i].kind as Exclude<Kind, 'text'>];
    });
    if (opts.bold) row.font = { bold: true };
    if (opts.indent) row.getCell(2).alignment = { indent: opts.indent };
    return n;
  }

  /** A note under the table (尾差, 口径). */
  note(text: string) {
    this.next++;
    const n = this.next++;
    this.ws.getRow(n).getCell(1).value = text;
    this.ws.getRow(n).font = { size: 9, italic: true };
  }

  /** Sum formula over `rows` in column `c` (1-based), with its exact result. */
  static sum(c: number, rows: number[], result: number): ExcelJS.CellFormulaValue {
    const L = colLetter(c);
    const contiguous = rows.every((r, i) => i === 0 || r === rows[i - 1] + 1);
    const formula = rows.length === 0 ? '0' : contiguous ? `SUM(${L}${rows[0]}:${L}${rows[rows.length - 1]})` : rows.map((r) => `${L}${r}`).join('+');
    return { formula, result, date1904: false };
  }
}

/** A 尾差 note when the rounded parts of a total do not add up to the rounded total, for each money column. */
function tailNote(parts: bigint[][], total: bigint[], names: string[]): string | null {
  const diffs: string[] = [];
  total.forEach((t, j) => {
    const sumShown = parts.reduce((s, p) => s + shown(p[j]), 0n);
    const diff = shown(t) - sumShown;
    if (diff !== 0n) diffs.push(`${names[j]}${diff > 0n ? '+' : '-'}${formatMoney((diff < 0n ? -diff : diff) * 10_000n)}万元`);
  });
  return diffs.length ? `注：金额按万元四舍五入显示，分项之和与合计存在尾差（合计减分项：${diffs.join('，')}），合计以精确值为准。` : null;
}
const moneyNames = ['预算数', '支出数', '当月支出', '上年同期支出数'];

/**
 * Writes a table of execution rows with total rows as SUM formulas. `rows` carry a `parent` index: rows with a parent
 * are summed into it; rows without one are summed into the grand total.
 */
function execTable(s: Sheet, d: ReportData, labelCount: number, rows: Array<{ labels: string[]; data: ExecRow; parent: number | null; bold?: boolean; indent?: number }>, total: ExecRow, totalLabel: string[]) {
  const rowNo: number[] = [];
  const kids = new Map<number, number[]>();
  rows.forEach((r, i) => {
    if (r.parent !== null) kids.set(r.parent, [...(kids.get(r.parent) ?? []), i]);
  });
  // Row numbers first (parents precede their children), then values with formulas referring to them.
  rows.forEach((_, i) => (rowNo[i] = s.next + i));
  rows.forEach((r, i) => {
    const vals: Array<string | number | null | ExcelJS.CellFormulaValue> = [...r.labels, ...execValues(d, r.data)];
    const myKids = kids.get(i);
    if (myKids?.length) {
      const fen = execFen(r.data);
      moneyIdx.forEach((k, j) => (vals[labelCount + k] = Sheet.sum(labelCount + k + 1, myKids.map((x) => rowNo[x]), wan(fen[j]))));
    }
    s.row(vals, { bold: r.bold ?? !!myKids?.length, indent: r.indent });
  });
  const top = rows.map((r, i) => (r.parent === null ? i : -1)).filter((i) => i >= 0);
  const vals: Array<string | number | null | ExcelJS.CellFormulaValue> = [...totalLabel, ...execValues(d, total)];
  const fen = execFen(total);
  moneyIdx.forEach((k, j) => (vals[labelCount + k] = Sheet.sum(labelCount + k + 1, top.map((x) => rowNo[x]), wan(fen[j]))));
  s.row(vals, { bold: true });
  // 尾差: each total against the rows summed into it.
  const notes = new Set<string>();
  for (const [p, ks] of kids) {
    const n = tailNote(ks.map((k) => execFen(rows[k].data)), execFen(rows[p].data), moneyNames);
    if (n) notes.add(`${rows[p].labels.join(' ')}：${n}`);
  }
  const n = tailNote(top.map((k) => execFen(rows[k].data)), fen, moneyNames);
  if (n) notes.add(`${totalLabel.join('')}：${n}`);
  for (const t of notes) s.note(t);
}

/** The monthly execution analysis workbook (月度预算执行分析报告). */
export async function writeWorkbook(d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '财政驾驶舱';
  wb.title = reportTitle(d);
  wb.created = new Date(`${d.dataAsOf}T00:00:00+08:00`);

  // 说明
  const intro = new Sheet(wb, d, '说明', [{ header: '分析说明', kind: 'text', width: 150 }]);
  for (const t of summarySentences(d)) {
    const n = intro.row([t]);
    intro.ws.getRow(n).alignment = { wrapText: true, vertical: 'top' };
  }
  intro.next++;
  intro.row(['口径说明'], { bold: true });
  for (const t of caliberNotes(d)) intro.ws.getRow(intro.row([t])).alignment = { wrapText: true };

  // 总体执行
  const overall = new Sheet(wb, d, '总体执行', [{ header: '资金性质代码', kind: 'text', width: 12 }, { header: '资金性质', kind: 'text', width: 18 }, ...execCols], 2);
  execTable(overall, d, 2, d.funds.map((f) => ({ labels: [f.code, f.name], data: f, parent: null })), d.total, ['', '合计']);
  overall.note(`序时进度 ${formatPercent(d.timeProgress)}；上月末序时进度 ${formatPercent(d.prevTimeProgress)}；上年同期序时进度 ${formatPercent(d.lastYearTimeProgress)}。`);

  // 分地区
  const reg = new Sheet(wb, d, '分地区', [{ header: '区划代码', kind: 'text', width: 12 }, { header: '区划名称', kind: 'text', width: 18 }, { header: '口径', kind: 'text', width: 6 }, ...execCols], 3);
  const regRows: Parameters<typeof execTable>[3] = [];
  let parent: number | null = null;
  for (const r of d.regions) {
    if (r.depth <= 1) parent = null;
    const i = regRows.length;
    regRows.push({ labels: [r.code, r.name, r.kind === 'own' ? '本级' : '汇总'], data: r, parent: r.depth === 2 ? parent : null, indent: r.depth });
    if (r.depth === 1 && r.hasChildren) parent = i;
  }
  execTable(reg, d, 3, regRows, d.total, [d.org.code, d.org.total, '合计']);

  // 分功能科目 / 分经济分类 (类 → 款)
  for (const [name, rows, head] of [['分功能科目', d.func, '功能分类'], ['分经济分类', d.eco, '经济分类']] as const) {
    const s = new Sheet(wb, d, name, [{ header: `${head}代码`, kind: 'text', width: 12 }, { header: `${head}名称（类/款）`, kind: 'text', width: 24 }, ...execCols], 2);
    let cls = 0;
    execTable(s, d, 2, rows.map((r, i) => {
      if (r.level === 'class') cls = i;
      return { labels: [r.code, r.name], data: r, parent: r.level === 'item' ? cls : null, indent: r.level === 'item' ? 1 : 0 };
    }), d.total, ['', '合计']);
  }

  // 三公经费
  const sg = new Sheet(wb, d, '三公经费', [{ header: '经济分类（款）', kind: 'text', width: 14 }, { header: '项目', kind: 'text', width: 20 }, ...execCols], 2);
  execTable(sg, d, 2, d.sangong.rows.map((r) => ({ labels: [r.code, r.name], data: r, parent: null })), sangongTotal(d), ['', '合计']);
  sg.note(`三公经费口径：经济分类款 30212、30217、30231、30913、31013，资金性质前缀 ${d.sangong.fundPrefix}（${d.sangong.fundPrefix === '1' ? '财政拨款' : '一般公共预算'}）。`);

  // 绩效目标与评价
  const perf = new Sheet(wb, d, '绩效目标与评价', [
    { header: '区划代码', kind: 'text', width: 12 }, { header: '区划名称', kind: 'text', width: 18 },
    { header: '特定目标类项目数', kind: 'count' }, { header: '项目金额', kind: 'wan' }, { header: '已设绩效目标项目数', kind: 'count' }, { header: '绩效目标覆盖率', kind: 'percent' },
    { header: '目标覆盖率（按金额）', kind: 'percent' }, { header: '已开展监控项目数', kind: 'count' }, { header: '绩效监控覆盖率', kind: 'percent' },
    { header: '上年度特定目标类项目数', kind: 'count' }, { header: '上年度已评价项目数', kind: 'count' }, { header: '绩效评价覆盖率', kind: 'percent' },
    { header: '单位自评覆盖率', kind: 'percent' }, { header: '重点评价覆盖率', kind: 'percent' },
  ], 2);
  const perfVals = (p: ReturnType<typeof perfTotal>) => {
    const c = coverageOf(p);
    return [
      Number(p.k3Count), wan(p.k3AmountFen), Number(p.goalCount), c.goal, c.goalAmount, Number(p.monitoredCount),
      c.monitor, Number(p.prevK3Count), Number(p.evalCount), c.eval, c.self, c.key,
    ];
  };
  const perfRows = d.perf.map((p) => perf.row([p.code, p.name, ...perfVals(p)]));
  const pt = perfTotal(d);
  const ptv: Array<number | null | ExcelJS.CellFormulaValue | string> = [d.org.code, d.org.total, ...perfVals(pt)];
  for (const [i, v] of [[2, Number(pt.k3Count)], [3, wan(pt.k3AmountFen)], [4, Number(pt.goalCount)], [7, Number(pt.monitoredCount)], [9, Number(pt.prevK3Count)], [10, Number(pt.evalCount)]] as const) {
    ptv[i] = Sheet.sum(i + 1, perfRows, v);
  }
  perf.row(ptv, { bold: true });
  const pn = tailNote(d.perf.map((p) => [p.k3AmountFen]), [pt.k3AmountFen], ['项目金额']);
  if (pn) perf.note(pn);
  perf.next++;
  perf.row(['', '上年度评价等级分布'], { bold: true });
  perf.row(['等级', '', '项目数', '项目金额'], { bold: true });
  const gradeRows = d.grades.map((g) => perf.row([g.grade, gradeNames[g.grade], Number(g.count), wan(g.amountFen)]));
  const gc = d.grades.reduce((a, g) => a + g.count, 0n);
  const ga = d.grades.reduce((a, g) => a + g.amountFen, 0n);
  perf.row(['', '合计', Sheet.sum(3, gradeRows, Number(gc)), Sheet.sum(4, gradeRows, wan(ga))], { bold: true });
  perf.note('绩效目标、监控覆盖率为当年特定目标类项目（项目类别3）；评价覆盖率为上一年度特定目标类项目（评价在次年开展）。等级：优[90,100]、良[80,90)、中[60,80)、差[0,60)（财预〔2020〕10号）。');

  // 风险预警
  const warn = new Sheet(wb, d, '风险预警', [
    { header: '规则', kind: 'text', width: 8 }, { header: '规则名称', kind: 'text', width: 22 },
    ...warningStatuses.map((s) => ({ header: warningStatusLabels[s], kind: 'count' as const })), { header: '合计', kind: 'count' }, { header: '其中已消除', kind: 'count' }, { header: '涉及金额', kind: 'wan' },
  ], 2);
  const wRows: number[] = [];
  for (const w of d.warnings) {
    const n = warn.next;
    const all = warningStatuses.reduce((a, s) => a + w.byStatus[s], 0);
    wRows.push(warn.row([w.ruleId, w.ruleName, ...warningStatuses.map((s) => w.byStatus[s]), { formula: `SUM(C${n}:F${n})`, result: all, date1904: false }, w.resolved, wan(w.amountFen)]));
  }
  const wt = warningTotals(d);
  warn.row(['', '合计', ...warningStatuses.map((s, i) => Sheet.sum(3 + i, wRows, wt.byStatus[s])), Sheet.sum(7, wRows, wt.all), Sheet.sum(8, wRows, wt.resolved), Sheet.sum(9, wRows, wan(wt.amountFen))], { bold: true });
  warn.note(`统计 ${Math.floor(d.month / 100)}年${d.month % 100}月末及以前首次发现的预警，按规则与报告生成时的处理状态（待核实 → 确认违规/核实正常 → 已整改）；已消除为规则不再命中的预警。`);

  // 滞后单位清单
  const lag = new Sheet(wb, d, '滞后单位清单', [
    { header: '序号', kind: 'count', width: 6 }, { header: '区划代码', kind: 'text', width: 12 }, { header: '区划名称', kind: 'text', width: 16 },
    { header: '单位代码', kind: 'text', width: 10 }, { header: '单位名称', kind: 'text', width: 28 }, { header: '主管部门', kind: 'text', width: 14 },
    { header: '预算数', kind: 'wan' }, { header: '支出数', kind: 'wan' }, { header: '执行率', kind: 'percent' }, { header: '进度偏差（个百分点）', kind: 'pp' },
  ], 5);
  d.lagging.units.forEach((u, i) => lag.row([i + 1, u.mofDivCode, u.mofDivName, u.agencyCode, u.agencyName, u.deptName, wan(u.budget), wan(u.paid), u.rate, u.gapPp]));
  if (d.lagging.units.length === 0) lag.row([null, '无滞后单位']);
  lag.note(`口径：进度偏差 ≤ ${d.lagging.orangeGapPp} 个百分点且预算数 ≥ ${d.lagging.minBudgetYuan} 元的预算单位（规则 R01 的阈值），按偏差从大到小排列。`);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
