import * as echarts from 'echarts';
import { formatMoney, formatPercent, roundHalfUp } from '../../../queries/index.ts';
import { statuses as warningStatuses, statusLabels as warningStatusLabels } from '../warnings/workflow.ts';
import { coverageOf, execFigures, gradeNames, rateOf, type ExecRow, type ReportData } from './figures.ts';
import { caliberNotes, perfTotal, reportTitle, sangongTotal, stamp, summarySentences, warningTotals } from './text.ts';

/** Text escaped for HTML content and attribute values. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (v: number | null) => formatPercent(v);
const pts = (v: number | null) => (v === null ? '—' : roundHalfUp(v, 1).toFixed(1));
const money = (fen: bigint) => formatMoney(fen);

/** One chart drawn on the server as SVG (ECharts SSR): no script in the page, prints crisply. */
function svgChart(option: echarts.EChartsCoreOption, width = 900, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function trendChart(d: ReportData): string {
  const months = d.trend.map((t) => `${t.month}月`);
  const r = (v: number | null) => (v === null ? null : roundHalfUp(v * 100, 1));
  return svgChart({
    title: { text: '累计执行率与序时进度（%）', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 50, right: 30, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', max: 100 },
    series: [
      { name: '本年执行率', type: 'line', data: d.trend.map((t) => r(t.rate)), label: { show: true, fontSize: 10 } },
      { name: '上年同期执行率', type: 'line', data: d.trend.map((t) => r(t.lastYearRate)), lineStyle: { type: 'dashed' } },
      { name: '序时进度', type: 'line', data: d.trend.map((t) => r(t.timeProgress)), lineStyle: { type: 'dotted' }, symbol: 'none' },
    ],
  });
}

function regionChart(d: ReportData): string {
  const rows = d.regions.filter((r) => r.depth <= 1);
  return svgChart({
    title: { text: '分地区执行率（%）', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 50, right: 100, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100 },
    series: [{
      type: 'bar', data: rows.map((r) => { const v = rateOf(r.cur); return v === null ? null : roundHalfUp(v * 100, 1); }), label: { show: true, position: 'top', fontSize: 10 },
      markLine: { symbol: 'none', data: [{ yAxis: roundHalfUp(d.timeProgress * 100, 1), name: '序时进度' }], label: { formatter: '序时进度 {c}' } },
    }],
  });
}

function funcChart(d: ReportData): string {
  const top = d.func.filter((r) => r.level === 'class').sort((a, b) => (b.cur.paid > a.cur.paid ? 1 : b.cur.paid < a.cur.paid ? -1 : 0)).slice(0, 10).reverse();
  return svgChart({
    title: { text: '支出前十的功能科目（类，万元）', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 170, right: 80, top: 40, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((r) => r.name) },
    series: [{ type: 'bar', data: top.map((r) => roundHalfUp(Number(r.cur.paid) / 1e6, 2)), label: { show: true, position: 'right', fontSize: 10 } }],
  }, 900, 340);
}

const execHead = '<th>预算数</th><th>支出数</th><th>执行率</th><th>进度偏差<br>（个百分点）</th><th>当月支出</th><th>上月末<br>执行率</th><th>较上月<br>（个百分点）</th><th>上年同期<br>支出数</th><th>上年同期<br>执行率</th><th>较上年同期<br>（个百分点）</th>';
function execCells(d: ReportData, r: ExecRow): string {
  const f = execFigures(d, r);
  return [money(r.cur.budget), money(r.cur.paid), pct(f.rate), pts(f.gap), money(r.monthPaid), pct(f.prev), pts(f.vsPrev), money(r.lastYear.paid), pct(f.lastYear), pts(f.vsLastYear)]
    .map((v) => `<td class="n">${v}</td>`).join('');
}
function table(head: string, body: string[]): string {
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}
const tr = (cls: string, cells: string) => `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;

/**
 * The report as one self-contained, print-styled HTML page (A4 landscape; table headers repeat on every page; charts
 * as inline SVG). Chromium renders it to PDF; any browser prints it.
 */
export function reportHtml(d: ReportData): string {
  const title = reportTitle(d);
  const sections: string[] = [];
  sections.push(`<section id="summary"><h2>一、说明</h2>${summarySentences(d).map((s) => `<p>${esc(s)}</p>`).join('')}
    <figure>${trendChart(d)}</figure></section>`);
  sections.push(`<section id="overall"><h2>二、总体执行</h2>${table(`<th>资金性质</th>${execHead}`, [
    ...d.funds.map((f) => tr('', `<td>${esc(f.name)}</td>${execCells(d, f)}`)),
    tr('total', `<td>合计</td>${execCells(d, d.total)}`),
  ])}</section>`);
  sections.push(`<section id="regions"><h2>三、分地区</h2><figure>${regionChart(d)}</figure>${table(`<th>区划</th><th>口径</th>${execHead}`, [
    ...d.regions.map((r) => tr(r.depth === 1 && r.hasChildren ? 'sub' : '', `<td class="d${r.depth}">${esc(r.name)}</td><td>${r.kind === 'own' ? '本级' : '汇总'}</td>${execCells(d, r)}`)),
    tr('total', `<td>${esc(d.org.total)}</td><td>合计</td>${execCells(d, d.total)}`),
  ])}</section>`);
  for (const [id, h, rows, extra] of [['func', '四、分功能科目', d.func, funcChart(d)], ['eco', '五、分经济分类', d.eco, '']] as const) {
    sections.push(`<section id="${id}"><h2>${h}</h2>${extra ? `<figure>${extra}</figure>` : ''}${table(`<th>代码</th><th>名称（类/款）</th>${execHead}`, [
      ...rows.map((r) => tr(r.level === 'class' ? 'sub' : '', `<td>${r.code}</td><td class="${r.level === 'item' ? 'd1' : ''}">${esc(r.name)}</td>${execCells(d, r)}`)),
      tr('total', `<td></td><td>合计</td>${execCells(d, d.total)}`),
    ])}</section>`);
  }
  sections.push(`<section id="sangong"><h2>六、三公经费</h2>${table(`<th>项目</th>${execHead}`, [
    ...d.sangong.rows.map((r) => tr('', `<td>${esc(r.name)}</td>${execCells(d, r)}`)),
    tr('total', `<td>合计</td>${execCells(d, sangongTotal(d))}`),
  ])}<p class="note">口径：经济分类款 30212、30217、30231、30913、31013，资金性质前缀 ${esc(d.sangong.fundPrefix)}。</p></section>`);
  const pt = perfTotal(d);
  const perfCells = (p: typeof pt) => {
    const c = coverageOf(p);
    return [String(p.k3Count), money(p.k3AmountFen), pct(c.goal), pct(c.monitor), String(p.prevK3Count), pct(c.eval), pct(c.self), pct(c.key)].map((v) => `<td class="n">${v}</td>`).join('');
  };
  sections.push(`<section id="perf"><h2>七、绩效目标与评价</h2>${table('<th>区划</th><th>特定目标类<br>项目数</th><th>项目金额</th><th>绩效目标<br>覆盖率</th><th>绩效监控<br>覆盖率</th><th>上年度<br>项目数</th><th>绩效评价<br>覆盖率</th><th>单位自评<br>覆盖率</th><th>重点评价<br>覆盖率</th>', [
    ...d.perf.map((p) => tr('', `<td>${esc(p.name)}</td>${perfCells(p)}`)),
    tr('total', `<td>${esc(d.org.total)}</td>${perfCells(pt)}`),
  ])}${table('<th>上年度评价等级</th><th>项目数</th><th>项目金额</th>', d.grades.map((g) => tr('', `<td>${gradeNames[g.grade]}</td><td class="n">${g.count}</td><td class="n">${money(g.amountFen)}</td>`)))}</section>`);
  const wt = warningTotals(d);
  sections.push(`<section id="warnings"><h2>八、风险预警</h2>${table(`<th>规则</th><th>规则名称</th>${warningStatuses.map((s) => `<th>${warningStatusLabels[s]}</th>`).join('')}<th>合计</th><th>其中已消除</th><th>涉及金额</th>`, [
    ...d.warnings.map((w) => tr('', `<td>${w.ruleId}</td><td>${esc(w.ruleName)}</td>${warningStatuses.map((s) => `<td class="n">${w.byStatus[s]}</td>`).join('')}<td class="n">${warningStatuses.reduce((a, s) => a + w.byStatus[s], 0)}</td><td class="n">${w.resolved}</td><td class="n">${money(w.amountFen)}</td>`)),
    tr('total', `<td></td><td>合计</td>${warningStatuses.map((s) => `<td class="n">${wt.byStatus[s]}</td>`).join('')}<td class="n">${wt.all}</td><td class="n">${wt.resolved}</td><td class="n">${money(wt.amountFen)}</td>`),
  ])}</section>`);
  sections.push(`<section id="lagging"><h2>九、滞后单位清单</h2>${d.lagging.units.length === 0 ? '<p>无滞后单位。</p>' : table('<th>序号</th><th>区划</th><th>单位代码</th><th>单位名称</th><th>主管部门</th><th>预算数</th><th>支出数</th><th>执行率</th><th>进度偏差<br>（个百分点）</th>',
    d.lagging.units.map((u, i) => tr('', `<td class="n">${i + 1}</td><td>${esc(u.mofDivName)}</td><td>${u.agencyCode}</td><td>${esc(u.agencyName)}</td><td>${esc(u.deptName)}</td><td class="n">${money(u.budget)}</td><td class="n">${money(u.paid)}</td><td class="n">${pct(u.rate)}</td><td class="n">${pts(u.gapPp)}</td>`)))}
    <p class="note">口径：进度偏差 ≤ ${d.lagging.orangeGapPp} 个百分点且预算数 ≥ ${d.lagging.minBudgetYuan} 元的预算单位。</p></section>`);
  sections.push(`<section id="caliber"><h2>口径说明</h2>${caliberNotes(d).map((s) => `<p class="note">${esc(s)}</p>`).join('')}</section>`);

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 277mm; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid #1f4e8c; padding-bottom: 1mm; margin: 6mm 0 3mm; break-after: avoid; }
.stamp { text-align: center; color: #555; font-size: 9pt; margin-bottom: 4mm; }
p { line-height: 1.6; margin: 1.5mm 0; text-indent: 2em; }
p.note { font-size: 8.5pt; color: #444; text-indent: 0; }
section { break-inside: auto; }
section + section { break-before: page; }
section#caliber { break-before: auto; }
figure { margin: 2mm 0; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 2mm 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #e8eef7; border: 0.5pt solid #888; padding: 1mm; font-weight: bold; }
td { border: 0.5pt solid #aaa; padding: 0.8mm 1mm; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.d1 { padding-left: 4mm; } td.d2 { padding-left: 8mm; }
tr.sub td { font-weight: bold; background: #f6f8fb; }
tr.total td { font-weight: bold; background: #eef2f8; border-top: 1pt solid #333; }
@media screen { body { padding: 10mm; } }
</style></head>
<body>
<h1>${esc(title)}</h1>
<div class="stamp">${esc(stamp(d))}</div>
${sections.join('\n')}
</body></html>`;
}
