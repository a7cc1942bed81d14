/** The pure option builders, one per chart kind: what each draws, from figures worked out by hand. */
import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { LABEL_GAP, labelHeight, textWidth, valueTickLabels, widestLabel } from '../web/src/charts/axis-space.ts';
import { barOption, fittingBars, type SeriesSpec } from '../web/src/charts/bar-option.ts';
import { gaugeOption } from '../web/src/charts/gauge-option.ts';
import { heatmapOption } from '../web/src/charts/heatmap-option.ts';
import { alignTo, lineOption, type LineSeries } from '../web/src/charts/line-option.ts';
import { pieOption } from '../web/src/charts/pie-option.ts';
import { colors, palette, severityColors } from '../web/src/charts/theme.ts';
import { tooltipHtml } from '../web/src/charts/tooltip.ts';
import type { Category } from '../web/src/dashboards/categories.ts';
import { formatAxisTick } from '../web/src/dashboards/metric-value.ts';

// A minimal view of the option for assertions (EChartsOption's unions are too wide to index directly).
type Loose = Record<string, any>;

const rate: SeriesSpec = { id: 'execution_rate', name: '预算执行率', format: 'percent1' };
const tp: SeriesSpec = { id: 'time_progress', name: '序时进度', format: 'percent1' };
const budget: SeriesSpec = { id: 'budget', name: '预算数', format: 'fen' };
const paid: SeriesSpec = { id: 'paid', name: '支出数', format: 'fen' };
const gap: SeriesSpec = { id: 'progress_gap', name: '进度偏差', format: 'pp1' };
const count: SeriesSpec = { id: 'warning_count', name: '预警数', format: 'count' };

const region = (key: string, label: string, r: number | null, g: number | null, kind: 'child' | 'own' = 'child'): Category => ({
  key: kind === 'own' ? `own:${key}` : key,
  label,
  pick: kind === 'own' ? { kind: 'own', org: key } : { kind: 'child', code: key },
  values: { execution_rate: r, time_progress: 304 / 365, progress_gap: g, budget: 123_456_789n, paid: r === null ? 0n : 100_000_000n },
});
// In the slice's order (sorted by execution rate in SQL); the 本级 row among them.
const regions: Category[] = [
  region('660100000', '第一师', 0.838, 0.5),
  region('660000000', '兵团本级', 0.829, -0.4, 'own'),
  region('660400000', '第四师', 0.6, -23.3),
  region('660500000', '第五师', 0.5, -33.3),
  region('660300000', '第三师', null, null),
];

describe('axis room (margins instead of ECharts measuring labels on each update)', () => {
  it('estimates text without a canvas: a CJK character one font size, others 0.6', () => {
    expect(textWidth('第一师', 10)).toBe(30);
    expect(textWidth('100%', 10)).toBe(24);
    expect(textWidth('205 教育支出', 10)).toBeCloseTo(3 * 6 + 6 + 4 * 10);
  });

  it('takes the widest label, at most the truncation width', () => {
    expect(widestLabel(['第一师', '兵团本级'], 10)).toBe(40);
    expect(widestLabel(['第一师', '新疆生产建设兵团第十四师昆玉市本级'], 10, 90)).toBe(90);
    expect(widestLabel([], 10)).toBe(0);
  });

  it('lists the ticks ECharts draws from 0 past the largest value, formatted as the axis formats them', () => {
    // A rate axis runs to 100% at least: steps of 20%.
    expect(valueTickLabels(1, 'percent1')).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    // 1.37 → steps of 0.3 (1.37 / 5 = 0.274, rounded to 3 × 10⁻¹), the last nice tick 150% past the value. (A rate axis
    // fixes its max, so ECharts ends on 137% instead: the prediction is as wide, never narrower.)
    expect(valueTickLabels(1.37, 'percent1')).toEqual(['0%', '30%', '60%', '90%', '120%', '150%']);
    // 12,345.6 万元 → 2,469 rounded to steps of 2,000, up to 14,000.
    expect(valueTickLabels(12_345.6, 'fen')).toEqual(['0', '2,000', '4,000', '6,000', '8,000', '10,000', '12,000', '14,000']);
    expect(valueTickLabels(0, 'count')).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it('a bar chart’s left margin holds its widest category name; no label layout is left to ECharts', () => {
    const o = barOption(regions, { series: [rate], unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    // 兵团本级: four characters at 0.85 × 20 px.
    expect(o.grid.left).toBe(20 * 0.5 + 4 * 17 + LABEL_GAP);
    expect(o.grid.bottom).toBe(20 * 0.8 + labelHeight(16) + LABEL_GAP);
    expect(o.grid.outerBoundsMode).toBe('none');
    expect(o.grid.containLabel).toBeUndefined();
  });

  it('a bar chart’s category room stops at the nine font sizes where ECharts truncates a name', () => {
    const long = region('660100000', '新疆生产建设兵团第一师阿拉尔市本级单位', 0.5, 0);
    const o = barOption([long], { series: [rate], unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    expect(o.grid.left).toBe(10 + 9 * 20 + LABEL_GAP);
    expect(o.yAxis.axisLabel.width).toBe(9 * 20);
    expect(o.yAxis.axisLabel.overflow).toBe('truncate');
  });

  it('a bar chart with a second axis has its labels’ line above the plot, and fits bars to what is left', () => {
    const o = barOption(regions, { series: [rate, budget], unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    // Legend 2.2 font sizes, the second axis's name 1.6 and a line of its labels.
    const top = 20 * 2.2 + 20 * 1.6 + labelHeight(16) + LABEL_GAP;
    expect(o.grid.top).toBeCloseTo(top);
    const bottom = 20 * 0.8 + labelHeight(16) + LABEL_GAP;
    // A 400 px box: (400 − top − bottom) over bands of (1.25 + 0.35) font sizes.
    expect(fittingBars(400, 20, 2, true)).toBe(Math.floor((400 - top - bottom) / 32));
    expect(fittingBars(400, 20, 2, true)).toBe(7);
  });

  it('a line chart’s left margin holds its value axis’s widest tick, from the data drawn', () => {
    const x = ['1月', '2月'];
    const o = lineOption(x, [{ name: '执行率', format: 'percent1', role: 'main', values: [0.4, 12] }], { unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    // 12 → steps of 2 up to 1200%: five characters at 16 px, 0.6 each.
    expect(valueTickLabels(12, 'percent1').at(-1)).toBe('1200%');
    expect(o.grid.left).toBeCloseTo(10 + 5 * 0.6 * 16 + LABEL_GAP);
    const low = lineOption(x, [{ name: '执行率', format: 'percent1', role: 'main', values: [0.4, 0.6] }], { unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    // Up to 100%: four characters.
    expect(low.grid.left).toBeCloseTo(10 + 4 * 0.6 * 16 + LABEL_GAP);
    expect(o.grid.outerBoundsMode).toBe('none');
  });

  it('a money axis’s room follows the unit switch (元 ticks are far wider than 亿元 ones)', () => {
    const x = ['1月', '2月'];
    // 123,456,789.00 元 in fen.
    const s: LineSeries[] = [{ name: '支出数', format: 'fen', role: 'main', values: [12_345_678_900n, 0n] }];
    const yuan = lineOption(x, s, { unit: 'yuan', lang: 'zh', fontSize: 20 }) as Loose;
    const yi = lineOption(x, s, { unit: 'yi', lang: 'zh', fontSize: 20 }) as Loose;
    // 元: 123,456,789 / 5 = 24,691,358 → steps of 20,000,000 up to 140,000,000 (eleven characters).
    expect(valueTickLabels(123_456_789, 'fen').at(-1)).toBe('140,000,000');
    expect(yuan.grid.left).toBeCloseTo(10 + 11 * 0.6 * 16 + LABEL_GAP);
    // 亿元: 1.23 → steps of 0.3 up to 1.5 (three characters).
    expect(yi.grid.left).toBeCloseTo(10 + 3 * 0.6 * 16 + LABEL_GAP);
  });

  it('a line chart with a second axis has its widest tick on the right', () => {
    const x = ['1月', '2月'];
    const o = lineOption(
      x,
      [
        { name: '执行率', format: 'percent1', role: 'main', values: [0.4, 0.6] },
        { name: '预警数', format: 'count', role: 'series', values: [1200, 30] },
      ],
      { unit: 'wan', lang: 'zh', fontSize: 20 },
    ) as Loose;
    // Counts to 1,200 in steps of 200: "1,200" is five characters.
    expect(o.grid.right).toBeCloseTo(20 * 1.5 + 5 * 0.6 * 16 + LABEL_GAP);
  });

  it('a line chart leaves room for half of the first and last month labels, centred on the plot’s edges', () => {
    const x = ['2025年3月', '2025年4月'];
    const o = lineOption(x, [{ name: '预警数', format: 'count', role: 'main', values: [3, 4] }], { unit: 'wan', lang: 'zh', fontSize: 20 }) as Loose;
    // "2025年3月": five digits at 0.6 and two CJK characters at 16 px; half of it plus half a font size.
    const half = (5 * 0.6 * 16 + 2 * 16) / 2 + 10;
    expect(o.grid.left).toBeCloseTo(half);
    expect(o.grid.right).toBeCloseTo(half);
  });

  it('predicts the ticks ECharts itself draws on a value axis whose max it picks', () => {
    for (const max of [0.7, 3, 7, 12, 48, 97, 123, 999, 1_234, 55_555, 123_456_789]) {
      const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 600, height: 400 });
      chart.setOption({ animation: false, xAxis: { type: 'category', data: ['a', 'b'] }, yAxis: { type: 'value', min: 0 }, series: [{ type: 'line', data: [max / 2, max] }] });
      const axis = (chart as unknown as { getModel(): { getComponent(t: string): { axis: { scale: { getTicks(): Array<{ value: number }> } } } } })
        .getModel()
        .getComponent('yAxis').axis;
      const drawn = axis.scale.getTicks().map((t) => formatAxisTick(t.value, 'count'));
      chart.dispose();
      expect(valueTickLabels(max, 'count'), `max ${max}`).toEqual(drawn);
    }
  });
});

describe('barOption', () => {
  const opt = barOption(regions, { series: [rate], reference: tp, tooltip: [rate, gap, budget, paid], lagMetric: 'progress_gap', unit: 'wan', lang: 'zh', fontSize: 16, hint: (c) => (c.pick.kind === 'child' ? '点击查看下级' : null) }) as Loose;
  const s = opt.series[0];

  it('draws one bar per category in the slice’s order, values being the figures', () => {
    expect(opt.yAxis.data).toEqual(['第一师', '兵团本级', '第四师', '第五师', '第三师']);
    expect(opt.yAxis.inverse).toBe(true);
    expect(s.data.map((d: Loose) => d.value)).toEqual([0.838, 0.829, 0.6, 0.5, null]);
  });

  it('colours by the R01 lag bands (−15, −30 points), 本级 in its own tone', () => {
    expect(s.data.map((d: Loose) => d.itemStyle.color)).toEqual([colors.bar, colors.own, colors.warn, colors.alert, colors.bar]);
  });

  it('draws the reference (序时进度) as a dashed line at its value, labelled with the formatted figure', () => {
    expect(s.markLine.data).toEqual([{ xAxis: 304 / 365 }]);
    expect(s.markLine.label.formatter).toBe('序时进度 83.3%');
    expect(s.markLine.lineStyle.type).toBe('dashed');
  });

  it('labels bars and ticks with the shared formatters; a rate axis spans at least 0–100%', () => {
    expect(s.label.formatter({ dataIndex: 0 })).toBe('83.8%');
    expect(s.label.formatter({ dataIndex: 4 })).toBe('—');
    expect(opt.xAxis.axisLabel.formatter(0.4)).toBe('40%');
    expect(opt.xAxis.max({ max: 0.6 })).toBe(1);
    expect(opt.xAxis.max({ max: 1.2 })).toBe(1.2);
  });

  it('lists every figure in the tooltip in the chosen unit, with the drill hint where a click drills', () => {
    const tip = opt.tooltip.formatter([{ dataIndex: 0 }]);
    expect(tip).toBe('<strong>第一师</strong><br/>预算执行率：83.8%<br/>进度偏差：+0.5个百分点<br/>预算数：123.46万元<br/>支出数：100.00万元<br/><span class="tip-hint">点击查看下级</span>');
    expect(opt.tooltip.formatter([{ dataIndex: 1 }])).not.toContain('点击查看下级');
    const yi = barOption(regions, { series: [budget], unit: 'yi', lang: 'en' }) as Loose;
    expect(yi.tooltip.formatter([{ dataIndex: 0 }])).toBe('<strong>第一师</strong><br/>预算数: 0.01 100M yuan');
    expect(yi.series[0].data[0].value).toBe(0.0123); // axis value only; shown figures are formatted from fen
  });

  it('puts a metric of another kind on a second axis (hours and counts), money scaled to the unit', () => {
    const cats: Category[] = [{ key: 'a', label: '甲', pick: { kind: 'child', code: 'a' }, values: { budget: 250_000_000n, warning_count: 7n } }];
    const o = barOption(cats, { series: [budget, count], unit: 'wan', lang: 'zh' }) as Loose;
    expect(o.xAxis).toHaveLength(2);
    expect(o.series.map((x: Loose) => [x.xAxisIndex, x.data[0].value])).toEqual([
      [0, 250],
      [1, 7],
    ]);
    expect(o.series.map((x: Loose) => x.data[0].itemStyle.color)).toEqual([palette[0], palette[1]]);
    expect(o.legend).toMatchObject({ top: 0 });
    // The legend's symbols (the option's colour list, by series) are the bars' colours.
    expect(o.color.slice(0, 2)).toEqual([palette[0], palette[1]]);
    expect(o.series.map((x: Loose) => x.name)).toEqual(['预算数', '预警数']);
  });

  it('marks the category chosen as the page filter and adds a scroll bar past maxVisible bars', () => {
    const cats = Array.from({ length: 30 }, (_, i): Category => ({ key: String(200 + i), label: `类${i}`, pick: { kind: 'value', dimension: 'exp_func_class', value: String(200 + i) }, values: { paid: BigInt(i) } }));
    const o = barOption(cats, { series: [paid], unit: 'yuan', lang: 'zh', selectedKey: '203', maxVisible: 16 }) as Loose;
    expect(o.series[0].data[3].itemStyle.color).toBe(colors.selected);
    expect(o.dataZoom[0]).toMatchObject({ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: 15 });
    expect(o.yAxis.axisLabel.interval).toBe(0);
  });

  it('scrolls rather than overlapping labels when the categories do not fit the chart’s height', () => {
    // 200 px at 16 px type, the plot's margins being the grid's (a line of 12.8 px labels, 16 px high, and an 8 px gap
    // below; 1.2 font sizes above, 2.2 with a legend): (200 − 56) / 20 = 7 bars of one series; (200 − 72) / 25.6 = 5 of two.
    expect(fittingBars(200, 16, 1, false)).toBe(7);
    expect(fittingBars(200, 16, 2, false)).toBe(5);
    expect(fittingBars(40, 16, 1, false)).toBe(3);
    const twelve = Array.from({ length: 12 }, (_, i): Category => ({ key: `R${i}`, label: `R${i}`, pick: { kind: 'value', dimension: 'rule_id', value: `R${i}` }, values: { warning_count: BigInt(i) } }));
    expect((barOption(twelve, { series: [count], unit: 'wan', lang: 'zh', fontSize: 16, height: 200 }) as Loose).dataZoom[0].endValue).toBe(6);
    expect((barOption(twelve, { series: [count], unit: 'wan', lang: 'zh', fontSize: 16, height: 400 }) as Loose).dataZoom).toBeUndefined();
  });

  it('escapes names in the HTML tooltip', () => {
    const o = barOption([{ ...regions[0], label: '<b>甲</b>' }], { series: [rate], unit: 'wan', lang: 'zh' }) as Loose;
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).toContain('&lt;b&gt;甲&lt;/b&gt;');
  });

  it('scales text with the font size', () => {
    const big = barOption(regions, { series: [rate], unit: 'wan', lang: 'zh', fontSize: 32 }) as Loose;
    expect(big.textStyle.fontSize).toBe(32);
    expect(big.yAxis.axisLabel.fontSize).toBeCloseTo(27.2, 6);
  });
});

describe('lineOption', () => {
  const months = ['1月', '2月', '3月', '4月'];
  const series: LineSeries[] = [
    { name: '2026年累计预算执行率', format: 'percent1', role: 'main', values: [0.073, 0.187, null, 0.297] },
    { name: '序时进度', format: 'percent1', role: 'reference', values: [31 / 365, 59 / 365, null, 120 / 365] },
    { name: '2025年累计预算执行率', format: 'percent1', role: 'previous', values: [0.05, 0.1, 0.2, 0.3] },
  ];
  const opt = lineOption(months, series, { unit: 'wan', lang: 'zh', fontSize: 16, selectedIndex: 1 }) as Loose;

  it('draws each series on its months, null where the slice has no row', () => {
    expect(opt.xAxis.data).toEqual(months);
    expect(opt.series.map((x: Loose) => x.name)).toEqual(['2026年累计预算执行率', '序时进度', '2025年累计预算执行率']);
    expect(opt.series[0].data).toEqual([0.073, 0.187, null, 0.297]);
    expect(opt.series[1].data[3]).toBeCloseTo(120 / 365, 12);
  });

  it('styles the roles: the year labelled, 序时进度 dashed in its colour, last year grey', () => {
    expect(opt.series.map((x: Loose) => x.lineStyle.color)).toEqual([colors.bar, colors.timeProgress, colors.previousYear]);
    expect(opt.series[1].lineStyle.type).toBe('dashed');
    expect(opt.series[0].label.formatter({ dataIndex: 1 })).toBe('18.7%');
    expect(opt.series[2].label).toBeUndefined();
  });

  it('formats the axis and the tooltip as percentages, and marks the chosen month', () => {
    expect(opt.yAxis.axisLabel.formatter(0.2)).toBe('20%');
    const tip = opt.tooltip.formatter([
      { dataIndex: 3, seriesIndex: 0, marker: '' },
      { dataIndex: 3, seriesIndex: 1, marker: '' },
    ]);
    expect(tip).toBe('<strong>4月</strong><br/>2026年累计预算执行率：29.7%<br/>序时进度：32.9%');
    expect(opt.series[0].markArea.data).toEqual([[{ xAxis: '2月' }, { xAxis: '2月' }]]);
  });

  it('aligns points to the axis keys', () => {
    expect(alignTo([202601, 202602, 202603], [{ key: 202603, value: 5n }, { key: 202601, value: 1n }])).toEqual([1n, null, 5n]);
  });

  it('draws counts of a series dimension in palette colours', () => {
    const o = lineOption(['2026-10', '2026-11'], [
      { name: '待核实', format: 'count', role: 'series', values: [30n, 34n] },
      { name: '确认违规', format: 'count', role: 'series', values: [null, 2n] },
    ], { unit: 'wan', lang: 'zh' }) as Loose;
    expect(o.series.map((x: Loose) => x.data)).toEqual([[30, 34], [null, 2]]);
    expect(o.series.map((x: Loose) => x.lineStyle.color)).toEqual([palette[0], palette[1]]);
    expect(o.tooltip.formatter([{ dataIndex: 1, seriesIndex: 0, marker: '' }])).toBe('<strong>2026-11</strong><br/>待核实：34个');
  });
});

describe('pieOption', () => {
  const sev = (key: string, label: string, n: bigint): Category => ({ key, label, pick: { kind: 'value', dimension: 'severity', value: key }, values: { warning_count: n } });
  const cats = [sev('red', '红色', 15n), sev('orange', '橙色', 13n), sev('yellow', '黄色', 6n)];
  const opt = pieOption(cats, { metric: count, unit: 'wan', lang: 'zh', selectedKey: 'orange', hint: () => '点击按此筛选' }) as Loose;

  it('draws one slice per category with its figure, severities in their colours', () => {
    const d = opt.series[0].data;
    expect(d.map((x: Loose) => [x.name, x.value, x.itemStyle.color])).toEqual([
      ['红色', 15, severityColors.red],
      ['橙色', 13, severityColors.orange],
      ['黄色', 6, severityColors.yellow],
    ]);
    expect(d.map((x: Loose) => x.selected)).toEqual([false, true, false]);
  });

  it('shows the exact figure and its share in the tooltip', () => {
    expect(opt.tooltip.formatter({ dataIndex: 0, percent: 44.12 })).toBe('<strong>红色</strong><br/>预警数：15个（44.1%）<br/><span class="tip-hint">点击按此筛选</span>');
  });

  it('scales money to the unit for the ring, the label keeping the exact figure', () => {
    const fund: Category[] = [{ key: '1', label: '1 政府预算资金', pick: { kind: 'value', dimension: 'fund_type_code', value: '1' }, values: { paid: 2_812_328_000_00n } }];
    const o = pieOption(fund, { metric: paid, unit: 'yi', lang: 'zh' }) as Loose;
    expect(o.series[0].data[0].value).toBe(28.1233);
    expect(o.tooltip.formatter({ dataIndex: 0, percent: 100 })).toContain('支出数：28.12亿元（100.0%）');
    expect(o.series[0].data[0].itemStyle.color).toBe(palette[0]);
  });
});

describe('heatmapOption', () => {
  const m = {
    x: [{ key: '660100000', label: '第一师' }, { key: 'own:660000000', label: '兵团本级' }],
    y: [{ key: 'R01', label: 'R01 执行进度滞后' }, { key: 'R03', label: 'R03 三公经费超预算' }],
    cells: [
      { x: '660100000', y: 'R01', value: 3n },
      { x: 'own:660000000', y: 'R03', value: 1n },
      { x: '660100000', y: 'R03', value: 2n },
    ],
  };
  const opt = heatmapOption(m, { metric: count, unit: 'wan', lang: 'zh', fontSize: 16, hint: '点击查看下级' }) as Loose;

  it('places each cell at its (x, y) with its figure; the colour scale runs from 0 to the largest', () => {
    expect(opt.series[0].data).toEqual([[0, 0, 3], [1, 1, 1], [0, 1, 2]]);
    expect(opt.xAxis.data).toEqual(['第一师', '兵团本级']);
    expect(opt.yAxis.data).toEqual(['R01 执行进度滞后', 'R03 三公经费超预算']);
    expect(opt.visualMap).toMatchObject({ min: 0, max: 3 });
  });

  it('shrinks row labels to fit their rows when the chart’s height is known', () => {
    expect(opt.yAxis.axisLabel.fontSize).toBe(12);
    const tight = heatmapOption(m, { metric: count, unit: 'wan', lang: 'zh', fontSize: 16, height: 110 }) as Loose;
    expect(tight.yAxis.axisLabel.fontSize).toBeCloseTo(((110 - 88) / 2) * 0.8, 9);
  });

  it('writes the exact figure in the cell and the tooltip', () => {
    expect(opt.series[0].label.formatter({ dataIndex: 2 })).toBe('2');
    expect(opt.tooltip.formatter({ dataIndex: 0 })).toBe('<strong>第一师 · R01 执行进度滞后</strong><br/>预警数：3<br/><span class="tip-hint">点击查看下级</span>');
  });
});

describe('gaugeOption', () => {
  it('shows the ratio on a 0–100% dial, with its target as a second pointer', () => {
    const o = gaugeOption(0.8123, { name: '预算执行率', target: { name: '序时进度', value: 304 / 365 } }) as Loose;
    expect(o.series[0]).toMatchObject({ type: 'gauge', min: 0, max: 1, data: [{ value: 0.8123, name: '预算执行率' }] });
    expect(o.series[0].detail.formatter()).toBe('81.2%');
    expect(o.series[1].data[0].value).toBeCloseTo(304 / 365, 12);
    expect(gaugeOption(1.25, { name: 'x' }).series).toMatchObject([{ max: 1.25 }]);
    expect((gaugeOption(null, { name: 'x' }) as Loose).series[0].detail.formatter()).toBe('—');
  });
});

describe('tooltipHtml', () => {
  it('escapes every text from the data and puts the hint in a class', () => {
    expect(tooltipHtml('<i>x</i>', [{ label: 'a&b', value: '"1"' }], 'h')).toBe('<strong>&lt;i&gt;x&lt;/i&gt;</strong><br/>a&amp;b：&quot;1&quot;<br/><span class="tip-hint">h</span>');
  });
});
